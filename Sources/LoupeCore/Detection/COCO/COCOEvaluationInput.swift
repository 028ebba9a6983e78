/// Everything a COCO evaluation reads: the evaluated image and category ids, the ground truth
/// and the detections, as plain values.
///
/// The loader that builds this value (in another target) is responsible for what pycocotools'
/// `COCO.loadRes` and `COCOeval._prepare` do to the files:
/// - `imageIDs` and `categoryIDs` are the ground-truth file's `images[].id` and
///   `categories[].id` (`COCOeval.__init__` takes them from the ground truth, not the annotations).
/// - ground-truth `area` is the file's `area` field (for boxes too: it is usually the mask area).
/// - detection `area` follows `loadRes`, which picks one branch for the whole file from the
///   **first** result: if it has a non-empty `bbox`, every area is `w * h` of the given box (even
///   for segm or keypoint results that also carry a box); otherwise with `segmentation`, the
///   mask's pixel count; otherwise with `keypoints`, `(max x - min x) * (max y - min y)` over all
///   keypoints (visible or not).
/// - for `.segm`, every mask is a run-length mask of its image's size; polygons and uncompressed
///   RLE are converted by the loader (`annToRLE`), and a box result without a segmentation
///   becomes the polygon of its box (`loadRes`).
///
/// Ground truths and detections whose image is not in `imageIDs`, or whose category is not in
/// `categoryIDs`, are left out of the evaluation, as pycocotools' `getAnnIds` filter does.
public struct COCOEvaluationInput: Sendable {
    /// One ground-truth annotation.
    public struct GroundTruth: Hashable, Sendable {
        /// The annotation id. Ids should be unique (pycocotools looks annotations up by id).
        /// pycocotools records matches by id and reads `0` as "no match": a detection matched to a
        /// ground truth of id 0 counts as a false positive, not a true positive (kept here).
        public var id: Int
        /// The image the annotation belongs to.
        public var imageID: Int
        /// The annotation's category.
        public var categoryID: Int
        /// The file's `area` field; it decides the area ranges and scales OKS.
        public var area: Double
        /// COCO's `iscrowd`: never counted as a positive, and any number of detections may match it.
        public var isCrowd: Bool
        /// An extra ignore flag, combined with `isCrowd` (and for keypoints with
        /// `keypointCount == 0`): an ignored ground truth is not counted, and a detection matched
        /// to it is neither a true nor a false positive. pycocotools 2.0.11 **discards** the
        /// file's `ignore` field (`_prepare` overwrites it with `iscrowd`), so a loader that
        /// reproduces pycocotools leaves this `false`.
        public var isIgnored: Bool
        /// The box `[x, y, w, h]`: compared for `.bbox`; for `.keypoints` it sets the region
        /// `[x - w, x + 2w] × [y - h, y + 2h]` used when no keypoint is visible.
        public var box: BoundingBox
        /// The mask, required for `.segm`.
        public var mask: RunLengthMask?
        /// `[x1, y1, v1, x2, y2, v2, …]`, required for `.keypoints`; `v > 0` marks a labelled keypoint.
        public var keypoints: [Double]?
        /// The file's `num_keypoints`; for `.keypoints` a ground truth with 0 is ignored.
        public var keypointCount: Int

        /// A ground truth from its fields.
        public init(id: Int, imageID: Int, categoryID: Int, area: Double, isCrowd: Bool = false,
                    isIgnored: Bool = false, box: BoundingBox, mask: RunLengthMask? = nil,
                    keypoints: [Double]? = nil, keypointCount: Int = 0) {
            self.id = id
            self.imageID = imageID
            self.categoryID = categoryID
            self.area = area
            self.isCrowd = isCrowd
            self.isIgnored = isIgnored
            self.box = box
            self.mask = mask
            self.keypoints = keypoints
            self.keypointCount = keypointCount
        }
    }

    /// One detection (a result of the evaluated model).
    public struct Detection: Hashable, Sendable {
        /// The image the detection belongs to.
        public var imageID: Int
        /// The predicted category.
        public var categoryID: Int
        /// The confidence; higher first. Must be finite.
        public var score: Double
        /// The area `loadRes` computes (see the type's notes); it decides whether an unmatched
        /// detection is ignored in an area range.
        public var area: Double
        /// The box `[x, y, w, h]`, compared for `.bbox`.
        public var box: BoundingBox
        /// The mask, required for `.segm`.
        public var mask: RunLengthMask?
        /// `[x1, y1, v1, …]`, required for `.keypoints` (the `v` values are not used).
        public var keypoints: [Double]?

        /// A detection from its fields.
        public init(imageID: Int, categoryID: Int, score: Double, area: Double, box: BoundingBox,
                    mask: RunLengthMask? = nil, keypoints: [Double]? = nil) {
            self.imageID = imageID
            self.categoryID = categoryID
            self.score = score
            self.area = area
            self.box = box
            self.mask = mask
            self.keypoints = keypoints
        }
    }

    /// The evaluated images; duplicates are merged and the I axis is ascending.
    public var imageIDs: [Int]
    /// The evaluated categories; duplicates are merged and the K axis is ascending.
    public var categoryIDs: [Int]
    /// The ground truth, in file order (the order decides ties between equal IoUs).
    public var groundTruths: [GroundTruth]
    /// The detections, in file order: equal scores keep this order, which decides ties.
    public var detections: [Detection]

    /// An input from its parts.
    public init(imageIDs: [Int], categoryIDs: [Int], groundTruths: [GroundTruth], detections: [Detection]) {
        self.imageIDs = imageIDs
        self.categoryIDs = categoryIDs
        self.groundTruths = groundTruths
        self.detections = detections
    }
}
