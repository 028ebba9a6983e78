import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite
import Testing

@Suite("SQLite: a row's predictions and a space's vector count")
struct SQLiteStoreRowPredictionsTests {
    @Test("predictions(rowID:runID:) keeps the row (and the run), ordered by run, descending score with unscored last, then id")
    func rowPredictions() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        let dataset = try await store.createDataset(named: "d")
        let ids = try await store.upsertRows([DataRow(key: "a"), DataRow(key: "b")], datasetID: dataset.id)
        let classes = try await store.addClasses([ClassSpec(name: "cat"), ClassSpec(name: "dog")], datasetID: dataset.id)
        let model = try await store.createModel(named: "m", task: .detection)
        let first = try await store.createRun(modelID: model.id, name: "first", configJSON: "{}")
        let second = try await store.createRun(modelID: model.id, name: "second", configJSON: "{}")
        func box(_ x: Double) -> Geometry { .box(BoundingBox(x: x, y: 0, width: 10, height: 10)) }
        // Written out of order: runs interleaved, scores unsorted, one unscored, one on the other row.
        let written = try await store.insertPredictions([
            Prediction(runID: second.id, rowID: ids[0], classID: classes[0].id, geometry: box(1), score: 0.2),
            Prediction(runID: first.id, rowID: ids[0], classID: classes[1].id, geometry: box(2), score: nil),
            Prediction(runID: first.id, rowID: ids[0], classID: classes[0].id, geometry: box(3), score: 0.4),
            Prediction(runID: first.id, rowID: ids[1], classID: classes[0].id, geometry: box(4), score: 0.99),
            Prediction(runID: first.id, rowID: ids[0], classID: classes[1].id, geometry: box(5), score: 0.9),
            Prediction(runID: second.id, rowID: ids[0], classID: classes[1].id, geometry: box(6), score: 0.7),
        ])
        let all = try await store.predictions(rowID: ids[0], runID: nil)
        #expect(all.map(\.id) == [written[4], written[2], written[1], written[5], written[0]])
        #expect(all.allSatisfy { $0.rowID == ids[0] })
        let onlySecond = try await store.predictions(rowID: ids[0], runID: second.id)
        #expect(onlySecond.map(\.id) == [written[5], written[0]])
        #expect(onlySecond.first?.geometry == box(6) && onlySecond.first?.score == 0.7 && onlySecond.first?.classID == classes[1].id)
        #expect(try await store.predictions(rowID: ids[1], runID: second.id).isEmpty)
        #expect(try await store.predictions(rowID: ids[1], runID: nil).map(\.id) == [written[3]])
    }

    @Test("embeddingCount counts one space's vectors, per row and per object alike")
    func embeddingCount() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        let dataset = try await store.createDataset(named: "d")
        let ids = try await store.upsertRows([DataRow(key: "a"), DataRow(key: "b"), DataRow(key: "c")], datasetID: dataset.id)
        let space = try await store.createEmbeddingSpace(named: "s", dimension: 2, sourceRunID: nil)
        let other = try await store.createEmbeddingSpace(named: "t", dimension: 2, sourceRunID: nil)
        #expect(try await store.embeddingCount(spaceID: space.id) == 0)
        try await store.upsertEmbeddings(ids.map { Embedding(spaceID: space.id, rowID: $0, vector: [1, 2]) })
        try await store.upsertEmbeddings([Embedding(spaceID: other.id, rowID: ids[0], vector: [3, 4])])
        // An upsert of an existing row's vector replaces it: still three.
        try await store.upsertEmbeddings([Embedding(spaceID: space.id, rowID: ids[1], vector: [5, 6])])
        #expect(try await store.embeddingCount(spaceID: space.id) == 3)
        #expect(try await store.embeddingCount(spaceID: other.id) == 1)
    }
}
