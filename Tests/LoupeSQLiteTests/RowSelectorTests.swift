import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite
import Testing

/// `RowSelector` on hand-built pools whose answers are known: every strategy through the store.
@Suite("selection through the store")
struct RowSelectorTests {
    static func select(_ store: SQLiteStore, _ strategy: SelectionStrategy, budget: Int, run: String? = nil, space: String? = nil,
                       filter: String? = nil, seed: UInt64 = 0, seedKeys: [String] = [], weights: [SelectionInputs.Weight] = [],
                       clusters: Int? = nil, dataset: String = "pets") async throws -> RowSelection {
        try await RowSelector(store: store).select(SelectionRequest(
            dataset: dataset, strategy: strategy, budget: budget, run: run, space: space, filter: try filter.map { try FilterParser.parse($0) },
            seed: seed, seedKeys: seedKeys, weights: weights, clusters: clusters))
    }

    @Test("margin, least confidence and entropy rank the unlabeled rows by the run's probabilities; labeled rows and rows without a prediction stay out")
    func uncertainty() async throws {
        let workspace = try TemporaryWorkspace()
        try await SelectionFixture.build(workspace.store)
        let margin = try await Self.select(workspace.store, .margin, budget: 10, run: "r1")
        // Margins: u3 0.99, u0 0.95, u2 0.9, u1 0.15; l0 and l1 are labeled, u4 has no prediction.
        #expect(margin.rows.map(\.key) == ["u3", "u0", "u2", "u1"])
        for row in margin.rows {
            #expect(abs(row.score - SelectionFixture.margin(SelectionFixture.probabilities[row.key]!)) < 1e-6, "\(row)")
            #expect(abs(row.components["margin"]! - row.score) < 1e-12)
        }
        #expect(margin.poolRows == 5 && margin.filter == "label_version = 0" && margin.run == "clf/r1")
        #expect(margin.excluded.map(\.reason) == ["no prediction of run 'clf/r1'"] && margin.excluded.map(\.rows) == [1])
        #expect(margin.rows[0].reason.contains("bird") && margin.rows[0].reason.contains("margin"), "\(margin.rows[0].reason)")
        // Least confidence 1 − max p: u3 0.66, u2 0.6, u0 0.5, u1 0.1; entropy orders them alike.
        #expect(try await Self.select(workspace.store, .leastConfidence, budget: 2, run: "r1").rows.map(\.key) == ["u3", "u2"])
        let entropy = try await Self.select(workspace.store, .entropy, budget: 4, run: "clf/r1")
        #expect(entropy.rows.map(\.key) == ["u3", "u2", "u0", "u1"])
        let p = SelectionFixture.probabilities["u2"]!
        #expect(abs(entropy.rows[1].score - p.reduce(0) { $0 - $1 * log($1) }) < 1e-6)
        // A filter replaces the default pool: the labeled rows ranked too.
        let all = try await Self.select(workspace.store, .margin, budget: 10, run: "r1", filter: #"key != "u4""#)
        #expect(all.rows.map(\.key) == ["u3", "u0", "u2", "l0", "l1", "u1"] && all.excluded.isEmpty)
    }

    @Test("k_center first picks the row farthest from the labeled rows, then the next farthest; reasons name the nearest row by key")
    func kCenter() async throws {
        let workspace = try TemporaryWorkspace()
        try await SelectionFixture.build(workspace.store)
        let selection = try await Self.select(workspace.store, .kCenter, budget: 2, space: "feat")
        #expect(selection.rows.map(\.key) == ["u3", "u2"])
        let v = SelectionFixture.vectors
        // u3 = (−1, 0.1): its nearest labeled row is l1 = (0, 1), at cosine distance 1 − cos.
        #expect(abs(selection.rows[0].score - (1 - SelectionFixture.cosine(v["u3"]!, v["l1"]!))) < 1e-5)
        #expect(selection.rows[0].reason.contains("to row l1,"), "\(selection.rows[0].reason)")
        #expect(abs(selection.rows[1].score - (1 - SelectionFixture.cosine(v["u2"]!, v["l0"]!))) < 1e-5)
        #expect(selection.poolRows == 5 && selection.space == "feat" && selection.excluded.isEmpty)
    }

    @Test("similarity ranks the pool by cosine to the seed row; the seed key is in the reason")
    func similarity() async throws {
        let workspace = try TemporaryWorkspace()
        try await SelectionFixture.build(workspace.store)
        let selection = try await Self.select(workspace.store, .similarity, budget: 5, space: "feat", seedKeys: ["l0"])
        let v = SelectionFixture.vectors
        let expected = ["u0", "u1", "u2", "u3", "u4"].sorted { SelectionFixture.cosine(v[$0]!, v["l0"]!) > SelectionFixture.cosine(v[$1]!, v["l0"]!) }
        #expect(selection.rows.map(\.key) == expected && expected == ["u0", "u4", "u2", "u1", "u3"])
        for row in selection.rows {
            #expect(abs(row.score - SelectionFixture.cosine(v[row.key]!, v["l0"]!)) < 1e-5)
            #expect(row.reason.hasSuffix("to seed row l0") && row.components["seed"] == nil, "\(row)")
        }
    }

    @Test("random is the core's seeded draw over the pool in row order: repeatable, and another seed draws another order")
    func random() async throws {
        let workspace = try TemporaryWorkspace()
        try await SelectionFixture.build(workspace.store)
        let pool = ["u0", "u1", "u2", "u3", "u4"]
        for seed: UInt64 in [0, 1, 7] {
            let selection = try await Self.select(workspace.store, .random, budget: 3, seed: seed)
            let expected = try Selection.random(pool: Array(0..<5), budget: 3, seed: seed).map { pool[$0.index] }
            #expect(selection.rows.map(\.key) == expected, "seed \(seed)")
            #expect(try await Self.select(workspace.store, .random, budget: 3, seed: seed) == selection)
        }
        let orders = Set(try await (0..<6).asyncMap { try await Self.select(workspace.store, .random, budget: 5, seed: UInt64($0)).rows.map(\.key) })
        #expect(orders.count > 1)
    }

    @Test("class_balanced: one model run gives the planner no curve, so even quotas (1 cat, 1 dog, 1 bird) take each predicted class's most uncertain row")
    func classBalanced() async throws {
        let workspace = try TemporaryWorkspace()
        try await SelectionFixture.build(workspace.store)
        let selection = try await Self.select(workspace.store, .classBalanced, budget: 3, run: "r1")
        // Predicted classes: u0 cat; u1, u2 dog; u3 bird. Margin alone would give u3, u0, u2.
        #expect(selection.rows.map(\.key) == ["u0", "u2", "u3"])
        let quotas = try #require(selection.quotas)
        #expect(quotas.source == "even" && quotas.note != nil)
        #expect(quotas.classes.map(\.className) == ["cat", "dog", "bird"] && quotas.classes.map(\.quota) == [1, 1, 1])
        #expect(selection.rows.allSatisfy { $0.components["in_quota"] == 1 })
        // A budget of 4 splits 2, 1, 1; cat has only u0 in the pool, so the fourth row is the most uncertain one left.
        let four = try await Self.select(workspace.store, .classBalanced, budget: 4, run: "r1")
        #expect(four.quotas?.classes.map(\.quota) == [2, 1, 1] && four.rows.map(\.key) == ["u0", "u2", "u3", "u1"])
    }

    @Test("weighted: 0.5 × margin + 0.5 × k_center, each rank-normalized over the pool, gives the hand-computed scores")
    func weighted() async throws {
        let workspace = try TemporaryWorkspace()
        try await SelectionFixture.build(workspace.store)
        let selection = try await Self.select(workspace.store, .weighted, budget: 4, run: "r1", space: "feat",
                                              weights: [.init(.margin, 0.5), .init(.kCenter, 0.5)])
        // Pool u0…u3 (u4 has no prediction). Margin ranks u1 < u2 < u0 < u3 → 0, 1/3, 2/3, 1; distance to the nearest
        // labeled row ranks u0 < u1 < u2 < u3 → 0, 1/3, 2/3, 1.
        #expect(selection.rows.map(\.key) == ["u3", "u2", "u0", "u1"])
        let expected: [String: Double] = ["u3": 1, "u2": 0.5, "u0": 1.0 / 3, "u1": 1.0 / 6]
        for row in selection.rows {
            #expect(abs(row.score - expected[row.key]!) < 1e-12, "\(row)")
            #expect(Set(row.components.keys) == ["margin", "k_center"])
        }
    }

    @Test("cluster_balanced spreads the batch over k-means clusters: the most uncertain row of each of two tight groups")
    func clusterBalanced() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        // Group A near (1, 0), group B near (0, 1); margins a0 .99, a1 .98, a2 .5, b0 .6, b1 .3, b2 .2.
        let rows: [(String, [Float], [Double])] = [
            ("a0", [1, 0], [0.5, 0.49, 0.01]), ("a1", [1, 0.01], [0.5, 0.48, 0.02]), ("a2", [1, -0.01], [0.7, 0.2, 0.1]),
            ("b0", [0, 1], [0.1, 0.6, 0.3]), ("b1", [0.01, 1], [0.05, 0.75, 0.2]), ("b2", [-0.01, 1], [0.05, 0.8, 0.15]),
        ]
        let classes = ["cat", "dog", "bird"]
        _ = try await store.apply(ImportBatch(source: "c", classes: classes.map { ClassSpec(name: $0) }, rows: rows.map { DataRow(key: $0.0) },
                                              predictions: rows.map { row in
                                                  PredictionSpec(rowKey: row.0, className: nil, geometry: .none, score: nil, probabilities: row.2.map(Float.init))
                                              }, probabilityClasses: classes),
                                  toDataset: "groups", options: ImportOptions(modelName: "clf", modelTask: .classification, runName: "g1"))
        try await SelectionFixture.addSpace("g", Dictionary(uniqueKeysWithValues: rows.map { ($0.0, $0.1) }), dataset: "groups", store)
        let selection = try await Self.select(store, .clusterBalanced, budget: 2, run: "g1", space: "g", clusters: 2, dataset: "groups")
        #expect(selection.rows.map(\.key) == ["a0", "b0"])
        #expect(Set(selection.rows.map { $0.components["cluster"]! }).count == 2 && selection.rows.allSatisfy { $0.components["round"] == 1 })
        // Margin alone takes both from group A.
        #expect(try await Self.select(store, .margin, budget: 2, run: "g1", dataset: "groups").rows.map(\.key) == ["a0", "a1"])
    }

    @Test("detection_uncertainty sums the binary entropies of the boxes scored 0.2–0.8; a row without boxes scores 0")
    func detectionUncertainty() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        let boxes: [String: [Double]] = ["b0": [0.5, 0.9], "b1": [0.3, 0.6, 0.5], "b2": [0.95], "b3": []]
        let box = Geometry.box(BoundingBox(x: 0, y: 0, width: 10, height: 10))
        _ = try await store.apply(ImportBatch(source: "d", classes: [ClassSpec(name: "car")], rows: boxes.keys.sorted().map { DataRow(key: $0) },
                                              predictions: boxes.keys.sorted().flatMap { key in
                                                  boxes[key]!.map { PredictionSpec(rowKey: key, className: "car", geometry: box, score: $0) }
                                              }),
                                  toDataset: "cars", options: ImportOptions(modelName: "det", modelTask: .detection, runName: "d1"))
        let selection = try await Self.select(store, .detectionUncertainty, budget: 4, run: "d1", dataset: "cars")
        func h(_ s: Double) -> Double { -s * log(s) - (1 - s) * log(1 - s) }
        #expect(selection.rows.map(\.key) == ["b1", "b0", "b2", "b3"])
        #expect(abs(selection.rows[0].score - (h(0.3) + h(0.6) + h(0.5))) < 1e-9)
        #expect(selection.rows[0].components["uncertain_boxes"] == 3 && selection.rows[2].score == 0)
        // A classification strategy refuses the detection run, naming the field and both tasks.
        await #expect { try await Self.select(store, .margin, budget: 2, run: "d1", dataset: "cars") } throws: { error in
            let failure = error as? RequestFieldError
            return failure?.field == "run" && failure?.message.contains("needs a classification run") == true
                && failure?.message.contains("detection run") == true
        }
    }

    @Test("refusals name the field: a missing run or space, an unknown run or seed key, weights for another strategy, a pool without inputs")
    func refusals() async throws {
        let workspace = try TemporaryWorkspace()
        try await SelectionFixture.build(workspace.store)
        let store = workspace.store
        func field(_ body: () async throws -> RowSelection) async -> String? {
            do {
                _ = try await body()
                return nil
            } catch let error as RequestFieldError {
                return "\(error.field) \(error.code)"
            } catch {
                return "\(error)"
            }
        }
        #expect(await field { try await Self.select(store, .margin, budget: 2) } == "run invalid")
        #expect(await field { try await Self.select(store, .kCenter, budget: 2) } == "space invalid")
        #expect(await field { try await Self.select(store, .similarity, budget: 2, space: "feat") } == "seed_keys invalid")
        #expect(await field { try await Self.select(store, .similarity, budget: 2, space: "feat", seedKeys: ["nope"]) } == "seed_keys not_found")
        #expect(await field { try await Self.select(store, .margin, budget: 2, run: "nope") } == "run not_found")
        #expect(await field { try await Self.select(store, .kCenter, budget: 2, space: "nope") } == "space not_found")
        #expect(await field { try await Self.select(store, .weighted, budget: 2) } == "weights invalid")
        #expect(await field { try await Self.select(store, .margin, budget: 2, run: "r1", weights: [.init(.margin, 1)]) } == "weights invalid")
        #expect(await field { try await Self.select(store, .margin, budget: 2, run: "r1", dataset: "nope") } == "dataset not_found")
        #expect(await field { try await Self.select(store, .margin, budget: 2, run: "r1", filter: #"key = "u4""#) } == "run invalid")
        #expect(await field { try await Self.select(store, .margin, budget: 2, run: "r1", filter: #"gt.class = "zebra""#) } == "filter invalid")
        #expect(throws: RequestFieldError.self) { try SelectionRequest.strategy(named: "smartest") }
        #expect(throws: RequestFieldError.self) { try SelectionRequest.weight(parsing: "class_balanced=1") }
        #expect(try SelectionRequest.weight(parsing: "margin=0.7") == SelectionInputs.Weight(.margin, 0.7))
    }
}

extension Sequence {
    /// The results of an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}

/// `class_balanced` with quotas from the budget planner.
@Suite("selection with the budget planner")
struct RowSelectorPlanTests {
    @Test("five evaluated runs with snapshots give the planner curves: class_balanced takes its quotas from the plan and fills them per predicted class")
    func plannedQuotas() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        let classes = ["cat", "dog", "bird"]
        var rows: [DataRow] = [], annotations: [AnnotationSpec] = []
        for (c, name) in classes.enumerated() {
            for index in 0..<160 {
                rows.append(DataRow(key: "\(name)\(index)", split: "train"))
                annotations.append(AnnotationSpec(rowKey: "\(name)\(index)", className: classes[c], geometry: .none))
            }
        }
        // 30 unlabeled rows predicted by the last run: top class by position, margins spread.
        var predictions: [PredictionSpec] = []
        for index in 0..<30 {
            let top = index % 3, gap = Float(index) / 100
            var p = [Float](repeating: (1 - (0.34 + gap)) / 2, count: 3)
            p[top] = 0.34 + gap
            rows.append(DataRow(key: "u\(index)"))
            predictions.append(PredictionSpec(rowKey: "u\(index)", className: classes[top], geometry: .none, score: Double(p[top]), probabilities: p))
        }
        _ = try await store.apply(ImportBatch(source: "plan", classes: classes.map { ClassSpec(name: $0) }, rows: rows, annotations: annotations),
                                  toDataset: "planned", options: ImportOptions())
        let dataset = try #require(try await store.dataset(named: "planned"))
        let ids = try await Page.all { try await store.rows(datasetID: dataset.id, page: $0) }.map { $0.id! }
        let model = try await store.createModel(named: "clf", task: .classification)
        let curves: [(Double) -> Double] = [{ 0.9 - 0.8 * pow($0, -0.5) }, { 0.7 - 0.5 * pow($0, -0.3) }, { 0.95 - 0.9 * pow($0, -0.7) }]
        var generator = SplitMix64(seed: 5)
        for (position, n) in [10, 20, 40, 80, 160].enumerated() {
            let run = try await store.createRun(modelID: model.id, name: "run\(position)", configJSON: "{}")
            try await store.addToSnapshot(runID: run.id, rows: (0..<3).flatMap { c in ids[(c * 160)..<(c * 160 + n)].map { ($0, "train") } })
            let perClass = classes.indices.map { c in
                ClassMetricRecords(className: classes[c], metrics: [MetricRecord(
                    name: "f1", value: curves[c](Double(n)) + (generator.nextUnitInterval() - 0.5) * 0.004, support: n)])
            }
            _ = try await store.saveEvaluation(EvaluationDraft(runID: run.id, key: "default", kind: .classification, parametersJSON: "{}",
                                                               summary: [MetricRecord(name: "accuracy", value: 0.5, support: 1)], perClass: perClass,
                                                               detailsJSON: "{}", rows: [], objects: []), replace: false)
        }
        _ = try await store.apply(ImportBatch(source: "last", predictions: predictions, probabilityClasses: classes), toDataset: "planned",
                                  options: ImportOptions(modelName: "clf", modelTask: .classification, runName: "run4"))
        let selection = try await RowSelectorTests.select(store, .classBalanced, budget: 12, run: "clf/run4", dataset: "planned")
        let quotas = try #require(selection.quotas)
        let report = try await LearningCurveAnalysis.analyze(store: store, dataset: "planned", model: model, budget: 12,
                                                             options: LearningCurve.Options(bootstrapResamples: 0))
        let planned = Selection.quotas(from: try #require(report.plan), groupNames: classes)
        #expect(quotas.source == "plan" && quotas.note == nil)
        #expect(quotas.classes.map(\.quota) == planned && planned.reduce(0, +) == 12 && Set(planned).count > 1, "\(planned)")
        #expect(selection.rows.count == 12)
        for c in classes.indices {
            let filled = selection.rows.filter { $0.components["group"] == Double(c) && $0.components["in_quota"] == 1 }
            #expect(filled.count == min(planned[c], 10), "\(classes[c])")
        }
    }
}
