/// One detection of the class being evaluated.
public struct VOCDetection: Hashable, Sendable, Codable {
    /// The image it belongs to; matched by equality with ground truths' `imageIndex`.
    public var imageIndex: Int
    /// Confidence; higher ranks first. Must not be NaN.
    public var score: Double
    /// Its box.
    public var box: BoundingBox

    /// A detection.
    public init(imageIndex: Int, score: Double, box: BoundingBox) {
        self.imageIndex = imageIndex
        self.score = score
        self.box = box
    }
}
