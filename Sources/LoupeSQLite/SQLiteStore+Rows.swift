import Foundation
import GRDB
import LoupeCatalog

extension SQLiteStore {
    public func rows(datasetID: Int64, page: PageRequest) async throws -> Page<DataRow> {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, key, uri, kind, width, height, text, split, label_version FROM data_row
                WHERE dataset_id = ? AND id > ? ORDER BY id LIMIT ?
                """, arguments: [datasetID, page.after?.lastID ?? 0, page.limit + 1])
            let items = try Self.dataRows(Array(rows.prefix(page.limit)), db)
            let next = rows.count > page.limit ? items.last?.id.map(PageCursor.init(lastID:)) : nil
            return Page(items: items, next: next)
        }
    }

    public func row(datasetID: Int64, key: String) async throws -> DataRow? {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, key, uri, kind, width, height, text, split, label_version FROM data_row
                WHERE dataset_id = ? AND key = ?
                """, arguments: [datasetID, key])
            return try Self.dataRows(rows, db).first
        }
    }

    public func upsertRows(_ rows: [DataRow], datasetID: Int64) async throws -> [Int64] {
        try await write { db in try Self.upsertRows(rows, datasetID: datasetID, db).ids }
    }

    // MARK: Transaction-level helpers

    /// Rows with their metadata and tags, reading the side tables once for the id range.
    static func dataRows(_ rows: [Row], _ db: Database) throws -> [DataRow] {
        guard let first = rows.first?["id"] as Int64?, let last = rows.last?["id"] as Int64? else { return [] }
        let low = min(first, last), high = max(first, last)
        var metadata: [Int64: [String: MetadataValue]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT row_id, name, kind, text_value, number_value FROM row_metadata WHERE row_id BETWEEN ? AND ?
            """, arguments: [low, high]) {
            metadata[row["row_id"], default: [:]][row["name"]] = metadataValue(row)
        }
        var tags: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT row_id, tag FROM row_tag WHERE row_id BETWEEN ? AND ? ORDER BY row_id, tag",
                                    arguments: [low, high]) {
            tags[row["row_id"], default: []].append(row["tag"])
        }
        return try rows.map { row in
            let id: Int64 = row["id"]
            let kindName: String = row["kind"]
            guard let kind = RowKind(rawValue: kindName) else { throw StoreError.invalid("row \(id) has unknown kind \(kindName)") }
            return DataRow(id: id, key: row["key"], uri: row["uri"], kind: kind, width: row["width"], height: row["height"],
                           text: row["text"], split: row["split"], metadata: metadata[id] ?? [:], tags: tags[id] ?? [],
                           labelVersion: row["label_version"])
        }
    }

    static func metadataValue(_ row: Row) -> MetadataValue {
        let number: Double? = row["number_value"]
        switch row["kind"] as String {
        case "number": return .number(number ?? 0)
        case "bool": return .bool((number ?? 0) != 0)
        case "date": return .date(Date(timeIntervalSince1970: number ?? 0))
        default: return .string(row["text_value"] ?? "")
        }
    }

    static func metadataColumns(_ value: MetadataValue) throws -> (text: String?, number: Double?) {
        switch value {
        case .string(let text): return (text, nil)
        case .number(let number):
            guard number.isFinite else { throw StoreError.invalid("metadata numbers must be finite") }
            return (nil, number)
        case .bool(let flag): return (nil, flag ? 1 : 0)
        case .date(let date): return (nil, date.timeIntervalSince1970)
        }
    }

    /// Upserts rows by key: given fields overwrite, `nil` fields keep the stored value, metadata
    /// merges by name and tags are added. Rows keep their label version.
    /// - Returns: the ids in input order and how many rows were new.
    static func upsertRows(_ rows: [DataRow], datasetID: Int64, _ db: Database) throws -> (ids: [Int64], created: Int) {
        var existing: [String: Int64] = [:]
        let hasRows = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM data_row WHERE dataset_id = ?)", arguments: [datasetID]) ?? false
        if hasRows {
            let keys = try Row.fetchCursor(db, sql: "SELECT id, key FROM data_row WHERE dataset_id = ?", arguments: [datasetID])
            while let row = try keys.next() { existing[row["key"]] = row["id"] }
        }
        let insert = try db.makeStatement(sql: """
            INSERT INTO data_row (dataset_id, key, uri, kind, width, height, text, split) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let update = try db.makeStatement(sql: """
            UPDATE data_row SET uri = COALESCE(?, uri), kind = ?, width = COALESCE(?, width), height = COALESCE(?, height),
                text = COALESCE(?, text), split = COALESCE(?, split) WHERE id = ?
            """)
        let putMetadata = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO row_metadata (row_id, name, kind, text_value, number_value) VALUES (?, ?, ?, ?, ?)
            """)
        let putTag = try db.makeStatement(sql: "INSERT OR IGNORE INTO row_tag (row_id, tag) VALUES (?, ?)")
        var ids: [Int64] = []
        ids.reserveCapacity(rows.count)
        var seen = Set<String>()
        var created = 0
        for row in rows {
            guard seen.insert(row.key).inserted else { throw StoreError.invalid("row key '\(row.key)' appears twice in one write") }
            guard !row.key.isEmpty else { throw StoreError.invalid("a row key must not be empty") }
            let id: Int64
            if let known = existing[row.key] {
                id = known
                try update.execute(arguments: [row.uri, row.kind.rawValue, row.width, row.height, row.text, row.split, id])
            } else {
                try insert.execute(arguments: [datasetID, row.key, row.uri, row.kind.rawValue, row.width, row.height, row.text, row.split])
                id = db.lastInsertedRowID
                created += 1
            }
            for (name, value) in row.metadata {
                let columns = try metadataColumns(value)
                try putMetadata.execute(arguments: [id, name, value.kindName, columns.text, columns.number])
            }
            for tag in row.tags { try putTag.execute(arguments: [id, tag]) }
            ids.append(id)
        }
        return (ids, created)
    }
}
