import Foundation
import GRDB
import LoupeCatalog
import LoupeCore

extension SQLiteStore {
    /// The `Store` requirement `models`, in one SQLite transaction.
    public func models() async throws -> [Model] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM model ORDER BY name").map(Self.model)
        }
    }

    /// The `Store` requirement `createModel`, in one SQLite transaction.
    public func createModel(named name: String, task: ModelTask) async throws -> Model {
        try await write { db in try Self.createModel(named: name, task: task, db) }
    }

    /// The `Store` requirement `runs`, in one SQLite transaction.
    public func runs(modelID: Int64) async throws -> [ModelRun] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM model_run WHERE model_id = ? ORDER BY created_at, id", arguments: [modelID])
                .map(Self.run)
        }
    }

    /// The `Store` requirement `createRun`, in one SQLite transaction.
    public func createRun(modelID: Int64, name: String, configJSON: String) async throws -> ModelRun {
        try await write { db in try Self.createRun(modelID: modelID, name: name, configJSON: configJSON, db) }
    }

    /// The `Store` requirement `addToSnapshot`, in one SQLite transaction.
    public func addToSnapshot(runID: Int64, rows: [(rowID: Int64, split: String)]) async throws {
        let rows = rows.map { SnapshotRow(rowID: $0.rowID, split: $0.split) }
        try await write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO run_snapshot (run_id, row_id, split, label_version)
                SELECT ?, id, ?, label_version FROM data_row WHERE id = ?
                ON CONFLICT (run_id, row_id) DO UPDATE SET split = excluded.split, label_version = excluded.label_version
                """)
            for row in rows {
                try statement.execute(arguments: [runID, row.split, row.rowID])
                if db.changesCount == 0 { throw StoreError.notFound("no row with id \(row.rowID)") }
            }
        }
    }

    /// The `Store` requirement `snapshot`, in one SQLite transaction.
    public func snapshot(runID: Int64, page: PageRequest) async throws -> Page<SnapshotEntry> {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT run_id, row_id, split, label_version FROM run_snapshot WHERE run_id = ? AND row_id > ?
                ORDER BY row_id LIMIT ?
                """, arguments: [runID, page.after?.lastID ?? 0, page.limit + 1])
            let items = rows.prefix(page.limit).map { row in
                SnapshotEntry(runID: row["run_id"], rowID: row["row_id"], split: row["split"], labelVersion: row["label_version"])
            }
            return Page(items: items, next: rows.count > page.limit ? items.last.map { PageCursor(lastID: $0.rowID) } : nil)
        }
    }

    /// The `Store` requirement `insertPredictions`, in one SQLite transaction.
    public func insertPredictions(_ predictions: [Prediction]) async throws -> [Int64] {
        try await write { db in
            let insert = try PredictionInsert(db)
            return try predictions.map { try insert.execute($0) }
        }
    }

    /// The `Store` requirement `predictions`, in one SQLite transaction.
    public func predictions(runID: Int64, page: PageRequest) async throws -> Page<Prediction> {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM prediction WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?",
                                        arguments: [runID, page.after?.lastID ?? 0, page.limit + 1])
            let items = try rows.prefix(page.limit).map(Self.prediction)
            return Page(items: items, next: rows.count > page.limit ? items.last?.id.map(PageCursor.init(lastID:)) : nil)
        }
    }

    /// The `Store` requirement `predictions(rowID:runID:)`, in one SQLite transaction.
    public func predictions(rowID: Int64, runID: Int64?) async throws -> [Prediction] {
        try await read { db in
            let order = "ORDER BY run_id, score IS NULL, score DESC, id"
            let rows = if let runID {
                try Row.fetchAll(db, sql: "SELECT * FROM prediction WHERE row_id = ? AND run_id = ? \(order)", arguments: [rowID, runID])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM prediction WHERE row_id = ? \(order)", arguments: [rowID])
            }
            return try rows.map(Self.prediction)
        }
    }

    // MARK: Transaction-level helpers

    static func model(_ row: Row) throws -> Model {
        let taskName: String = row["task"]
        guard let task = ModelTask(rawValue: taskName) else { throw StoreError.invalid("unknown model task \(taskName)") }
        return Model(id: row["id"], name: row["name"], task: task, createdAt: date(row["created_at"]))
    }

    static func run(_ row: Row) -> ModelRun {
        ModelRun(id: row["id"], modelID: row["model_id"], name: row["name"], configJSON: row["config"], createdAt: date(row["created_at"]))
    }

    static func prediction(_ row: Row) throws -> Prediction {
        let blob: Data? = row["probabilities"]
        return Prediction(id: row["id"], runID: row["run_id"], rowID: row["row_id"], classID: row["class_id"],
                          geometry: try geometry(row), score: row["score"], probabilities: blob.flatMap(VectorBlob.decode))
    }

    static func createModel(named name: String, task: ModelTask, _ db: Database) throws -> Model {
        guard !name.isEmpty else { throw StoreError.invalid("a model name must not be empty") }
        if try Row.fetchOne(db, sql: "SELECT 1 FROM model WHERE name = ?", arguments: [name]) != nil {
            throw StoreError.alreadyExists("model '\(name)' already exists")
        }
        let created = now
        try db.execute(sql: "INSERT INTO model (name, task, created_at) VALUES (?, ?, ?)", arguments: [name, task.rawValue, created])
        return Model(id: db.lastInsertedRowID, name: name, task: task, createdAt: date(created))
    }

    static func createRun(modelID: Int64, name: String, configJSON: String, _ db: Database) throws -> ModelRun {
        guard !name.isEmpty else { throw StoreError.invalid("a run name must not be empty") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(configJSON.utf8)), object is [String: Any] else {
            throw StoreError.invalid("a run config must be a JSON object")
        }
        if try Row.fetchOne(db, sql: "SELECT 1 FROM model_run WHERE model_id = ? AND name = ?", arguments: [modelID, name]) != nil {
            throw StoreError.alreadyExists("run '\(name)' already exists")
        }
        let created = now
        try db.execute(sql: "INSERT INTO model_run (model_id, name, config, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [modelID, name, configJSON, created])
        return ModelRun(id: db.lastInsertedRowID, modelID: modelID, name: name, configJSON: configJSON, createdAt: date(created))
    }
}

private struct SnapshotRow: Sendable {
    var rowID: Int64
    var split: String
}

/// One prepared `INSERT INTO prediction` reused for a whole transaction.
struct PredictionInsert {
    let statement: BulkStatement

    init(_ db: Database) throws {
        statement = try BulkStatement(db, sql: """
            INSERT INTO prediction (run_id, row_id, class_id, geometry_kind, box_x, box_y, box_w, box_h, shape, score, probabilities)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    func execute(_ prediction: Prediction) throws -> Int64 {
        if let score = prediction.score, !score.isFinite { throw StoreError.invalid("a prediction score must be finite") }
        if let probabilities = prediction.probabilities, !probabilities.allSatisfy(\.isFinite) {
            throw StoreError.invalid("class probabilities must be finite")
        }
        guard prediction.geometry.isValid else {
            throw StoreError.invalid("prediction geometry has a non-finite coordinate, a negative size, a ring of fewer than 3 points or a mask whose runs do not cover its size")
        }
        statement.bind(1, prediction.runID)
        statement.bind(2, prediction.rowID)
        statement.bind(3, prediction.classID)
        statement.bind(GeometryColumns(prediction.geometry), from: 4)
        statement.bind(10, prediction.score)
        statement.bind(11, prediction.probabilities.map(VectorBlob.encode))
        return try statement.step()
    }
}
