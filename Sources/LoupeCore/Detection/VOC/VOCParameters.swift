/// The settings of one Pascal VOC evaluation, stored with its results.
///
/// The defaults are the VOC2010+ protocol on Loupe's continuous boxes: IoU `>= 0.5`,
/// all-point interpolation, no "+1" pixels, `difficult` objects ignored. To reproduce the
/// legacy VOC devkit or Padilla et al.'s toolkits exactly, use `.inclusivePixels`; for
/// VOC2007 numbers use `.elevenPoint`; for py-faster-rcnn's `voc_eval.py` use `.greaterThan`.
public struct VOCParameters: Hashable, Sendable, Codable {
    /// How precision is interpolated over recall to give AP.
    public enum Interpolation: String, Hashable, Sendable, Codable, CaseIterable {
        /// VOC2007: the mean, over 11 recall levels `r`, of the highest precision at recall `>= r`.
        case elevenPoint
        /// VOC2010 and later: the area under the monotone precision envelope, summed at every
        /// point where recall changes.
        case allPoints
    }

    /// How box sizes and overlaps are measured.
    public enum PixelConvention: String, Hashable, Sendable, Codable, CaseIterable {
        /// Boxes are continuous regions: area `width * height` (as pycocotools measures them).
        case continuous
        /// The legacy VOC devkit convention: `[xmin, xmax]` are inclusive pixel indices, so a
        /// box spans `width + 1` pixels and the intersection `min(x2) - max(x1) + 1`.
        case inclusivePixels
    }

    /// How a detection's best IoU is compared with `iouThreshold`.
    public enum ThresholdTest: String, Hashable, Sendable, Codable, CaseIterable {
        /// `iou >= threshold`: the MATLAB VOC devkit (`VOCevaldet.m`: `ovmax>=VOCopts.minoverlap`)
        /// and Padilla et al.'s `pascal_voc_evaluator.py` (`iouMax >= iou_threshold`).
        case atLeast
        /// `iou > threshold`: py-faster-rcnn's and Detectron's `voc_eval.py` (`ovmax > ovthresh`).
        case greaterThan

        /// Whether `iou` passes `threshold` under this test.
        @inlinable
        public func passes(_ iou: Double, _ threshold: Double) -> Bool {
            switch self {
            case .atLeast: iou >= threshold
            case .greaterThan: iou > threshold
            }
        }
    }

    /// The IoU a detection needs with a ground-truth box to count as found, in `(0, 1]`.
    public var iouThreshold: Double
    /// Whether `iouThreshold` is inclusive (the devkit's `>=`, default) or strict (`voc_eval.py`).
    public var thresholdTest: ThresholdTest
    /// 11-point (VOC2007) or all-point (VOC2010+) interpolation.
    public var interpolation: Interpolation
    /// Continuous areas or the devkit's "+1" inclusive pixels.
    public var pixelConvention: PixelConvention
    /// When `true` (VOC's protocol), difficult ground truths are not counted in the support and
    /// a detection whose best match is a difficult object is ignored (neither TP nor FP). When
    /// `false`, difficult objects are ordinary ground truths.
    public var ignoresDifficult: Bool

    /// Parameters with VOC2010+ defaults.
    /// - Precondition: `0 < iouThreshold <= 1`.
    public init(iouThreshold: Double = 0.5, thresholdTest: ThresholdTest = .atLeast,
                interpolation: Interpolation = .allPoints, pixelConvention: PixelConvention = .continuous,
                ignoresDifficult: Bool = true) {
        precondition(iouThreshold > 0 && iouThreshold <= 1, "VOCParameters: IoU threshold \(iouThreshold) is outside (0, 1]")
        self.iouThreshold = iouThreshold
        self.thresholdTest = thresholdTest
        self.interpolation = interpolation
        self.pixelConvention = pixelConvention
        self.ignoresDifficult = ignoresDifficult
    }
}
