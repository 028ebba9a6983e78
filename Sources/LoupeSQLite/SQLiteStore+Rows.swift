import Foundation
import GRDB
import LoupeCatalog
import LoupeCore

extension SQLiteStore {
    /// The `Store` requirement `rows`, in one SQLite transaction.
    public func rows(datasetID: Int64, page: PageRequest) async throws -> Page<DataRow> {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, key, uri, kind, width, height, text, split, label_version, metadata FROM data_row
                WHERE dataset_id = ? AND id > ? ORDER BY id LIMIT ?
                """, arguments: [datasetID, page.after?.lastID ?? 0, page.limit + 1])
            let items = try Self.dataRows(Array(rows.prefix(page.limit)), datasetID: datasetID, db)
            let next = rows.count > page.limit ? items.last?.id.map(PageCursor.init(lastID:)) : nil
            return Page(items: items, next: next)
        }
    }

    /// The `Store` requirement `rows(datasetID:ids:)`, in one SQLite transaction.
    public func rows(datasetID: Int64, ids: [Int64]) async throws -> [DataRow] {
        guard !ids.isEmpty else { return [] }
        return try await read { db in try Self.rows(datasetID: datasetID, ids: ids, db) }
    }

    /// The `Store` requirement `rows(datasetID:ids:atGeneration:)`, in one SQLite transaction.
    public func rows(datasetID: Int64, ids: [Int64], atGeneration generation: Int64) async throws -> [DataRow]? {
        try await read { db in
            guard try Self.writeGeneration(datasetID: datasetID, db) == generation else { return nil }
            return try Self.rows(datasetID: datasetID, ids: ids, db)
        }
    }

    static func rows(datasetID: Int64, ids: [Int64], _ db: Database) throws -> [DataRow] {
        guard !ids.isEmpty else { return [] }
        let idList = "[" + ids.map(String.init).joined(separator: ",") + "]"
        // Read through the C API: decoding GRDB rows was a tenth of a page request's time.
        var stored: [StoredDataRow] = []
        stored.reserveCapacity(ids.count)
        try ColumnReader(db, sql: """
            SELECT r.id, r.key, r.uri, r.kind, r.width, r.height, r.text, r.split, r.label_version, r.metadata
            FROM json_each(?) AS wanted JOIN data_row r ON r.id = wanted.value
            WHERE r.dataset_id = ? ORDER BY wanted.key
            """, arguments: [idList, datasetID], cached: true).forEach { columns in
            stored.append(StoredDataRow(id: columns.int64(0) ?? 0, key: columns.string(1) ?? "", uri: columns.string(2),
                                        kind: columns.string(3) ?? "", width: columns.int64(4).map(Int.init),
                                        height: columns.int64(5).map(Int.init), text: columns.string(6), split: columns.string(7),
                                        labelVersion: Int(columns.int64(8) ?? 0), metadata: columns.string(9) ?? "{}"))
        }
        return try dataRows(stored, datasetID: datasetID, db)
    }

    /// The `Store` requirement `row`, in one SQLite transaction.
    public func row(datasetID: Int64, key: String) async throws -> DataRow? {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, key, uri, kind, width, height, text, split, label_version, metadata FROM data_row
                WHERE dataset_id = ? AND key = ?
                """, arguments: [datasetID, key])
            return try Self.dataRows(rows, datasetID: datasetID, db).first
        }
    }

    /// The `Store` requirement `upsertRows`, in one SQLite transaction.
    public func upsertRows(_ rows: [DataRow], datasetID: Int64) async throws -> [Int64] {
        try await write { db in try Self.upsertRows(rows, datasetID: datasetID, db).ids }
    }

    // MARK: Transaction-level helpers

    /// A `data_row` as stored, before its metadata is typed and its tags joined.
    struct StoredDataRow {
        var id: Int64
        var key: String
        var uri: String?
        var kind: String
        var width: Int?
        var height: Int?
        var text: String?
        var split: String?
        var labelVersion: Int
        var metadata: String
    }

    /// Rows with their typed metadata and tags, from GRDB rows selecting at least `id, key, uri,
    /// kind, width, height, text, split, label_version, metadata`.
    static func dataRows(_ rows: [Row], datasetID: Int64, _ db: Database) throws -> [DataRow] {
        guard let first = rows.first else { return [] }
        // Columns by position: a lookup by name lowercases the name on every call, which cost
        // more than reading the values on a page of rows.
        let names = Array(first.columnNames)
        func column(_ name: String) throws -> Int {
            guard let index = names.firstIndex(of: name) else { throw StoreError.invalid("row query lacks column \(name)") }
            return index
        }
        let (idColumn, keyColumn, uriColumn, kindColumn) = (try column("id"), try column("key"), try column("uri"), try column("kind"))
        let (widthColumn, heightColumn, textColumn, splitColumn) = (try column("width"), try column("height"), try column("text"), try column("split"))
        let (metadataColumn, labelVersionColumn) = (try column("metadata"), try column("label_version"))
        let stored = rows.map { row in
            StoredDataRow(id: row[idColumn], key: row[keyColumn], uri: row[uriColumn], kind: row[kindColumn], width: row[widthColumn],
                          height: row[heightColumn], text: row[textColumn], split: row[splitColumn],
                          labelVersion: row[labelVersionColumn], metadata: row[metadataColumn])
        }
        return try dataRows(stored, datasetID: datasetID, db)
    }

    /// Rows with their typed metadata and tags, reading the tag table once for the page.
    static func dataRows(_ rows: [StoredDataRow], datasetID: Int64, _ db: Database) throws -> [DataRow] {
        guard !rows.isEmpty else { return [] }
        let kinds = try metadataKinds(datasetID: datasetID, db)
        var tags: [Int64: [String]] = [:]
        // The page's ids as one bound JSON array: a sorted query's page is not an id range.
        let idList = "[" + rows.map { String($0.id) }.joined(separator: ",") + "]"
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT row_id, tag FROM row_tag WHERE row_id IN (SELECT value FROM json_each(?)) ORDER BY row_id, tag
            """), arguments: [idList]) {
            tags[row[0], default: []].append(row[1])
        }
        return try rows.map { row in
            guard let kind = RowKind(rawValue: row.kind) else { throw StoreError.invalid("row \(row.id) has unknown kind \(row.kind)") }
            return DataRow(id: row.id, key: row.key, uri: row.uri, kind: kind, width: row.width, height: row.height, text: row.text,
                           split: row.split, metadata: try MetadataJSON.decode(row.metadata, kinds: kinds),
                           tags: tags[row.id] ?? [], labelVersion: row.labelVersion)
        }
    }

    /// The declared kind of each metadata field of a dataset.
    static func metadataKinds(datasetID: Int64, _ db: Database) throws -> [String: String] {
        var kinds: [String: String] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT name, kind FROM metadata_field WHERE dataset_id = ?"), arguments: [datasetID]) {
            kinds[row["name"]] = row["kind"]
        }
        return kinds
    }

    /// Upserts rows by key: given fields overwrite, `nil` fields keep the stored value, metadata
    /// merges by name and tags are added. A row's kind is fixed when it is created (importers
    /// infer it, and a metadata-only re-import must not turn a text row into an image). Existing
    /// rows keep their label version; new rows whose
    /// key is in `labeledKeys` start at label version 1 (the import writes their first labels),
    /// which saves an update per row on large imports. A metadata field keeps the kind it was
    /// first written with in the dataset; a value of another kind is refused.
    /// - Returns: the ids in input order, and the ids of the rows that were created.
    static func upsertRows(_ rows: [DataRow], datasetID: Int64, labeledKeys: Set<String> = [],
                           _ db: Database) throws -> (ids: [Int64], created: Set<Int64>) {
        var existing: [String: Int64] = [:]
        let hasRows = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM data_row WHERE dataset_id = ?)", arguments: [datasetID]) ?? false
        if hasRows {
            let keys = try Row.fetchCursor(db, sql: "SELECT id, key FROM data_row WHERE dataset_id = ?", arguments: [datasetID])
            while let row = try keys.next() { existing[row["key"]] = row["id"] }
        }
        let insert = try BulkStatement(db, sql: """
            INSERT INTO data_row (dataset_id, key, uri, kind, width, height, text, split, label_version, metadata)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let update = try db.makeStatement(sql: """
            UPDATE data_row SET uri = COALESCE(?, uri), width = COALESCE(?, width), height = COALESCE(?, height),
                text = COALESCE(?, text), split = COALESCE(?, split), metadata = json_patch(metadata, ?) WHERE id = ?
            """)
        var kinds = try metadataKinds(datasetID: datasetID, db)
        let declare = try db.makeStatement(sql: "INSERT INTO metadata_field (dataset_id, name, kind) VALUES (?, ?, ?)")
        let putTag = try BulkStatement(db, sql: "INSERT OR IGNORE INTO row_tag (row_id, tag) VALUES (?, ?)")
        var ids: [Int64] = []
        ids.reserveCapacity(rows.count)
        var seen = Set<String>()
        var created = Set<Int64>()
        // Encoding metadata is pure work per row: done on every core before the inserts, which
        // SQLite runs one at a time.
        let encodedMetadata = ConcurrentMap.map(count: rows.count) { MetadataJSON.encode(rows[$0].metadata) }
        for (position, row) in rows.enumerated() {
            guard seen.insert(row.key).inserted else { throw StoreError.invalid("row key '\(row.key)' appears twice in one write") }
            guard !row.key.isEmpty else { throw StoreError.invalid("a row key must not be empty") }
            for (name, value) in row.metadata {
                if case .number(let number) = value, !number.isFinite { throw StoreError.invalid("metadata numbers must be finite") }
                if let declared = kinds[name] {
                    guard declared == value.kindName else {
                        throw StoreError.invalid("row '\(row.key)': metadata '\(name)' is a \(declared) in this dataset, not a \(value.kindName)")
                    }
                } else {
                    guard !name.isEmpty else { throw StoreError.invalid("row '\(row.key)': a metadata name must not be empty") }
                    try declare.execute(arguments: [datasetID, name, value.kindName])
                    kinds[name] = value.kindName
                }
            }
            let metadata = encodedMetadata[position]
            let id: Int64
            if let known = existing[row.key] {
                id = known
                try update.execute(arguments: [row.uri, row.width, row.height, row.text, row.split, metadata, id])
            } else {
                insert.bind(1, datasetID)
                insert.bind(2, row.key)
                insert.bind(3, row.uri)
                insert.bind(4, row.kind.rawValue)
                insert.bind(5, row.width)
                insert.bind(6, row.height)
                insert.bind(7, row.text)
                insert.bind(8, row.split)
                insert.bind(9, labeledKeys.contains(row.key) ? 1 : 0)
                insert.bind(10, metadata)
                id = try insert.step()
                created.insert(id)
            }
            for tag in row.tags {
                putTag.bind(1, id)
                putTag.bind(2, tag)
                try putTag.step()
            }
            ids.append(id)
        }
        return (ids, created)
    }
}
