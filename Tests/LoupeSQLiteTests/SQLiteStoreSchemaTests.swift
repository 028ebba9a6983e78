import Foundation
import GRDB
import LoupeCatalog
@testable import LoupeSQLite
import Testing

@Suite("SQLite store: schema and transactions")
struct SQLiteStoreSchemaTests {
    @Test("the schema refuses what the domain forbids")
    func invariants() async throws {
        let workspace = try TemporaryWorkspace()
        _ = try await workspace.store.apply(SQLiteStoreImportTests.detectionBatch(), toDataset: "pets", options: ImportOptions())
        _ = try await workspace.store.apply(ImportBatch(source: "x", classes: [ClassSpec(name: "car")], rows: [DataRow(key: "z")]),
                                            toDataset: "cars", options: ImportOptions())
        let forbidden = [
            "INSERT INTO data_row (dataset_id, key, kind) VALUES (1, 'a.jpg', 'image')",          // duplicate key
            "INSERT INTO data_row (dataset_id, key, kind) VALUES (1, 'q', 'video')",              // unknown kind
            "INSERT INTO data_row (dataset_id, key, kind, width) VALUES (1, 'q', 'image', 10)",   // width without height
            "INSERT INTO data_row (dataset_id, key, kind) VALUES (99, 'q', 'image')",             // no such dataset
            "INSERT INTO annotation (row_id, class_id, label_version, geometry_kind) VALUES (1, 1, 0, 'none')",
            "INSERT INTO annotation (row_id, class_id, label_version, geometry_kind) VALUES (1, 1, 1, 'box')",
            "INSERT INTO annotation (row_id, class_id, label_version, geometry_kind, box_x, box_y, box_w, box_h) VALUES (1, 1, 1, 'box', 0, 0, -1, 1)",
            "INSERT INTO annotation (row_id, class_id, label_version, geometry_kind) VALUES (1, 4, 1, 'none')", // class of another dataset
            "INSERT INTO model_run (model_id, name, config, created_at) VALUES (1, 'r', '[1]', 0)",
            "INSERT INTO embedding_space (name, dimension, created_at) VALUES ('s', 0, 0)",
            "INSERT INTO metadata_field (dataset_id, name, kind) VALUES (1, 'm', 'text')",
            "UPDATE data_row SET metadata = '[1]' WHERE id = 1",
            "UPDATE data_row SET metadata = '{bad' WHERE id = 1",
        ]
        try await workspace.store.pool.write { db in
            try db.execute(sql: "INSERT INTO model (name, task, created_at) VALUES ('m', 'detection', 0)")
        }
        for sql in forbidden {
            await #expect(throws: DatabaseError.self, "\(sql)") {
                try await workspace.store.pool.write { db in try db.execute(sql: sql) }
            }
        }
    }

    @Test("migrations are named and append-only; a workspace from a newer Loupe is refused")
    func migrations() async throws {
        let workspace = try TemporaryWorkspace()
        let applied = try await workspace.store.pool.read { db in try SQLiteStore.migrator.appliedIdentifiers(db) }
        let expected = ["v1 catalog", "v2 evaluations", "v3 slices and custom metrics", "v4 indexes and object classes for queries",
                        "v5 api tokens", "v6 jobs", "v7 write generation", "v8 indexes on every foreign key", "v9 dataset generations",
                        "v10 confusion cells per row", "v11 projections", "v12 embedding ids never reused",
                        "v13 data issue reports", "v14 labeling projects"]
        #expect(SQLiteStore.migrator.migrations == expected, "registered in this order, never reordered")
        #expect(applied.sorted() == expected.sorted())
        // A workspace written before evaluations existed is upgraded when it is opened.
        let older = workspace.folder.appendingPathComponent("older.sqlite").path
        try SQLiteStore.migrator.migrate(DatabaseQueue(path: older), upTo: "v1 catalog")
        let upgraded = try SQLiteStore(path: older)
        #expect(try await upgraded.pool.read { db in try SQLiteStore.migrator.appliedIdentifiers(db) }.sorted() == applied.sorted())
        // Reopening an up-to-date workspace changes nothing.
        _ = try SQLiteStore(path: workspace.path)
        try await workspace.store.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999 from the future')")
        }
        #expect(throws: StoreError.self) { _ = try SQLiteStore(path: workspace.path) }
    }

    @Test("v12 keeps a workspace's embedding ids, and from then on a replaced or deleted vector's id never comes back")
    func embeddingIDsNeverReused() async throws {
        let workspace = try TemporaryWorkspace()
        let older = workspace.folder.appendingPathComponent("v11.sqlite").path
        let queue = try DatabaseQueue(path: older)
        try SQLiteStore.migrator.migrate(queue, upTo: "v11 projections")
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO dataset (id, name, created_at) VALUES (1, 'd', 0);
                INSERT INTO data_row (id, dataset_id, key, kind) VALUES (1, 1, 'a', 'text'), (2, 1, 'b', 'text');
                INSERT INTO embedding_space (id, name, dimension, created_at) VALUES (1, 's', 1, 0);
                INSERT INTO embedding (id, space_id, row_id, vector) VALUES (5, 1, 1, x'0000803f'), (9, 1, 2, x'00000040');
                """)
        }
        try queue.close()
        let store = try SQLiteStore(path: older)
        #expect(try await store.embeddingEntries(spaceID: 1).map(\.id) == [5, 9], "ids kept")
        // Replacing row b's vector (id 9, the largest) gives it a new id; 9 does not come back.
        try await store.upsertEmbeddings([Embedding(spaceID: 1, rowID: 2, vector: [3])])
        #expect(try await store.embeddingEntries(spaceID: 1).map(\.id) == [5, 10])
        try await store.upsertEmbeddings([Embedding(spaceID: 1, rowID: 2, vector: [4])])
        #expect(try await store.embeddingEntries(spaceID: 1).map(\.id) == [5, 11])
        #expect(try await store.embeddingVectors(spaceID: 1, ids: [11, 5]).values == [4, 1])
        // The store's signature is the one the entries give (what index and layout caches compare).
        #expect(try await store.embeddingSourceSignature(spaceID: 1) == EmbeddingEntry.sourceSignature(try await store.embeddingEntries(spaceID: 1)))
        #expect(try await store.embeddingSourceSignature(spaceID: 1) == "2:11:16")
    }

    @Test("another program's SQLite file or a non-database file is refused, not written into")
    func foreignFiles() async throws {
        let workspace = try TemporaryWorkspace()
        let application = try await workspace.store.pool.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
        #expect(application == SQLiteStore.applicationID)
        let foreign = workspace.folder.appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: foreign)
        try await queue.write { db in try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY)") }
        try queue.close()
        #expect(throws: StoreError.self) { _ = try SQLiteStore(path: foreign) }
        let text = workspace.folder.appendingPathComponent("notes.txt").path
        try Data("not a database at all, just some text that is long enough".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: StoreError.self) { _ = try SQLiteStore(path: text) }
    }

    @Test("the workspace runs in WAL mode and readers are not blocked by a writer")
    func walReaders() async throws {
        let workspace = try TemporaryWorkspace()
        let mode = try await workspace.store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        _ = try await workspace.store.apply(SQLiteStoreImportTests.detectionBatch(), toDataset: "pets", options: ImportOptions())
        let store = workspace.store
        let writerStarted = AsyncStream<Void>.makeStream()
        // The writer keeps its transaction open until the read is done (or 10 s pass), so the
        // read happens during the write however the machine schedules the tasks; a read that
        // waited for the writer would take the whole 10 s.
        let readDone = DispatchSemaphore(value: 0)
        let writer = Task {
            try await store.pool.write { db in
                try db.execute(sql: "INSERT INTO dataset (name, created_at) VALUES ('slow', 0)")
                writerStarted.continuation.yield()
                _ = readDone.wait(timeout: .now() + 10)
            }
        }
        for await _ in writerStarted.stream { break }
        let started = Date()
        let names = try await store.datasets().map(\.name)
        readDone.signal()
        #expect(Date().timeIntervalSince(started) < 5, "a read waited for the writer")
        #expect(names == ["pets"], "a reader saw an uncommitted write")
        try await writer.value
        #expect(try await store.datasets().map(\.name) == ["pets", "slow"])
    }

    @Test("cursor pagination visits every row once, in id order, for any page size")
    func pagination() async throws {
        let workspace = try TemporaryWorkspace()
        let rows = (0..<2_345).map { DataRow(key: String(format: "row-%05d", $0), kind: .text, text: "t\($0)") }
        _ = try await workspace.store.apply(ImportBatch(source: "rows", rows: rows), toDataset: "texts", options: ImportOptions())
        let dataset = try #require(try await workspace.store.dataset(named: "texts"))
        for limit in [1_000, 2_345, 7] {
            var seen: [String] = []
            var cursor: PageCursor?
            repeat {
                let page = try await workspace.store.rows(datasetID: dataset.id, page: PageRequest(after: cursor, limit: limit))
                seen += page.items.map(\.key)
                cursor = page.next
                if let token = cursor?.token { #expect(PageCursor(token: token) == cursor) }
            } while cursor != nil
            #expect(seen == rows.map(\.key))
        }
    }

    @Test("deleting a dataset takes its rows, labels, predictions and vectors with it")
    func deleteDataset() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        var batch = SQLiteStoreImportTests.detectionBatch()
        batch.predictions = [PredictionSpec(rowKey: "a.jpg", className: "cat", geometry: .none, score: 0.5)]
        _ = try await store.apply(batch, toDataset: "pets", options: ImportOptions(modelName: "m", runName: "r"))
        let dataset = try #require(try await store.dataset(named: "pets"))
        try await store.deleteDataset(id: dataset.id)
        let counts = try await store.pool.read { db in
            try ["data_row", "annotation", "label_class", "prediction", "metadata_field", "row_tag"].map {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1
            }
        }
        #expect(counts == [0, 0, 0, 0, 0, 0])
        #expect(try await store.models().count == 1, "models and runs outlive a dataset")
    }
}

extension SQLiteStoreSchemaTests {
    @Test("every foreign key column leads an index, so a cascading delete looks children up instead of scanning")
    func foreignKeysIndexed() async throws {
        let workspace = try TemporaryWorkspace()
        let unindexed = try await workspace.store.pool.read { db -> [String] in
            var found: [String] = []
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") {
                found += try SQLiteStore.unindexedForeignKeyColumns(table: table, db).map { "\(table).\($0)" }
            }
            return found
        }
        #expect(unindexed.isEmpty)
        let created = try await workspace.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%\\_by\\_%' ESCAPE '\\' ORDER BY name")
        }
        #expect(created.contains("evaluation_object_by_row_id") && created.contains("prediction_by_class"))
    }
}
