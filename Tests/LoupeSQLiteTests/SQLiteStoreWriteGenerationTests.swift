import Foundation
import LoupeCatalog
import LoupeCore
@testable import LoupeSQLite
import Testing

@Suite("SQLite store: write generation")
struct SQLiteStoreWriteGenerationTests {
    @Test("every data write bumps the generation, a failed one and bookkeeping do not, and another process's writes are seen")
    func bumps() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        var last = try await store.writeGeneration(datasetID: 1)
        #expect(last == 0)

        func expectBumped(_ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
            let now = try await store.writeGeneration(datasetID: 1)
            #expect(now > last, "\(what) left the generation at \(now)", sourceLocation: sourceLocation)
            last = now
        }
        // Dataset ids start at 1: the generation of the dataset about to be created.
        let dataset = try await store.createDataset(named: "d")
        #expect(dataset.id == 1)
        try await expectBumped("createDataset")
        _ = try await store.upsertRows([DataRow(key: "a", kind: .text, text: "hello")], datasetID: dataset.id)
        try await expectBumped("upsertRows")
        _ = try await store.saveSlice(datasetID: dataset.id, name: "all", filter: "key != \"\"", replace: false)
        try await expectBumped("saveSlice")

        // A write that fails is rolled back with its bump.
        await #expect(throws: StoreError.self) { _ = try await store.createDataset(named: "d") }
        #expect(try await store.writeGeneration(datasetID: 1) == last)

        // Token and job bookkeeping is not data.
        let token = try await store.createAPIToken(name: "ci", role: .viewer, secretHash: Data(repeating: 7, count: 32))
        try await store.markAPITokenUsed(id: token.id, at: Date())
        let job = try await store.createJob(kind: .evaluation, parametersJSON: "{}", createdBy: nil)
        _ = try await store.startJob(id: job.id)
        _ = try await store.finishJob(id: job.id, status: .succeeded, resultJSON: "{}", error: nil)
        #expect(try await store.writeGeneration(datasetID: 1) == last)

        // A second connection to the same file, as a CLI import beside `loupe serve` would be.
        let other = try SQLiteStore(path: store.path)
        _ = try await other.upsertRows([DataRow(key: "b", kind: .text, text: "world")], datasetID: dataset.id)
        try await expectBumped("a write by another store on the same file")
    }

    @Test("rows read at a generation come back only while it is current")
    func rowsAtGeneration() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        let dataset = try await store.createDataset(named: "d")
        let ids = try await store.upsertRows([DataRow(key: "a", kind: .text, text: "x"), DataRow(key: "b", kind: .text, text: "y")],
                                             datasetID: dataset.id)
        let generation = try await store.writeGeneration(datasetID: 1)
        #expect(try await store.rows(datasetID: dataset.id, ids: ids.reversed(), atGeneration: generation)?.map(\.key) == ["b", "a"])
        #expect(try await store.rows(datasetID: dataset.id, ids: [], atGeneration: generation) == [])
        _ = try await store.upsertRows([DataRow(key: "c", kind: .text, text: "z")], datasetID: dataset.id)
        #expect(try await store.rows(datasetID: dataset.id, ids: ids, atGeneration: generation) == nil)
        #expect(try await store.rows(datasetID: dataset.id, ids: [], atGeneration: generation) == nil)
    }

    @Test("an import of rows and labels changes its own dataset's generation only; one with predictions changes every dataset's")
    func confinedImports() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        let box = Geometry.box(BoundingBox(x: 0, y: 0, width: 10, height: 10))
        func rows(_ prefix: String) -> ImportBatch {
            ImportBatch(source: "\(prefix).jsonl", rows: (0..<3).map { DataRow(key: "\(prefix)\($0)", width: 100, height: 100) },
                        annotations: [AnnotationSpec(rowKey: "\(prefix)0", className: "cat", geometry: box)])
        }
        _ = try await store.apply(rows("a"), toDataset: "a", options: ImportOptions())
        _ = try await store.apply(rows("b"), toDataset: "b", options: ImportOptions())
        let a = try #require(try await store.dataset(named: "a")).id
        let b = try #require(try await store.dataset(named: "b")).id
        let (a0, b0) = (try await store.writeGeneration(datasetID: a), try await store.writeGeneration(datasetID: b))

        _ = try await store.apply(rows("more"), toDataset: "b", options: ImportOptions())
        #expect(try await store.writeGeneration(datasetID: a) == a0)
        let b1 = try await store.writeGeneration(datasetID: b)
        #expect(b1 > b0)

        let predictions = ImportBatch(source: "dets.json", predictions: [PredictionSpec(rowKey: "b0", className: "cat", geometry: box, score: 0.9)])
        _ = try await store.apply(predictions, toDataset: "b", options: ImportOptions(modelName: "m", runName: "r"))
        #expect(try await store.writeGeneration(datasetID: a) > a0)
        #expect(try await store.writeGeneration(datasetID: b) > b1)
    }

    @Test("a dataset deleted and another created with its id never brings back a generation a cache may hold")
    func reusedIDs() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        func rows(_ prefix: String, _ count: Int) -> ImportBatch {
            ImportBatch(source: "\(prefix).jsonl", rows: (0..<count).map { DataRow(key: "\(prefix)\($0)", kind: .text, text: "t") })
        }
        _ = try await store.apply(rows("a", 1), toDataset: "only", options: ImportOptions())
        var seen: Set<Int64> = []
        let id = try #require(try await store.dataset(named: "only")).id
        for round in 0..<4 {
            _ = try await store.apply(rows("r\(round)", 1), toDataset: "only", options: ImportOptions())
            #expect(seen.insert(try await store.writeGeneration(datasetID: id)).inserted)
        }
        try await store.deleteDataset(id: id)
        // SQLite gives the next dataset the freed id; its confined imports count from zero again.
        for round in 0..<6 {
            _ = try await store.apply(rows("n\(round)", 1), toDataset: "again", options: ImportOptions())
            let again = try #require(try await store.dataset(named: "again")).id
            #expect(again == id)
            let generation = try await store.writeGeneration(datasetID: again)
            #expect(seen.insert(generation).inserted, "generation \(generation) came back")
            #expect(generation > seen.filter { $0 != generation }.max() ?? .min)
        }
    }
}
