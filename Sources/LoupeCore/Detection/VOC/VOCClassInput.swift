/// The ground truths and detections of one class, the unit VOC evaluates.
public struct VOCClassInput: Hashable, Sendable, Codable {
    /// The class's ground-truth objects over all images.
    public var groundTruths: [VOCGroundTruth]
    /// The class's detections over all images.
    public var detections: [VOCDetection]

    /// One class's inputs.
    public init(groundTruths: [VOCGroundTruth], detections: [VOCDetection]) {
        self.groundTruths = groundTruths
        self.detections = detections
    }
}
