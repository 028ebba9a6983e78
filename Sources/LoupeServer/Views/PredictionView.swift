import LoupeCatalog

/// A run's prediction on the wire: the run, the class by name, the shape, the score and, for
/// classification, the class probabilities indexed by class ordinal.
struct PredictionView: Encodable, Sendable {
    var id: Int64?
    /// `MODEL/NAME` of the run that made it.
    var run: String
    var className: String?
    var geometry: GeometryView
    var score: Double?
    /// Indexed like the response's `classes`.
    var probabilities: [Double]?

    /// The prediction with its run and class named.
    init(_ prediction: Prediction, run: String, classNames: [Int64: String]) {
        id = prediction.id
        self.run = run
        className = prediction.classID.flatMap { classNames[$0] }
        geometry = GeometryView(prediction.geometry)
        score = prediction.score
        probabilities = prediction.probabilities?.map(Double.init)
    }
}

/// `GET /datasets/{dataset}/rows/{key}/predictions`: the predictions on a row, of one run or all.
struct RowPredictionsView: Encodable, Sendable {
    var dataset: String
    var key: String
    /// The dataset's class names by ordinal: what `probabilities` are indexed by.
    var classes: [String]
    var predictions: [PredictionView]
}
