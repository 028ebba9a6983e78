import LoupeCatalog

/// One object's outcome in a detection evaluation: a prediction matched (`tp`), unmatched (`fp`,
/// with its reason) or absorbed by a crowd region (`ignored`), or a missed ground truth (`fn`).
struct EvaluationObjectView: Encodable, Sendable {
    var outcome: String
    var reason: String?
    var predictionId: Int64?
    var annotationId: Int64?
    var iou: Double?
    var score: Double?
    var className: String?

    /// The outcome with its class named.
    init(_ object: EvaluationObjectResult, classNames: [Int64: String]) {
        outcome = object.outcome.rawValue
        reason = object.reason?.rawValue
        predictionId = object.predictionID
        annotationId = object.annotationID
        iou = object.iou
        score = object.score
        className = object.classID.flatMap { classNames[$0] }
    }
}

/// `GET /runs/{run}/evaluations/{key}/rows/{row_key}`: a row's result and its objects' outcomes
/// (predictions by descending score, then missed ground truth).
struct EvaluationRowDetailView: Encodable, Sendable {
    var run: String
    var key: String
    var dataset: String
    var result: EvaluationRowView
    var objects: [EvaluationObjectView]
}
