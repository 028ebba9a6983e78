/// The settings of one diagnostics run, stored with its results.
public struct DetectionDiagnosticParameters: Hashable, Sendable, Codable {
    /// A prediction matches a ground truth when their IoU is `>= iouThreshold` (COCO's test).
    public var iouThreshold: Double
    /// Predictions with `score >= scoreThreshold` take part; the others are reported as
    /// `.belowScoreThreshold` and counted nowhere.
    public var scoreThreshold: Double
    /// Below this IoU with every ground truth a false positive is `.background` (TIDE's 0.1).
    public var backgroundIoU: Double

    /// Parameters; the defaults are IoU 0.5, every prediction (score `>= 0`), background below 0.1.
    /// - Precondition: `0 < iouThreshold <= 1` and `0 <= backgroundIoU <= iouThreshold`.
    public init(iouThreshold: Double = 0.5, scoreThreshold: Double = 0, backgroundIoU: Double = 0.1) {
        precondition(iouThreshold > 0 && iouThreshold <= 1, "DetectionDiagnosticParameters: IoU threshold \(iouThreshold) is outside (0, 1]")
        precondition(backgroundIoU >= 0 && backgroundIoU <= iouThreshold,
                     "DetectionDiagnosticParameters: background IoU \(backgroundIoU) is outside [0, \(iouThreshold)]")
        self.iouThreshold = iouThreshold
        self.scoreThreshold = scoreThreshold
        self.backgroundIoU = backgroundIoU
    }
}
