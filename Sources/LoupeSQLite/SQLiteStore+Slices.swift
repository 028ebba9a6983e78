import Foundation
import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `saveSlice`, in one SQLite transaction.
    public func saveSlice(datasetID: Int64, name: String, filter: String, replace: Bool) async throws -> Slice {
        try await write { db in
            guard !name.isEmpty else { throw StoreError.invalid("a slice name must not be empty") }
            if try Int64.fetchOne(db, sql: "SELECT id FROM slice WHERE dataset_id = ? AND name = ?", arguments: [datasetID, name]) != nil {
                guard replace else { throw StoreError.alreadyExists("slice '\(name)' already exists (replace it to change its filter)") }
                try db.execute(sql: "DELETE FROM slice WHERE dataset_id = ? AND name = ?", arguments: [datasetID, name])
            }
            let created = Self.now
            try db.execute(sql: "INSERT INTO slice (dataset_id, name, filter, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [datasetID, name, filter, created])
            return Slice(id: db.lastInsertedRowID, datasetID: datasetID, name: name, filter: filter, createdAt: Self.date(created))
        }
    }

    /// The `Store` requirement `slices`, in one SQLite transaction.
    public func slices(datasetID: Int64) async throws -> [Slice] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM slice WHERE dataset_id = ? ORDER BY name", arguments: [datasetID]).map { row in
                Slice(id: row["id"], datasetID: row["dataset_id"], name: row["name"], filter: row["filter"],
                      createdAt: Self.date(row["created_at"]))
            }
        }
    }

    /// The `Store` requirement `deleteSlice`, in one SQLite transaction.
    public func deleteSlice(id: Int64) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM slice WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw StoreError.notFound("no slice with id \(id)") }
        }
    }

    /// The `Store` requirement `renameRun`, in one SQLite transaction.
    public func renameRun(id: Int64, to name: String) async throws -> ModelRun {
        try await write { db in
            guard !name.isEmpty else { throw StoreError.invalid("a run name must not be empty") }
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM model_run WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("no run with id \(id)")
            }
            let modelID: Int64 = row["model_id"]
            if try Int64.fetchOne(db, sql: "SELECT id FROM model_run WHERE model_id = ? AND name = ? AND id != ?",
                                  arguments: [modelID, name, id]) != nil {
                throw StoreError.alreadyExists("the model already has a run '\(name)'")
            }
            try db.execute(sql: "UPDATE model_run SET name = ? WHERE id = ?", arguments: [name, id])
            var run = Self.run(row)
            run.name = name
            return run
        }
    }

    /// The `Store` requirement `deleteRun`, in one SQLite transaction.
    public func deleteRun(id: Int64) async throws -> RunDeletion {
        try await write { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [id]) ?? 0 }
            let deletion = RunDeletion(
                predictions: try count("SELECT count(*) FROM prediction WHERE run_id = ?"),
                snapshotRows: try count("SELECT count(*) FROM run_snapshot WHERE run_id = ?"),
                evaluations: try count("SELECT count(*) FROM evaluation WHERE run_id = ?"),
                customMetrics: try count("SELECT (SELECT count(*) FROM custom_metric WHERE run_id = ?1) + (SELECT count(*) FROM custom_metric_row WHERE run_id = ?1)"),
                embeddingSpacesUnlinked: try count("SELECT count(*) FROM embedding_space WHERE source_run_id = ?"))
            // Everything else cascades from the run; vectors of the spaces it produced stay.
            try db.execute(sql: "DELETE FROM model_run WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw StoreError.notFound("no run with id \(id)") }
            return deletion
        }
    }
}
