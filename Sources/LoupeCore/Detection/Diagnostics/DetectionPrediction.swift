/// One predicted object of a row: its class, confidence and shape.
public struct DetectionPrediction<Geometry: DetectionGeometry>: Hashable, Sendable {
    /// Class index in `0..<classCount`.
    public var classIndex: Int
    /// Confidence; higher is matched first. Must not be NaN.
    public var score: Double
    /// The box or mask.
    public var geometry: Geometry

    /// A prediction.
    public init(classIndex: Int, score: Double, geometry: Geometry) {
        self.classIndex = classIndex
        self.score = score
        self.geometry = geometry
    }
}
