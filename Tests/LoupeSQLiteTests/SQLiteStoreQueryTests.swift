import Foundation
import GRDB
import LoupeCatalog
import LoupeCore
@testable import LoupeSQLite
import Testing

/// The filter language's semantics on a hand-built workspace, one predicate family at a time.
@Suite("SQLite store: row queries")
struct SQLiteStoreQueryTests {
    static func box(_ x: Double, _ w: Double) -> Geometry { .box(BoundingBox(x: x, y: 0, width: w, height: w)) }

    /// Four rows: a (train, night, 2 cats), b (val, 1 dog), c (val, no metadata, background), d (unlabeled text row).
    static func workspace() async throws -> (TemporaryWorkspace, Int64) {
        let workspace = try TemporaryWorkspace()
        let batch = ImportBatch(
            source: "test", classes: [ClassSpec(name: "cat"), ClassSpec(name: "dog")],
            rows: [
                DataRow(key: "a.jpg", width: 640, height: 480, split: "train",
                        metadata: ["camera": .string("X100 Night"), "iso": .number(1600), "night": .bool(true),
                                   "taken": .date(Date(timeIntervalSince1970: 1_700_000_000))], tags: ["hard", "reviewed"]),
                DataRow(key: "b.jpg", width: 320, height: 240, split: "val",
                        metadata: ["camera": .string("a7"), "iso": .number(100), "night": .bool(false)]),
                DataRow(key: "c.jpg", width: 100, height: 100, split: "val"),
                DataRow(key: "d", kind: .text, text: "it's a 'quoted'; text -- DROP TABLE data_row"),
            ],
            annotations: [
                AnnotationSpec(rowKey: "a.jpg", className: "cat", geometry: box(0, 10)),
                AnnotationSpec(rowKey: "a.jpg", className: "cat", geometry: box(50, 40), area: 1500),
                AnnotationSpec(rowKey: "b.jpg", className: "dog", geometry: box(0, 20)),
            ],
            predictions: [
                PredictionSpec(rowKey: "a.jpg", className: "cat", geometry: box(0, 10), score: 0.9),
                PredictionSpec(rowKey: "b.jpg", className: "cat", geometry: box(0, 20), score: 0.3),
                PredictionSpec(rowKey: "c.jpg", className: "dog", geometry: box(0, 5), score: 0.6),
            ])
        var complete = batch
        complete.statesCompleteGroundTruth = true
        complete.rows.removeLast()
        _ = try await workspace.store.apply(complete, toDataset: "pets", options: ImportOptions(modelName: "det", runName: "r1"))
        _ = try await workspace.store.apply(ImportBatch(source: "text", rows: [batch.rows[3]]), toDataset: "pets", options: ImportOptions())
        let dataset = try #require(try await workspace.store.dataset(named: "pets"))
        let model = try #require(try await workspace.store.models().first)
        let run = try #require(try await workspace.store.runs(modelID: model.id).first)
        _ = try await RunEvaluator(store: workspace.store).evaluate(model: model, run: run, dataset: "pets",
                                                                   options: RunEvaluationOptions(resamples: 0), replace: false)
        return (workspace, dataset.id)
    }

    static func keys(_ store: SQLiteStore, _ dataset: Int64, _ filter: FilterExpression?, sort: [SortKey] = []) async throws -> [String] {
        let result = try await store.queryRows(datasetID: dataset, filter: filter, sort: sort, limit: 100, offset: 0)
        #expect(result.count == result.rows.count)
        #expect(try await store.countRows(datasetID: dataset, filter: filter) == result.count)
        // The page alone, as the server reads it, is the same rows.
        let page = try await store.queryPage(datasetID: dataset, filter: filter, sort: sort, limit: 100, offset: 0)
        #expect(page.map(\.key) == result.rows.map(\.key))
        return result.rows.map(\.key)
    }

    @Test("row fields, metadata of every kind, tags, text match, in, between, is null, and / or / not")
    func rowFields() async throws {
        let (workspace, dataset) = try await Self.workspace()
        let store = workspace.store
        func check(_ filter: FilterExpression?, _ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
            #expect(try await Self.keys(store, dataset, filter) == expected, sourceLocation: sourceLocation)
        }
        try await check(nil, ["a.jpg", "b.jpg", "c.jpg", "d"])
        try await check(.compare(.split, .equal, .string("val")), ["b.jpg", "c.jpg"])
        try await check(.not(.compare(.split, .equal, .string("val"))), ["a.jpg", "d"])
        try await check(.isNull(.split, true), ["d"])
        try await check(.compare(.kind, .equal, .string("text")), ["d"])
        try await check(.compare(.width, .greater, .number(200)), ["a.jpg", "b.jpg"])
        try await check(.between(.height, .number(100), .number(240)), ["b.jpg", "c.jpg"])
        try await check(.oneOf(.key, [.string("c.jpg"), .string("a.jpg"), .string("zzz")]), ["a.jpg", "c.jpg"])
        try await check(.contains(.key, "B.J"), ["b.jpg"])
        try await check(.compare(.labelVersion, .equal, .number(0)), ["d"])
        try await check(.compare(.tag, .equal, .string("hard")), ["a.jpg"])
        try await check(.not(.compare(.tag, .equal, .string("reviewed"))), ["b.jpg", "c.jpg", "d"])
        try await check(.compare(.metadata("camera"), .equal, .string("a7")), ["b.jpg"])
        try await check(.contains(.metadata("camera"), "night"), ["a.jpg"])
        try await check(.compare(.metadata("iso"), .greaterOrEqual, .number(400)), ["a.jpg"])
        try await check(.not(.compare(.metadata("iso"), .greaterOrEqual, .number(400))), ["b.jpg", "c.jpg", "d"])
        try await check(.compare(.metadata("night"), .equal, .bool(true)), ["a.jpg"])
        try await check(.compare(.metadata("night"), .equal, .bool(false)), ["b.jpg"])
        try await check(.compare(.metadata("taken"), .greater, .string("2023-01-01")), ["a.jpg"])
        try await check(.isNull(.metadata("iso"), true), ["c.jpg", "d"])
        try await check(.or(.compare(.split, .equal, .string("train")), .and(.compare(.split, .equal, .string("val")),
                                                                              .compare(.width, .less, .number(200)))), ["a.jpg", "c.jpg"])
        try await check(.contains(.text, "drop table"), ["d"])
    }

    @Test("ground truth, predictions and run metrics; sorting with absent values last")
    func labelsAndRuns() async throws {
        let (workspace, dataset) = try await Self.workspace()
        let store = workspace.store
        func check(_ filter: FilterExpression, _ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
            #expect(try await Self.keys(store, dataset, filter) == expected, sourceLocation: sourceLocation)
        }
        try await check(.compare(.groundTruthClass, .equal, .string("cat")), ["a.jpg"])
        try await check(.not(.compare(.groundTruthClass, .equal, .string("cat"))), ["b.jpg", "c.jpg", "d"])
        try await check(.compare(.groundTruthCount(className: nil), .equal, .number(0)), ["c.jpg", "d"])
        try await check(.compare(.groundTruthCount(className: "cat"), .greaterOrEqual, .number(2)), ["a.jpg"])
        try await check(.compare(.groundTruthArea, .greater, .number(1000)), ["a.jpg"])
        try await check(.compare(.groundTruthArea, .equal, .number(400)), ["b.jpg"])
        try await check(.compare(.predictionClass(run: nil), .equal, .string("cat")), ["a.jpg", "b.jpg"])
        try await check(.compare(.predictionClass(run: "r1"), .equal, .string("dog")), ["c.jpg"])
        try await check(.compare(.predictionClass(run: "det/r1"), .equal, .string("dog")), ["c.jpg"])
        try await check(.compare(.predictionScore(run: nil), .greater, .number(0.5)), ["a.jpg", "c.jpg"])
        // r1: a has 1 TP and 1 FN; b 1 FP (wrong class) and 1 FN; c 1 FP; d is not evaluated (unlabeled).
        try await check(.compare(.runMetric(run: "r1", key: nil, metric: .fp), .greaterOrEqual, .number(1)), ["b.jpg", "c.jpg"])
        try await check(.compare(.runMetric(run: "r1", key: "default", metric: .fn), .equal, .number(1)), ["a.jpg", "b.jpg"])
        try await check(.isNull(.runMetric(run: "r1", key: nil, metric: .tp), true), ["d"])
        try await check(.compare(.runMetric(run: "r1", key: nil, metric: .iou), .greater, .number(0.99)), ["a.jpg"])

        let byWidth = try await Self.keys(store, dataset, nil, sort: [SortKey(field: .width, descending: true)])
        #expect(byWidth == ["a.jpg", "b.jpg", "c.jpg", "d"])
        let byWidthUp = try await Self.keys(store, dataset, nil, sort: [SortKey(field: .width)])
        #expect(byWidthUp == ["c.jpg", "b.jpg", "a.jpg", "d"])
        let byFP = try await Self.keys(store, dataset, nil, sort: [SortKey(field: .runMetric(run: "r1", key: nil, metric: .fp), descending: true),
                                                                   SortKey(field: .metadata("iso"))])
        #expect(byFP == ["b.jpg", "c.jpg", "a.jpg", "d"])
        let page = try await store.queryRows(datasetID: dataset, filter: nil, sort: [SortKey(field: .key, descending: true)], limit: 2, offset: 1)
        #expect(page.count == 4 && page.rows.map(\.key) == ["c.jpg", "b.jpg"])
        #expect(try await Self.keys(store, dataset, .compare(.tag, .equal, .string("hard"))).count == 1)
        let tagged = try await store.queryRows(datasetID: dataset, filter: nil, sort: [SortKey(field: .key, descending: true)], limit: 10, offset: 0)
        #expect(tagged.rows.last?.tags == ["hard", "reviewed"] || tagged.rows.first { $0.key == "a.jpg" }?.tags == ["hard", "reviewed"])
    }

    @Test("unknown names are errors that list what exists")
    func unknownNames() async throws {
        let (workspace, dataset) = try await Self.workspace()
        func message(_ filter: FilterExpression) async -> String {
            do {
                _ = try await workspace.store.queryRows(datasetID: dataset, filter: filter, sort: [], limit: 1, offset: 0)
                return ""
            } catch let error as StoreError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(await message(.compare(.metadata("cam"), .equal, .string("x"))).contains("fields: camera, iso, night, taken"))
        #expect(await message(.compare(.groundTruthCount(className: "bird"), .equal, .number(1))).contains("classes: cat, dog"))
        #expect(await message(.compare(.groundTruthClass, .equal, .string("bird"))).contains("no class 'bird'"))
        #expect(await message(.not(.oneOf(.predictionClass(run: "r1"), [.string("cat"), .string("bird")]))).contains("classes: cat, dog"))
        #expect(await message(.contains(.groundTruthClass, "bir")).isEmpty, "a text match is not a class name")
        #expect(await message(.compare(.predictionClass(run: "r9"), .equal, .string("cat"))).contains("runs: det/r1"))
        #expect(await message(.compare(.runMetric(run: "r1", key: "strict", metric: .fp), .equal, .number(1)))
            .contains("has no evaluation 'strict'"))
    }

    @Test("SQL in every string position of a filter is data: the store is unchanged and nothing matches by accident")
    func injection() async throws {
        let (workspace, dataset) = try await Self.workspace()
        let store = workspace.store
        func snapshot() async throws -> [Int] {
            try await store.read { db in
                try ["data_row", "annotation", "prediction", "row_tag", "evaluation", "evaluation_row", "label_class", "model_run", "dataset"]
                    .map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
            }
        }
        let before = try await snapshot()
        let payloads = ["'; DROP TABLE data_row; --", "\"); DELETE FROM annotation; --", "x' OR '1'='1", "1; UPDATE data_row SET key='p'",
                        "') OR 1=1 --", "$.camera') OR 1=1 --", "%' OR 1=1 --", "\\'; ATTACH DATABASE '/tmp/x' AS x; --"]
        for payload in payloads {
            let filters: [FilterExpression] = [
                .compare(.key, .equal, .string(payload)), .contains(.key, payload), .oneOf(.split, [.string(payload)]),
                .compare(.tag, .equal, .string(payload)), .contains(.groundTruthClass, payload),
                .contains(.predictionClass(run: nil), payload), .compare(.metadata("camera"), .equal, .string(payload)),
                .contains(.text, payload), .between(.uri, .string(payload), .string(payload)),
            ]
            for filter in filters {
                #expect(try await Self.keys(store, dataset, filter).isEmpty, "\(filter)")
            }
            // Names are looked up, never spliced: an injected name is an unknown name.
            for filter: FilterExpression in [.compare(.metadata(payload), .equal, .number(1)),
                                             .compare(.groundTruthClass, .equal, .string(payload)),
                                             .oneOf(.predictionClass(run: nil), [.string("cat"), .string(payload)]),
                                             .compare(.groundTruthCount(className: payload), .equal, .number(1)),
                                             .compare(.predictionScore(run: payload), .equal, .number(1)),
                                             .compare(.runMetric(run: "r1", key: payload, metric: .fp), .equal, .number(1))] {
                await #expect(throws: StoreError.self) { _ = try await Self.keys(store, dataset, filter) }
            }
        }
        #expect(try await snapshot() == before)
        #expect(try await Self.keys(store, dataset, .contains(.text, "'quoted'; text -- DROP")) == ["d"])
    }

    @Test("run-metric predicates as a set or as per-row lookups select the same rows; plain metadata names use their index, others are bound")
    func plans() async throws {
        let (workspace, dataset) = try await Self.workspace()
        let store = workspace.store
        let odd = "camera'); DROP TABLE data_row; --"
        _ = try await store.apply(ImportBatch(source: "test", rows: [DataRow(key: "e.jpg", metadata: [odd: .string("x"), "camera": .string("a7")])]),
                                  toDataset: "pets", options: ImportOptions())
        let filters: [FilterExpression] = [
            .compare(.runMetric(run: "r1", key: nil, metric: .fp), .greaterOrEqual, .number(1)),
            .not(.compare(.runMetric(run: "r1", key: nil, metric: .tp), .greaterOrEqual, .number(1))),
            .and(.compare(.metadata("night"), .equal, .bool(true)), .compare(.runMetric(run: "r1", key: nil, metric: .iou), .greater, .number(0.5))),
            .or(.compare(.metadata("camera"), .equal, .string("a7")), .not(.compare(.runMetric(run: "r1", key: nil, metric: .fn), .equal, .number(0)))),
            .compare(.metadata(odd), .equal, .string("x")),
            .not(.compare(.metadata("iso"), .greater, .number(800))),
        ]
        for filter in filters {
            let forms = try await store.read { db in
                try [0, Int.max].map { threshold in
                    var compiler = SQLiteFilterCompiler(db: db, datasetID: dataset, smallResultSet: threshold)
                    let condition = try compiler.compile(filter)
                    return try Int64.fetchAll(db, sql: "SELECT r.id FROM data_row r WHERE r.dataset_id = ? AND \(condition) ORDER BY r.id",
                                              arguments: StatementArguments([dataset] + compiler.arguments))
                }
            }
            #expect(forms[0] == forms[1], "\(filter)")
            #expect(try await store.queryRowIDs(datasetID: dataset, filter: filter) == forms[0])
        }
        #expect(try await Self.keys(store, dataset, .compare(.metadata(odd), .equal, .string("x"))) == ["e.jpg"])
        #expect(try await Self.keys(store, dataset, .not(.compare(.metadata("iso"), .greater, .number(800)))) == ["b.jpg", "c.jpg", "d", "e.jpg"])
        // Small datasets are not indexed; a query of a large one builds its fields' indexes once.
        #expect(try await store.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'data_row_meta_%'") }.isEmpty)
        try await store.ensureMetadataIndexes(datasetID: dataset, filter: .and(.compare(.metadata("camera"), .equal, .string("a7")),
                                                                                .compare(.metadata(odd), .equal, .string("x"))),
                                               sort: [SortKey(field: .metadata("iso"), descending: false)], minimumRows: 0)
        let (plan, indexes) = try await store.read { db in
            var compiler = SQLiteFilterCompiler(db: db, datasetID: dataset)
            let condition = try compiler.compile(.compare(.metadata("camera"), .equal, .string("a7")))
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT count(*) FROM data_row r WHERE r.dataset_id = ? AND \(condition)",
                                        arguments: StatementArguments([dataset] + compiler.arguments)).map { $0["detail"] as String }
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'data_row_meta_%' ORDER BY name")
            return (plan, indexes)
        }
        #expect(plan.contains { $0.contains("data_row_meta_") }, "\(plan)")
        // camera and iso, the plain names the query read; not the odd one, nor fields it did not read.
        #expect(indexes == [SQLiteStore.metadataIndexName("camera"), SQLiteStore.metadataIndexName("iso")], "\(indexes)")
        #expect(try await Self.keys(store, dataset, nil).count == 5)
    }
}

extension SQLiteStoreQueryTests {
    @Test("a compiled filter is reused only until the next write: a run deleted and imported again under its name is the new run")
    func compiledFiltersFollowWrites() async throws {
        let (workspace, dataset) = try await Self.workspace()
        let store = workspace.store
        let falsePositives = FilterExpression.compare(.runMetric(run: "r1", key: nil, metric: .fp), .greaterOrEqual, .number(1))
        #expect(try await Self.keys(store, dataset, falsePositives) == ["b.jpg", "c.jpg"])
        #expect(try await Self.keys(store, dataset, falsePositives) == ["b.jpg", "c.jpg"])

        let model = try #require(try await store.models().first)
        let old = try #require(try await store.runs(modelID: model.id).first)
        _ = try await store.deleteRun(id: old.id)
        await #expect(throws: StoreError.self) { _ = try await store.countRows(datasetID: dataset, filter: falsePositives) }

        let batch = ImportBatch(source: "again", predictions: [
            PredictionSpec(rowKey: "a.jpg", className: "dog", geometry: Self.box(0, 10), score: 0.8),
        ])
        _ = try await store.apply(batch, toDataset: "pets", options: ImportOptions(modelName: "det", runName: "r1"))
        let run = try #require(try await store.runs(modelID: model.id).first)
        _ = try await RunEvaluator(store: store).evaluate(model: model, run: run, dataset: "pets",
                                                         options: RunEvaluationOptions(resamples: 0), replace: false)
        #expect(try await Self.keys(store, dataset, falsePositives) == ["a.jpg"])
    }
}

extension SQLiteStoreQueryTests {
    @Test("orderedRowIDs are the rows queryPage pages, in its order, for every filter and sort")
    func orderedIDs() async throws {
        let (workspace, dataset) = try await Self.workspace()
        let store = workspace.store
        let sorts: [[SortKey]] = [[], [SortKey(field: .width, descending: true)], [SortKey(field: .metadata("iso"))],
                                  [SortKey(field: .runMetric(run: "r1", key: nil, metric: .fp), descending: true), SortKey(field: .key)]]
        let filters: [FilterExpression?] = [nil, .compare(.groundTruthCount(className: nil), .greaterOrEqual, .number(1)),
                                            .compare(.runMetric(run: "r1", key: nil, metric: .fn), .equal, .number(1))]
        for filter in filters {
            for sort in sorts {
                let ids = try await store.orderedRowIDs(datasetID: dataset, filter: filter, sort: sort)
                let page = try await store.queryPage(datasetID: dataset, filter: filter, sort: sort, limit: 100, offset: 0)
                #expect(ids == page.compactMap(\.id), "\(String(describing: filter)) \(sort)")
                #expect(try await store.rows(datasetID: dataset, ids: ids).map(\.key) == page.map(\.key))
                for offset in 0..<ids.count {
                    let one = try await store.queryPage(datasetID: dataset, filter: filter, sort: sort, limit: 1, offset: offset)
                    #expect(one.compactMap(\.id) == [ids[offset]])
                }
            }
        }
        // Ids of another dataset are skipped.
        let other = try await store.createDataset(named: "other")
        #expect(try await store.rows(datasetID: other.id, ids: try await store.orderedRowIDs(datasetID: dataset, filter: nil, sort: [])).isEmpty)
    }
}
