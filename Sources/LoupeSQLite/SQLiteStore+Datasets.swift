import Foundation
import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `datasets`, in one SQLite transaction.
    public func datasets() async throws -> [Dataset] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, created_at FROM dataset ORDER BY name").map(Self.dataset)
        }
    }

    /// The `Store` requirement `dataset`, in one SQLite transaction.
    public func dataset(named name: String) async throws -> Dataset? {
        try await quickRead { db in try Self.dataset(named: name, db) }
    }

    /// The `Store` requirement `createDataset`, in one SQLite transaction.
    public func createDataset(named name: String) async throws -> Dataset {
        try await write { db in try Self.createDataset(named: name, db) }
    }

    /// The `Store` requirement `deleteDataset`, in one SQLite transaction.
    public func deleteDataset(id: Int64) async throws {
        try await write { db in
            // One statement: rows, classes, asset roots and metadata fields cascade from the
            // dataset, and annotations, predictions, snapshot entries and vectors from the rows.
            // Foreign keys to classes are checked at the end of the statement, so order is free.
            try db.execute(sql: "DELETE FROM dataset WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw StoreError.notFound("no dataset with id \(id)") }
        }
    }

    /// The `Store` requirement `assetRoots`, in one SQLite transaction.
    public func assetRoots(datasetID: Int64) async throws -> [String] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT path FROM asset_root WHERE dataset_id = ? ORDER BY path", arguments: [datasetID])
        }
    }

    /// The `Store` requirement `addAssetRoot`, in one SQLite transaction.
    public func addAssetRoot(_ path: String, datasetID: Int64) async throws {
        try await write { db in try Self.addAssetRoot(path, datasetID: datasetID, db) }
    }

    /// The `Store` requirement `classes`, in one SQLite transaction.
    public func classes(datasetID: Int64) async throws -> [LabelClass] {
        try await read { db in try Self.classes(datasetID: datasetID, db) }
    }

    /// The `Store` requirement `addClasses`, in one SQLite transaction.
    public func addClasses(_ classes: [ClassSpec], datasetID: Int64) async throws -> [LabelClass] {
        try await write { db in
            _ = try Self.addClasses(classes, datasetID: datasetID, db)
            return try Self.classes(datasetID: datasetID, db)
        }
    }

    // MARK: Transaction-level helpers shared with `apply`

    static func dataset(_ row: Row) -> Dataset {
        Dataset(id: row["id"], name: row["name"], createdAt: date(row["created_at"]))
    }

    static func dataset(named name: String, _ db: Database) throws -> Dataset? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT id, name, created_at FROM dataset WHERE name = ?"), arguments: [name]).map(dataset)
    }

    static func createDataset(named name: String, _ db: Database) throws -> Dataset {
        guard !name.isEmpty else { throw StoreError.invalid("a dataset name must not be empty") }
        if try dataset(named: name, db) != nil { throw StoreError.alreadyExists("dataset '\(name)' already exists") }
        let created = now
        try db.execute(sql: "INSERT INTO dataset (name, created_at) VALUES (?, ?)", arguments: [name, created])
        return Dataset(id: db.lastInsertedRowID, name: name, createdAt: date(created))
    }

    static func addAssetRoot(_ path: String, datasetID: Int64, _ db: Database) throws {
        guard path.hasPrefix("/") else { throw StoreError.invalid("asset root '\(path)' is not an absolute path") }
        try db.execute(sql: "INSERT OR IGNORE INTO asset_root (dataset_id, path) VALUES (?, ?)", arguments: [datasetID, path])
    }

    static func classes(datasetID: Int64, _ db: Database) throws -> [LabelClass] {
        try Row.fetchAll(db, sql: """
            SELECT id, dataset_id, ordinal, name, color FROM label_class WHERE dataset_id = ? ORDER BY ordinal
            """, arguments: [datasetID]).map { row in
            LabelClass(id: row["id"], datasetID: row["dataset_id"], ordinal: row["ordinal"], name: row["name"], color: row["color"])
        }
    }

    /// Appends the named classes that are missing, in order; returns how many were added.
    static func addClasses(_ specs: [ClassSpec], datasetID: Int64, _ db: Database) throws -> Int {
        var existing = Set(try String.fetchAll(db, sql: "SELECT name FROM label_class WHERE dataset_id = ?", arguments: [datasetID]))
        var ordinal = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(ordinal) + 1, 0) FROM label_class WHERE dataset_id = ?",
                                       arguments: [datasetID]) ?? 0
        var added = 0
        for spec in specs where !existing.contains(spec.name) {
            guard !spec.name.isEmpty else { throw StoreError.invalid("a class name must not be empty") }
            let color = spec.color.map { $0.lowercased() } ?? LabelClass.defaultColor(ordinal: ordinal)
            try db.execute(sql: "INSERT INTO label_class (dataset_id, ordinal, name, color) VALUES (?, ?, ?, ?)",
                           arguments: [datasetID, ordinal, spec.name, color])
            existing.insert(spec.name)
            ordinal += 1
            added += 1
        }
        return added
    }
}
