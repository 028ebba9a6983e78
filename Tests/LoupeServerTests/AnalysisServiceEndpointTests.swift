import Foundation
import LoupeCatalog
import LoupeCore
import Testing

/// The endpoints that run `loupe importance` and `loupe plan`'s services: the same service with
/// the same inputs gives the same JSON, and the numbers meet the CLI tests' expectations.
@Suite("metric importance and the labeling plan")
struct AnalysisServiceEndpointTests {
    /// The API's JSON conventions (`APIJSON`), as the CLI's `--json` also writes them (there pretty-printed).
    static func encoded(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try canonical(JSONSerialization.jsonObject(with: encoder.encode(value)))
    }

    /// A parsed JSON value written again with sorted keys, so that two values compare as bytes.
    static func canonical(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
    }

    /// `ImportanceCommandTests.plantedEffect` in process: 200 classified rows, wrong at night 60% of
    /// the time and in daylight 10%, with a `noise` field.
    static func plantedEffect() async throws -> ServerWorkspace {
        let workspace = try ServerWorkspace()
        var generator = SplitMix64(seed: 3)
        var rows: [DataRow] = [], labels: [AnnotationSpec] = [], predictions: [PredictionSpec] = []
        for index in 0..<200 {
            let night = index % 2 == 0
            let label = index % 3 == 0 ? "cat" : "dog"
            rows.append(DataRow(key: "r\(index)", kind: .text, text: "row \(index)",
                                metadata: ["night": .bool(night), "noise": .number(generator.nextUnitInterval())]))
            labels.append(AnnotationSpec(rowKey: "r\(index)", className: label, geometry: .none))
            let wrong = generator.nextUnitInterval() < (night ? 0.6 : 0.1)
            predictions.append(PredictionSpec(rowKey: "r\(index)", className: wrong ? (label == "cat" ? "dog" : "cat") : label,
                                              geometry: .none, score: 0.8))
        }
        let store = workspace.store
        _ = try await store.apply(ImportBatch(source: "labels", classes: [ClassSpec(name: "cat"), ClassSpec(name: "dog")], rows: rows,
                                              annotations: labels), toDataset: "d", options: ImportOptions())
        _ = try await store.apply(ImportBatch(source: "predictions", predictions: predictions), toDataset: "d",
                                  options: ImportOptions(modelName: "m", modelTask: .classification, runName: "r"))
        let (model, run) = try await store.runs(matching: "m/r")[0]
        _ = try await RunEvaluator(store: store).evaluate(model: model, run: run, dataset: "d", options: RunEvaluationOptions(resamples: 0),
                                                          replace: false)
        return workspace
    }

    @Test("GET /runs/{run}/importance: the planted night effect ranks first, noise last, as RunMetricImportance ranks them")
    func importance() async throws {
        let workspace = try await Self.plantedEffect()
        let store = workspace.store
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/runs/r/importance?resamples=100")
            #expect(reply.status == .ok, "\(String(decoding: reply.body, as: UTF8.self))")
            let body = try reply.json
            #expect(body["metric"] as? String == "correct" && body["dataset"] as? String == "d" && body["key"] as? String == "default")
            let fields = try #require(body["fields"] as? [[String: Any]])
            // The CLI test's expectations.
            #expect(fields.first?["name"] as? String == "meta.night")
            let noise = try #require(fields.firstIndex { $0["name"] as? String == "meta.noise" })
            #expect((fields[0]["strength"] as? Double ?? 0) > 0.3 && (fields[noise]["strength"] as? Double ?? 1) < 0.2)
            // The service with the same inputs.
            let evaluation = try #require(try await store.evaluation(runID: store.runs(matching: "r")[0].1.id, key: "default"))
            let ranked = try await RunMetricImportance.rank(store: store, dataset: "d", evaluation: evaluation, metric: .correct,
                                                            parameters: MetricImportance.Parameters(resamples: 100, seed: 0))
            #expect(try Self.canonical(body["fields"] as Any) == Self.encoded(ranked))
            // Named explicitly, with the dataset: the same.
            let explicit = try await client.send("/api/v1/runs/m%2Fr/importance?resamples=100&metric=correct&dataset=d&seed=0")
            #expect(explicit.body == reply.body)
            let badMetric = try await client.send("/api/v1/runs/r/importance?metric=accuracy")
            #expect(try badMetric.status == .badRequest && (badMetric.error["field"] as? String) == "metric")
            // A detection metric on a classification evaluation: named, refused.
            let wrongKind = try await client.send("/api/v1/runs/r/importance?metric=iou&resamples=0")
            #expect(try wrongKind.status == .badRequest && (wrongKind.error["field"] as? String) == "metric")
            #expect(try await client.send("/api/v1/runs/r/importance?key=nope").status == .notFound)
            #expect(try await client.send("/api/v1/runs/r/importance?dataset=nope").status == .notFound)
            let badResamples = try await client.send("/api/v1/runs/r/importance?resamples=-1")
            #expect(try badResamples.status == .badRequest && (badResamples.error["field"] as? String) == "resamples")
            #expect(try await client.send("/api/v1/runs/nope/importance").status == .notFound)
        }
    }

    @Test("GET /runs/{run}/importance on voc100's detector: errors per row, as the service ranks them")
    func detectionImportance() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        let store = workspace.store
        try await withServer(workspace) { client in
            let body = try await client.send("/api/v1/runs/baseline/importance?resamples=20&seed=7").json
            #expect(body["metric"] as? String == "errors" && body["dataset"] as? String == "voc100")
            let evaluation = try #require(try await store.evaluation(runID: store.runs(matching: "baseline")[0].1.id, key: "default"))
            let ranked = try await RunMetricImportance.rank(store: store, dataset: "voc100", evaluation: evaluation, metric: .errors,
                                                            parameters: MetricImportance.Parameters(resamples: 20, seed: 7))
            #expect(try Self.canonical(body["fields"] as Any) == Self.encoded(ranked))
            #expect((body["fields"] as? [[String: Any]])?.contains { $0["name"] as? String == "gt.count" } == true)
        }
    }

    /// `LearningCurveAnalysisTests.syntheticRuns`, smaller: cat 0.9 − 0.8·n^−0.5 and dog 0.7 −
    /// 0.5·n^−0.3 observed with seeded noise on five runs with 25 to 400 training labels per class.
    static func syntheticRuns() async throws -> (ServerWorkspace, cat: @Sendable (Double) -> Double) {
        let workspace = try ServerWorkspace()
        let store = workspace.store
        let perClass = 400
        var rows: [DataRow] = [], annotations: [AnnotationSpec] = []
        for index in 0..<(2 * perClass) {
            rows.append(DataRow(key: "r\(index)", kind: .text, text: "row", split: "train"))
            annotations.append(AnnotationSpec(rowKey: "r\(index)", className: index < perClass ? "cat" : "dog", geometry: .none))
        }
        _ = try await store.apply(ImportBatch(source: "synthetic", classes: [ClassSpec(name: "cat"), ClassSpec(name: "dog")],
                                              rows: rows, annotations: annotations), toDataset: "pets", options: ImportOptions())
        let dataset = try #require(try await store.dataset(named: "pets"))
        let ids = try await Page.all { try await store.rows(datasetID: dataset.id, page: $0) }.map { $0.id! }
        let model = try await store.createModel(named: "clf", task: .classification)
        let cat: @Sendable (Double) -> Double = { n in 0.9 - 0.8 * pow(n, -0.5) }
        let dog: @Sendable (Double) -> Double = { n in 0.7 - 0.5 * pow(n, -0.3) }
        var generator = SplitMix64(seed: 9)
        func noise() -> Double {
            let u = max(generator.nextUnitInterval(), 1e-12), v = generator.nextUnitInterval()
            return 0.005 * sqrt(-2 * log(u)) * cos(2 * .pi * v)
        }
        for (position, n) in [25, 50, 100, 200, 400].enumerated() {
            let run = try await store.createRun(modelID: model.id, name: "budget\(position)", configJSON: "{}")
            try await store.addToSnapshot(runID: run.id, rows: (Array(ids[0..<n]) + Array(ids[perClass..<(perClass + n)])).map { ($0, "train") })
            _ = try await store.saveEvaluation(EvaluationDraft(
                runID: run.id, key: "default", kind: .classification, parametersJSON: "{}",
                summary: [MetricRecord(name: "accuracy", value: 0.5, support: 1)],
                perClass: [ClassMetricRecords(className: "cat", metrics: [MetricRecord(name: "f1", value: cat(Double(n)) + noise(), support: 1)]),
                           ClassMetricRecords(className: "dog", metrics: [MetricRecord(name: "f1", value: dog(Double(n)) + noise(), support: 1)])],
                detailsJSON: "{}", rows: [], objects: []), replace: false)
        }
        return (workspace, cat)
    }

    @Test("GET /datasets/{dataset}/plan: the curves and the plan LearningCurveAnalysis makes, the known curve recovered")
    func plan() async throws {
        let (workspace, cat) = try await Self.syntheticRuns()
        let store = workspace.store
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/datasets/pets/plan?model=clf&budget=500&resamples=0")
            #expect(reply.status == .ok, "\(String(decoding: reply.body, as: UTF8.self))")
            let body = try reply.json
            let model = try #require(try await store.models().first { $0.name == "clf" })
            let report = try await LearningCurveAnalysis.analyze(store: store, dataset: "pets", model: model, budget: 500,
                                                                 options: LearningCurve.Options(bootstrapResamples: 0))
            #expect(try Self.canonical(body) == Self.encoded(report))
            // LearningCurveAnalysisTests' expectations: F1 per class, the runs' label totals, the fitted cat curve.
            #expect(body["metric"] as? String == "f1" && body["grouped_by"] as? String == "classes")
            #expect((body["runs"] as? [[String: Any]])?.map { $0["labels"] as? Int } == [50, 100, 200, 400, 800])
            let curves = try #require(body["curves"] as? [[String: Any]])
            let catCurve = try #require(curves.first { $0["name"] as? String == "cat" }?["curve"] as? [String: Any])
            let parameters = try #require(catCurve["parameters"] as? [String: Double])
            let fitted = parameters["ceiling"]! - parameters["scale"]! * pow(400, -parameters["exponent"]!)
            #expect(abs(fitted - cat(400)) < 0.02, "\(parameters)")
            let plan = try #require(body["plan"] as? [String: Any])
            let added = try #require(plan["allocations"] as? [[String: Any]]).reduce(0) { $0 + ($1["added_labels"] as? Int ?? 0) }
            #expect(added + (plan["unallocated_labels"] as? Int ?? -1) == 500)
            // Without a budget there is no plan.
            #expect(try await client.send("/api/v1/datasets/pets/plan?model=clf&resamples=0").json["plan"] == nil)
            // Errors, each naming its parameter.
            for (query, field) in [("by=rows", "by"), ("budget=0", "budget"), ("resamples=20000", "resamples"), ("training_split=train,", "training_split")] {
                let refused = try await client.send("/api/v1/datasets/pets/plan?model=clf&\(query)")
                #expect(try refused.status == .badRequest && (refused.error["field"] as? String) == field, "\(query)")
            }
            let noModel = try await client.send("/api/v1/datasets/pets/plan")
            #expect(try noModel.status == .badRequest && (noModel.error["field"] as? String) == "model")
            #expect(try await client.send("/api/v1/datasets/pets/plan?model=nope").status == .notFound)
            #expect(try await client.send("/api/v1/datasets/nope/plan?model=clf").status == .notFound)
        }
    }
}
