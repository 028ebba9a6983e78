import Foundation
import LoupeCatalog
import LoupeCore
@testable import LoupeSQLite
import Testing

@Suite("Learning curves across runs and the budget plan")
struct LearningCurveAnalysisTests {
    @Test("six synthetic runs on growing snapshots: each class's known curve is recovered within its intervals; the plan spends the budget")
    func syntheticRuns() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        let perClass = 1600
        var rows: [DataRow] = []
        var annotations: [AnnotationSpec] = []
        for index in 0..<(2 * perClass) {
            let key = "r\(index)"
            rows.append(DataRow(key: key, split: "train"))
            annotations.append(AnnotationSpec(rowKey: key, className: index < perClass ? "cat" : "dog", geometry: .none))
        }
        _ = try await store.apply(ImportBatch(source: "synthetic", classes: [ClassSpec(name: "cat"), ClassSpec(name: "dog")],
                                              rows: rows, annotations: annotations), toDataset: "pets", options: ImportOptions())
        let dataset = try #require(try await store.dataset(named: "pets"))
        let ids = try await Page.all { try await store.rows(datasetID: dataset.id, page: $0) }.map { $0.id! }
        let model = try await store.createModel(named: "clf", task: .classification)
        // True curves: cat 0.9 − 0.8·n^−0.5, dog 0.7 − 0.5·n^−0.3, observed with seeded noise (σ = 0.005).
        func cat(_ n: Double) -> Double { 0.9 - 0.8 * pow(n, -0.5) }
        func dog(_ n: Double) -> Double { 0.7 - 0.5 * pow(n, -0.3) }
        var generator = SplitMix64(seed: 9)
        func noise() -> Double {
            // Box–Muller from two uniform draws.
            let u = max(generator.nextUnitInterval(), 1e-12), v = generator.nextUnitInterval()
            return 0.005 * sqrt(-2 * log(u)) * cos(2 * .pi * v)
        }
        for (position, n) in [50, 100, 200, 400, 800, 1600].enumerated() {
            let run = try await store.createRun(modelID: model.id, name: "budget\(position)", configJSON: "{}")
            try await store.addToSnapshot(runID: run.id, rows: (Array(ids[0..<n]) + Array(ids[perClass..<(perClass + n)])).map { ($0, "train") })
            let draft = EvaluationDraft(
                runID: run.id, key: "default", kind: .classification, parametersJSON: "{}",
                summary: [MetricRecord(name: "accuracy", value: 0.5, support: 1)],
                perClass: [ClassMetricRecords(className: "cat", metrics: [MetricRecord(name: "f1", value: cat(Double(n)) + noise(), support: 1)]),
                           ClassMetricRecords(className: "dog", metrics: [MetricRecord(name: "f1", value: dog(Double(n)) + noise(), support: 1)])],
                detailsJSON: "{}", rows: [], objects: [])
            _ = try await store.saveEvaluation(draft, replace: false)
        }
        let report = try await LearningCurveAnalysis.analyze(store: store, dataset: "pets", model: model, budget: 2000,
                                                             options: LearningCurve.Options(bootstrapResamples: 0))
        #expect(report.metric == "f1" && report.runs.map(\.labels) == [100, 200, 400, 800, 1600, 3200])
        let catCurve = try #require(report.classes.first { $0.name == "cat" }?.curve)
        let intervals = try #require(catCurve.intervals)
        #expect(intervals.ceiling.contains(0.9) && intervals.scale.contains(0.8) && intervals.exponent.contains(0.5),
                "\(catCurve.parameters) \(intervals)")
        #expect(catCurve.points.map(\.labelCount) == [50, 100, 200, 400, 800, 1600])
        let prediction = catCurve.prediction(at: 3200)
        #expect(abs(prediction.value - cat(3200)) < 0.02)
        let plan = try #require(report.plan)
        #expect(plan.allocations.reduce(0) { $0 + $1.addedLabels } + plan.unallocatedLabels == 2000)
        #expect(plan.overallGain.map { $0.value > 0 } == true)
    }
}
