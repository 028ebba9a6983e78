/// A run's output on a row: a class, a shape, a score and, for classification, the full
/// class-probability vector indexed by class ordinal.
public struct Prediction: Hashable, Sendable {
    /// Store-assigned id; `nil` before it is written.
    public var id: Int64?
    /// The run that made it.
    public var runID: Int64
    /// The row it is about.
    public var rowID: Int64
    /// The predicted class, if the format names one.
    public var classID: Int64?
    /// The predicted shape (`.none` for a classification).
    public var geometry: Geometry
    /// Confidence, if given (finite).
    public var score: Double?
    /// Class probabilities indexed by `LabelClass.ordinal`, if given.
    public var probabilities: [Float]?

    /// A prediction value.
    public init(id: Int64? = nil, runID: Int64, rowID: Int64, classID: Int64?, geometry: Geometry,
                score: Double?, probabilities: [Float]? = nil) {
        self.id = id
        self.runID = runID
        self.rowID = rowID
        self.classID = classID
        self.geometry = geometry
        self.score = score
        self.probabilities = probabilities
    }
}
