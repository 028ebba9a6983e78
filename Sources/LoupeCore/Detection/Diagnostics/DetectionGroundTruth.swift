/// One ground-truth object of a row: its class, shape and COCO crowd flag.
public struct DetectionGroundTruth<Geometry: DetectionGeometry>: Hashable, Sendable {
    /// Class index in `0..<classCount`.
    public var classIndex: Int
    /// The box or mask.
    public var geometry: Geometry
    /// COCO's `iscrowd`: a region that absorbs predictions instead of being found.
    public var isCrowd: Bool

    /// A ground-truth object.
    public init(classIndex: Int, geometry: Geometry, isCrowd: Bool = false) {
        self.classIndex = classIndex
        self.geometry = geometry
        self.isCrowd = isCrowd
    }
}
