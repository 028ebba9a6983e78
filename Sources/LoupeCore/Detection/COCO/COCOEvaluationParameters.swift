/// The settings of a COCO evaluation, with the defaults of pycocotools 2.0.11's `Params`
/// (`cocoeval.py`, `setDetParams` and `setKpParams`).
///
/// | field | bbox / segm default | keypoints default |
/// |---|---|---|
/// | `iouThresholds` (T) | `np.linspace(.5, .95, 10)` | same |
/// | `recallThresholds` (R) | `np.linspace(0, 1, 101)` | same |
/// | `maxDetections` (M) | `[1, 10, 100]` | `[20]` |
/// | `areaRanges` (A) | all `[0, 1e10]`, small `[0, 32²]`, medium `[32², 96²]`, large `[96², 1e10]` | all, medium, large |
/// | `useCategories` | `true` | `true` |
/// | `keypointSigmas` | COCO's 17 per-keypoint sigmas / 10 | same |
///
/// Both ends of an area range are inclusive (pycocotools ignores an area `< lower` or `> upper`),
/// so an object of area exactly 1024 is both small and medium.
public struct COCOEvaluationParameters: Hashable, Sendable {
    /// What is compared between a detection and a ground truth.
    public enum IoUType: String, Hashable, Sendable, CaseIterable, Codable {
        /// Box IoU (`maskApi.c` `bbIou`).
        case bbox
        /// Mask IoU on run-length masks (`maskApi.c` `rleIou`).
        case segm
        /// Object keypoint similarity (`COCOeval.computeOks`).
        case keypoints
    }

    /// A labelled, inclusive range of object areas in square pixels.
    public struct AreaRange: Hashable, Sendable {
        /// The name used in summaries (`"all"`, `"small"`, `"medium"`, `"large"`).
        public var label: String
        /// Smallest area inside the range (inclusive).
        public var lowerBound: Double
        /// Largest area inside the range (inclusive).
        public var upperBound: Double

        /// A range from its label and inclusive bounds.
        public init(label: String, lowerBound: Double, upperBound: Double) {
            self.label = label
            self.lowerBound = lowerBound
            self.upperBound = upperBound
        }

        /// `true` when `area` lies outside `[lowerBound, upperBound]`, pycocotools'
        /// `area < aRng[0] or area > aRng[1]`.
        @inlinable
        public func excludes(_ area: Double) -> Bool { area < lowerBound || area > upperBound }

        /// pycocotools' `[0**2, 1e5**2]`.
        public static let all = AreaRange(label: "all", lowerBound: 0, upperBound: 1e10)
        /// pycocotools' `[0**2, 32**2]`.
        public static let small = AreaRange(label: "small", lowerBound: 0, upperBound: 1024)
        /// pycocotools' `[32**2, 96**2]`.
        public static let medium = AreaRange(label: "medium", lowerBound: 1024, upperBound: 9216)
        /// pycocotools' `[96**2, 1e5**2]`.
        public static let large = AreaRange(label: "large", lowerBound: 9216, upperBound: 1e10)
    }

    /// What is compared: boxes, masks or keypoints.
    public var iouType: IoUType
    /// The T IoU (or OKS) thresholds, ascending. A detection matches at threshold `t` when its
    /// overlap is `>= min(t, 1 - 1e-10)`.
    public var iouThresholds: [Double]
    /// The R recall levels at which precision is read, ascending.
    public var recallThresholds: [Double]
    /// The M per-image detection limits; the evaluation sorts them ascending and matches only the
    /// `maxDetections.last` highest-scoring detections of each image and category.
    public var maxDetections: [Int]
    /// The A area ranges. Match records (`COCOImageCategoryMatches`) are kept for the first one
    /// (`all` by default).
    public var areaRanges: [AreaRange]
    /// When `false`, categories are pooled: every detection may match every ground truth of its
    /// image (pycocotools' `useCats = 0`, used to score proposals), and the K axis has one entry.
    public var useCategories: Bool
    /// Per-keypoint OKS falloffs σ, one per keypoint (17 for COCO persons); keypoint arrays must
    /// hold `3 * keypointSigmas.count` numbers. Used only by `.keypoints`.
    public var keypointSigmas: [Double]

    /// pycocotools' defaults for `iouType` (see the table on the type).
    public init(iouType: IoUType) {
        self.iouType = iouType
        iouThresholds = Self.linspace(from: 0.5, to: 0.95, count: 10)
        recallThresholds = Self.linspace(from: 0, to: 1, count: 101)
        useCategories = true
        keypointSigmas = Self.cocoKeypointSigmas
        switch iouType {
        case .bbox, .segm:
            maxDetections = [1, 10, 100]
            areaRanges = [.all, .small, .medium, .large]
        case .keypoints:
            maxDetections = [20]
            areaRanges = [.all, .medium, .large]
        }
    }

    /// COCO's person keypoint sigmas, `np.array([.26, .25, …, .89]) / 10.0` as in pycocotools
    /// (nose, eyes, ears, shoulders, elbows, wrists, hips, knees, ankles).
    public static let cocoKeypointSigmas: [Double] = [
        0.26, 0.25, 0.25, 0.35, 0.35, 0.79, 0.79, 0.72, 0.72, 0.62, 0.62, 1.07, 1.07, 0.87, 0.87, 0.89, 0.89,
    ].map { $0 / 10.0 }

    /// `np.linspace(start, stop, count)` (endpoint included), bitwise: `i * step + start` with
    /// `step = (stop - start) / (count - 1)` and the last value set to `stop`. Thresholds built
    /// this way compare equal (`==`) to pycocotools' own, which summaries rely on
    /// (`0.75` is the sixth default IoU threshold exactly).
    /// - Complexity: O(count).
    public static func linspace(from start: Double, to stop: Double, count: Int) -> [Double] {
        NumPyArithmetic.linspace(start, stop, count: count)
    }
}
