/// One ground-truth object of the class being evaluated.
public struct VOCGroundTruth: Hashable, Sendable, Codable {
    /// The image it belongs to; any integer, matched by equality with detections' `imageIndex`.
    public var imageIndex: Int
    /// Its box.
    public var box: BoundingBox
    /// VOC's `<difficult>` flag.
    public var isDifficult: Bool

    /// A ground-truth object.
    public init(imageIndex: Int, box: BoundingBox, isDifficult: Bool = false) {
        self.imageIndex = imageIndex
        self.box = box
        self.isDifficult = isDifficult
    }
}
