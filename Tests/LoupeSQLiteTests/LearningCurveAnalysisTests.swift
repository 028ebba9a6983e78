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
        // Relabeling rows after the runs (a new label version) does not change what the runs had.
        var relabel = ImportBatch(source: "review", rows: (0..<10).map { DataRow(key: "r\($0)") },
                                  annotations: (0..<10).map { AnnotationSpec(rowKey: "r\($0)", className: "dog", geometry: .none) })
        relabel.statesCompleteGroundTruth = true
        _ = try await store.apply(relabel, toDataset: "pets", options: ImportOptions(replace: true))
        #expect(try await store.row(datasetID: dataset.id, key: "r0")?.labelVersion == 2)
        #expect(try await store.annotations(rowID: ids[0]).map(\.classID) == [try await store.classes(datasetID: dataset.id).first { $0.name == "dog" }?.id])
        let report = try await LearningCurveAnalysis.analyze(store: store, dataset: "pets", model: model, budget: 2000,
                                                             options: LearningCurve.Options(bootstrapResamples: 0))
        #expect(report.metric == "f1" && report.runs.map(\.labels) == [100, 200, 400, 800, 1600, 3200])
        let catCurve = try #require(report.curves.first { $0.name == "cat" }?.curve)
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

    @Test("per slice: known accuracy curves of night and day rows, measured from stored per-row results, are fitted within 0.006 up to twice the largest budget; the plan favours night")
    func syntheticSlices() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        let trainPerSlice = 1600, testPerSlice = 4000
        var rows: [DataRow] = []
        var annotations: [AnnotationSpec] = []
        for night in [true, false] {
            for index in 0..<(trainPerSlice + testPerSlice) {
                let key = "\(night ? "n" : "d")\(index)"
                rows.append(DataRow(key: key, split: index < trainPerSlice ? "train" : "test", metadata: ["night": .bool(night)]))
                annotations.append(AnnotationSpec(rowKey: key, className: index % 2 == 0 ? "cat" : "dog", geometry: .none))
            }
        }
        _ = try await store.apply(ImportBatch(source: "synthetic", classes: [ClassSpec(name: "cat"), ClassSpec(name: "dog")],
                                              rows: rows, annotations: annotations), toDataset: "pets", options: ImportOptions())
        let dataset = try #require(try await store.dataset(named: "pets"))
        _ = try await store.saveSlice(datasetID: dataset.id, name: "night", filter: "meta.night = true", replace: false)
        _ = try await store.saveSlice(datasetID: dataset.id, name: "day", filter: "meta.night = false", replace: false)
        let all = try await Page.all { try await store.rows(datasetID: dataset.id, page: $0) }
        func ids(_ prefix: String, _ range: Range<Int>) -> [Int64] {
            let byKey = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0.id!) })
            return range.map { byKey["\(prefix)\($0)"]! }
        }
        let model = try await store.createModel(named: "clf", task: .classification)
        // True curves: night 0.85 − 0.6·n^−0.4, day 0.95 − 0.5·n^−0.5 (n = the slice's training labels),
        // observed as the share of correct test rows, with seeded noise (σ = 0.002).
        func night(_ n: Double) -> Double { 0.85 - 0.6 * pow(n, -0.4) }
        func day(_ n: Double) -> Double { 0.95 - 0.5 * pow(n, -0.5) }
        var generator = SplitMix64(seed: 4)
        func noise() -> Double {
            let u = max(generator.nextUnitInterval(), 1e-12), v = generator.nextUnitInterval()
            return 0.002 * sqrt(-2 * log(u)) * cos(2 * .pi * v)
        }
        for (position, n) in [25, 50, 100, 200, 400, 800, 1600].enumerated() {
            let run = try await store.createRun(modelID: model.id, name: "budget\(position)", configJSON: "{}")
            try await store.addToSnapshot(runID: run.id, rows: (ids("n", 0..<n) + ids("d", 0..<n)).map { ($0, "train") })
            var results: [EvaluationRowResult] = []
            for (prefix, curve) in [("n", night), ("d", day)] {
                let correct = Int((curve(Double(n)) + noise()) * Double(testPerSlice))
                for (offset, id) in ids(prefix, trainPerSlice..<(trainPerSlice + testPerSlice)).enumerated() {
                    results.append(EvaluationRowResult(rowID: id, correct: offset < correct, confidence: 0.5))
                }
            }
            let draft = EvaluationDraft(runID: run.id, key: "default", kind: .classification, parametersJSON: "{}",
                                        summary: [MetricRecord(name: "accuracy", value: 0.5, support: 1)], perClass: [],
                                        detailsJSON: "{}", rows: results.sorted { $0.rowID < $1.rowID }, objects: [])
            _ = try await store.saveEvaluation(draft, replace: false)
        }
        let report = try await LearningCurveAnalysis.analyze(store: store, dataset: "pets", model: model, groupBy: .slices, budget: 1000,
                                                             options: LearningCurve.Options(bootstrapResamples: 0))
        #expect(report.metric == "accuracy" && report.groupedBy == .slices)
        #expect(report.curves.map(\.name) == ["day", "night"])
        for (name, truth) in [("night", night), ("day", day)] {
            let curve = try #require(report.curves.first { $0.name == name }?.curve, "\(name)")
            #expect(curve.points.map(\.labelCount) == [25, 50, 100, 200, 400, 800, 1600])
            // The fitted curve follows the true one where it was observed and a doubling beyond it.
            for n in [25.0, 200, 1600, 3200] {
                #expect(abs(curve.prediction(at: n).value - truth(n)) < 0.006, "\(name) at \(n): \(curve.parameters)")
            }
        }
        let plan = try #require(report.plan)
        #expect(plan.allocations.reduce(0) { $0 + $1.addedLabels } + plan.unallocatedLabels == 1000)
        // Night is further from its ceiling: it gets the larger share.
        let night = plan.allocations.first { $0.name == "night" }?.addedLabels ?? 0
        let day = plan.allocations.first { $0.name == "day" }?.addedLabels ?? 0
        #expect(night > day, "night \(night), day \(day)")
    }
}
