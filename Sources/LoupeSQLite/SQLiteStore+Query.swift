import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `queryRows`, in one SQLite read transaction (count and page agree).
    public func queryRows(datasetID: Int64, filter: FilterExpression?, sort: [SortKey], limit: Int, offset: Int) async throws -> RowQuery {
        try await ensureMetadataIndexes(datasetID: datasetID, filter: filter, sort: sort)
        return try await read { db in
            RowQuery(count: try self.countRows(datasetID: datasetID, filter: filter, db),
                     rows: try self.queryPage(datasetID: datasetID, filter: filter, sort: sort, limit: limit, offset: offset, db))
        }
    }

    /// The `Store` requirement `queryPage`.
    public func queryPage(datasetID: Int64, filter: FilterExpression?, sort: [SortKey], limit: Int, offset: Int) async throws -> [DataRow] {
        try await ensureMetadataIndexes(datasetID: datasetID, filter: filter, sort: sort)
        return try await read { db in try self.queryPage(datasetID: datasetID, filter: filter, sort: sort, limit: limit, offset: offset, db) }
    }

    /// The `Store` requirement `countRows`.
    public func countRows(datasetID: Int64, filter: FilterExpression?) async throws -> Int {
        try await ensureMetadataIndexes(datasetID: datasetID, filter: filter)
        return try await read { db in try self.countRows(datasetID: datasetID, filter: filter, db) }
    }

    /// The `Store` requirement `orderedRowIDs`, in one SQLite read transaction: `queryPage`'s
    /// query without its limit, reading ids only.
    public func orderedRowIDs(datasetID: Int64, filter: FilterExpression?, sort: [SortKey]) async throws -> [Int64] {
        try await ensureMetadataIndexes(datasetID: datasetID, filter: filter, sort: sort)
        return try await read { db in
            let compiled = try self.compiledQueries.compiled(datasetID: datasetID, filter: filter, sort: sort,
                                                             generation: try Self.writeGeneration(datasetID: datasetID, db), db)
            return try Int64.fetchAll(db, sql: """
                SELECT r.id FROM data_row r WHERE r.dataset_id = ? AND \(compiled.condition) ORDER BY \(compiled.order ?? "r.id")
                """, arguments: StatementArguments([datasetID.databaseValue] + compiled.arguments))
        }
    }

    /// The `Store` requirement `queryRowIDs`, in one SQLite read transaction.
    public func queryRowIDs(datasetID: Int64, filter: FilterExpression) async throws -> [Int64] {
        try await ensureMetadataIndexes(datasetID: datasetID, filter: filter)
        return try await read { db in
            var compiler = SQLiteFilterCompiler(db: db, datasetID: datasetID)
            let condition = try compiler.compile(filter)
            return try Int64.fetchAll(db, sql: "SELECT r.id FROM data_row r WHERE r.dataset_id = ? AND \(condition) ORDER BY r.id",
                                      arguments: StatementArguments([datasetID] + compiler.arguments))
        }
    }

    func countRows(datasetID: Int64, filter: FilterExpression?, _ db: Database) throws -> Int {
        let compiled = try compiledQueries.compiled(datasetID: datasetID, filter: filter, sort: nil,
                                                    generation: try Self.writeGeneration(datasetID: datasetID, db), db)
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM data_row r WHERE r.dataset_id = ? AND \(compiled.condition)",
                                arguments: StatementArguments([datasetID.databaseValue] + compiled.arguments)) ?? 0
    }

    func queryPage(datasetID: Int64, filter: FilterExpression?, sort: [SortKey], limit: Int, offset: Int,
                   _ db: Database) throws -> [DataRow] {
        let compiled = try compiledQueries.compiled(datasetID: datasetID, filter: filter, sort: sort,
                                                    generation: try Self.writeGeneration(datasetID: datasetID, db), db)
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.id, r.key, r.uri, r.kind, r.width, r.height, r.text, r.split, r.label_version, r.metadata
            FROM data_row r WHERE r.dataset_id = ? AND \(compiled.condition) ORDER BY \(compiled.order ?? "r.id") LIMIT ? OFFSET ?
            """, arguments: StatementArguments([datasetID.databaseValue] + compiled.arguments
                                               + [max(0, limit).databaseValue, max(0, offset).databaseValue]))
        return try Self.dataRows(rows, datasetID: datasetID, db)
    }
}
