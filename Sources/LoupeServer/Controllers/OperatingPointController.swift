import Foundation
import Hummingbird
import LoupeCatalog
import LoupeCore

/// `GET /runs/{run}/evaluations/{key}/operating-point?threshold=…`: a detection evaluation's
/// precision, recall and F1 per class and over all classes when only the predictions scoring at
/// least `threshold` are kept — exact, counted from the stored per-object outcomes at the
/// evaluation's IoU threshold (what the dashboard's threshold control shows).
struct OperatingPointController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the route on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("runs/:run/evaluations/:key/operating-point", use: point)
    }

    @Sendable func point(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<OperatingPointView> {
        let lookup = CatalogLookup(store: store)
        let (model, run) = try await lookup.run(context.pathParameter("run"))
        let evaluation = try await lookup.evaluation(of: run, key: context.pathParameter("key"))
        guard evaluation.kind == .detection else {
            throw APIError.badRequest("evaluation '\(evaluation.key)' of run '\(model.name)/\(run.name)' is a \(evaluation.kind.rawValue) evaluation; operating points are counted over detections",
                                      field: "key")
        }
        let query = try QueryParameters(request)
        let parameters = EvaluationParameters(json: evaluation.parametersJSON)
        let threshold = try Self.threshold(query["threshold"], minimum: parameters.scoreThreshold)
        guard let dataset = try await lookup.dataset(of: run) else { throw APIError.notFound("run '\(model.name)/\(run.name)' has no rows") }
        let names = Dictionary(uniqueKeysWithValues: try await store.classes(datasetID: dataset.id).map { ($0.id, $0.name) })
        let counts = try await store.detectionOperatingCounts(evaluationID: evaluation.id, scoreThreshold: threshold)
        let classes = counts.map { count in
            OperatingPointView.Point(className: names[count.classID] ?? "#\(count.classID)", DetectionOperatingPoint(
                scoreThreshold: threshold, truePositives: count.truePositives, falsePositives: count.falsePositives, groundTruths: count.groundTruths))
        }
        let all = DetectionOperatingPoint(scoreThreshold: threshold, truePositives: counts.reduce(0) { $0 + $1.truePositives },
                                          falsePositives: counts.reduce(0) { $0 + $1.falsePositives },
                                          groundTruths: counts.reduce(0) { $0 + $1.groundTruths })
        return JSONResponse(value: OperatingPointView(
            run: "\(model.name)/\(run.name)", key: evaluation.key, threshold: threshold, iouThreshold: parameters.iouThreshold,
            minimumThreshold: parameters.scoreThreshold, all: .init(className: nil, all), classes: classes))
    }

    /// The `threshold` parameter: a number in [minimum, 1]; the evaluation left out predictions
    /// below its own score threshold, so lower ones cannot be counted.
    static func threshold(_ text: String?, minimum: Double) throws(APIError) -> Double {
        guard let text, !text.isEmpty else { throw .badRequest("threshold is required: the lowest score kept, from \(minimum) to 1", field: "threshold") }
        guard let value = Double(text), value.isFinite, value >= minimum, value <= 1 else {
            throw .badRequest("threshold must be a number from \(minimum) to 1 (the evaluation kept scores from \(minimum)), not '\(text)'", field: "threshold")
        }
        return value
    }
}

/// The IoU and score thresholds a detection evaluation was made with, read from its stored
/// parameters (the defaults, 0.5 and 0, when an older evaluation lacks them).
struct EvaluationParameters {
    var iouThreshold = 0.5
    var scoreThreshold = 0.0

    init(json: String) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return }
        if let iou = object["iou_threshold"] as? Double { iouThreshold = iou }
        if let score = object["score_threshold"] as? Double { scoreThreshold = score }
    }
}

/// `GET /runs/{run}/evaluations/{key}/operating-point`.
struct OperatingPointView: Encodable, Sendable {
    /// Counts and rates at the threshold, for a class or over all classes (micro-averaged).
    struct Point: Encodable, Sendable {
        var className: String?
        var truePositives: Int
        var falsePositives: Int
        var falseNegatives: Int
        var precision: Double?
        var recall: Double?
        var f1: Double

        init(className: String?, _ point: DetectionOperatingPoint) {
            self.className = className
            truePositives = point.truePositives
            falsePositives = point.falsePositives
            falseNegatives = point.falseNegatives
            precision = point.precision
            recall = point.recall
            f1 = point.f1
        }

        private enum CodingKeys: String, CodingKey { case className = "class", truePositives, falsePositives, falseNegatives, precision, recall, f1 }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(className, forKey: .className)
            try container.encode(truePositives, forKey: .truePositives)
            try container.encode(falsePositives, forKey: .falsePositives)
            try container.encode(falseNegatives, forKey: .falseNegatives)
            try container.encode(precision, forKey: .precision)
            try container.encode(recall, forKey: .recall)
            try container.encode(f1, forKey: .f1)
        }
    }

    var run: String
    var key: String
    var threshold: Double
    var iouThreshold: Double
    var minimumThreshold: Double
    var all: Point
    var classes: [Point]
}
