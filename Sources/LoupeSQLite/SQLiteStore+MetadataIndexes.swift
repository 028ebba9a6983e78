import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// Datasets smaller than this are filtered by scanning: an index would save milliseconds.
    static let metadataIndexMinimumRows = 10_000

    /// Builds, on first use, the expression indexes of the plain-named metadata fields that a
    /// filter or sort of `datasetID` reads, when the dataset has at least `minimumRows` rows and
    /// the store was opened with `buildsMetadataIndexesOnQuery` (the CLI's way; the server builds
    /// them in a job instead and answers from a scan meanwhile).
    ///
    /// Indexes are built when a query first needs them rather than on import: a field nobody
    /// filters on costs nothing, and a million-row import stays about a second per field
    /// faster. The build (about a second per field per million rows, then `ANALYZE`) is a write;
    /// when the workspace is busy with another write it is skipped and the query runs unindexed.
    func ensureMetadataIndexes(datasetID: Int64, filter: FilterExpression?, sort: [SortKey] = [],
                               minimumRows: Int = metadataIndexMinimumRows) async throws {
        guard buildsMetadataIndexesOnQuery else { return }
        let missing = try await metadataFieldsWantingIndexes(datasetID: datasetID, filter: filter, sort: sort, minimumRows: minimumRows)
        guard !missing.isEmpty else { return }
        do {
            _ = try await buildMetadataIndexes(datasetID: datasetID, fields: missing)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            return
        }
    }

    /// The `Store` requirement `metadataFieldsWantingIndexes`: fields of datasets of at least
    /// `metadataIndexMinimumRows` rows.
    public func metadataFieldsWantingIndexes(datasetID: Int64, filter: FilterExpression?, sort: [SortKey]) async throws -> [String] {
        try await metadataFieldsWantingIndexes(datasetID: datasetID, filter: filter, sort: sort, minimumRows: Self.metadataIndexMinimumRows)
    }

    func metadataFieldsWantingIndexes(datasetID: Int64, filter: FilterExpression?, sort: [SortKey], minimumRows: Int) async throws -> [String] {
        var names = Set<String>()
        filter.map { Self.collectMetadataNames($0, into: &names) }
        for key in sort { if case .metadata(let name) = key.field { names.insert(name) } }
        // Indexes are never dropped, so a field seen indexed once needs no look in the schema again.
        let candidates = names.filter { SQLiteFilterCompiler.indexablePath($0) != nil && !indexedMetadataFields.contains($0) }
        guard !candidates.isEmpty else { return [] }
        return try await read { [indexedMetadataFields] db -> [String] in
            let declared = Set(try String.fetchAll(db, sql: "SELECT name FROM metadata_field WHERE dataset_id = ?", arguments: [datasetID]))
            var missing: [String] = []
            for name in candidates where declared.contains(name) {
                if try Self.hasMetadataIndex(name, db) { indexedMetadataFields.insert(name) } else { missing.append(name) }
            }
            guard !missing.isEmpty else { return [] }
            let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM data_row WHERE dataset_id = ?", arguments: [datasetID]) ?? 0
            return rows >= minimumRows ? missing.sorted() : []
        }
    }

    /// The `Store` requirement `buildMetadataIndexes`, in one SQLite write transaction followed
    /// by `ANALYZE` of the rows, so that the planner knows the new indexes' selectivity.
    public func buildMetadataIndexes(datasetID: Int64, fields: [String]) async throws -> [String] {
        let wanted = Array(Set(fields.filter { SQLiteFilterCompiler.indexablePath($0) != nil })).sorted()
        guard !wanted.isEmpty else { return [] }
        let indexed = try await write(changesData: false) { db in
            let declared = Set(try String.fetchAll(db, sql: "SELECT name FROM metadata_field WHERE dataset_id = ?", arguments: [datasetID]))
            let missing = try wanted.filter { name in try declared.contains(name) && !Self.hasMetadataIndex(name, db) }
            for name in missing { try Self.indexMetadataField(name, db) }
            if !missing.isEmpty { try db.execute(sql: "ANALYZE data_row") }
            return try wanted.filter { name in try declared.contains(name) && Self.hasMetadataIndex(name, db) }
        }
        for name in indexed { indexedMetadataFields.insert(name) }
        return indexed
    }

    private static func collectMetadataNames(_ expression: FilterExpression, into names: inout Set<String>) {
        func field(_ field: FilterField) { if case .metadata(let name) = field { names.insert(name) } }
        switch expression {
        case .and(let left, let right), .or(let left, let right):
            collectMetadataNames(left, into: &names)
            collectMetadataNames(right, into: &names)
        case .not(let inner): collectMetadataNames(inner, into: &names)
        case .compare(let f, _, _), .oneOf(let f, _), .between(let f, _, _), .contains(let f, _), .isNull(let f, _): field(f)
        }
    }
}
