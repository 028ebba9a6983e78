import Foundation
import GRDB
import LoupeCatalog
import LoupeCore

extension SQLiteStore {
    /// The `Store` requirement `annotations`, in one SQLite transaction.
    public func annotations(datasetID: Int64, allVersions: Bool, page: PageRequest) async throws -> Page<Annotation> {
        try await read { db in
            let versionFilter = allVersions ? "" : "AND a.label_version = r.label_version"
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.* FROM annotation a JOIN data_row r ON r.id = a.row_id
                WHERE r.dataset_id = ? AND a.id > ? \(versionFilter) ORDER BY a.id LIMIT ?
                """, arguments: [datasetID, page.after?.lastID ?? 0, page.limit + 1])
            let items = try rows.prefix(page.limit).map(Self.annotation)
            return Page(items: items, next: rows.count > page.limit ? items.last?.id.map(PageCursor.init(lastID:)) : nil)
        }
    }

    /// The `Store` requirement `annotations`, in one SQLite transaction.
    public func annotations(rowID: Int64) async throws -> [Annotation] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.* FROM annotation a JOIN data_row r ON r.id = a.row_id
                WHERE a.row_id = ? AND a.label_version = r.label_version ORDER BY a.id
                """, arguments: [rowID]).map(Self.annotation)
        }
    }

    /// The `Store` requirement `annotations(rowIDs:)`, in one SQLite transaction.
    public func annotations(rowIDs: [Int64]) async throws -> [Annotation] {
        guard !rowIDs.isEmpty else { return [] }
        let idList = "[" + rowIDs.map(String.init).joined(separator: ",") + "]"
        return try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.* FROM annotation a JOIN data_row r ON r.id = a.row_id
                WHERE a.row_id IN (SELECT value FROM json_each(?)) AND a.label_version = r.label_version ORDER BY a.row_id, a.id
                """, arguments: [idList]).map(Self.annotation)
        }
    }

    /// The `Store` requirement `replaceGroundTruth`, in one SQLite transaction.
    public func replaceGroundTruth(_ annotations: [Annotation]) async throws -> [Int64] {
        try await write { db in
            var byRow: [Int64: [Annotation]] = [:]
            var order: [Int64] = []
            for annotation in annotations {
                if byRow[annotation.rowID] == nil { order.append(annotation.rowID) }
                byRow[annotation.rowID, default: []].append(annotation)
            }
            let insert = try AnnotationInsert(db)
            var ids: [Int64] = []
            for rowID in order {
                guard let current = try Int.fetchOne(db, sql: "SELECT label_version FROM data_row WHERE id = ?", arguments: [rowID]) else {
                    throw StoreError.notFound("no row with id \(rowID)")
                }
                let version = current + 1
                try db.execute(sql: "UPDATE data_row SET label_version = ? WHERE id = ?", arguments: [version, rowID])
                for var annotation in byRow[rowID] ?? [] {
                    annotation.labelVersion = version
                    ids.append(try insert.execute(annotation))
                }
            }
            return ids
        }
    }

    static func annotation(_ row: Row) throws -> Annotation {
        Annotation(id: row["id"], rowID: row["row_id"], classID: row["class_id"],
                   geometry: try geometry(row), isCrowd: row["is_crowd"], area: row["area"],
                   attributes: try attributes(row["attributes"]), labelVersion: row["label_version"], author: row["author"])
    }

    static func geometry(_ row: Row) throws -> Geometry {
        let kindName: String = row["geometry_kind"]
        guard let kind = GeometryKind(rawValue: kindName) else { throw StoreError.invalid("unknown geometry kind \(kindName)") }
        var box: BoundingBox?
        if let x = row["box_x"] as Double? {
            box = BoundingBox(x: x, y: row["box_y"], width: row["box_w"], height: row["box_h"])
        }
        return try GeometryColumns(kind: kind, box: box, shape: row["shape"]).geometry()
    }

    static func attributes(_ json: String?) throws -> [String: MetadataValue] {
        guard let json, json != "{}" else { return [:] }
        return try JSONDecoder().decode([String: MetadataValue].self, from: Data(json.utf8))
    }

    static func attributesJSON(_ attributes: [String: MetadataValue]) throws -> String {
        guard !attributes.isEmpty else { return "{}" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(attributes), as: UTF8.self)
    }
}

/// One prepared `INSERT INTO annotation` reused for a whole transaction.
struct AnnotationInsert {
    let statement: BulkStatement

    init(_ db: Database) throws {
        statement = try BulkStatement(db, sql: """
            INSERT INTO annotation (row_id, class_id, label_version, geometry_kind, box_x, box_y, box_w, box_h, shape,
                area, is_crowd, attributes, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    func execute(_ annotation: Annotation) throws -> Int64 {
        if let area = annotation.area, !(area.isFinite && area >= 0) {
            throw StoreError.invalid("annotation area must be a finite number >= 0")
        }
        guard annotation.geometry.isValid else {
            throw StoreError.invalid("annotation geometry has a non-finite coordinate, a negative size, a ring of fewer than 3 points or a mask whose runs do not cover its size")
        }
        let columns = GeometryColumns(annotation.geometry)
        statement.bind(1, annotation.rowID)
        statement.bind(2, annotation.classID)
        statement.bind(3, annotation.labelVersion)
        statement.bind(columns, from: 4)
        statement.bind(10, annotation.area)
        statement.bind(11, annotation.isCrowd)
        statement.bind(12, try SQLiteStore.attributesJSON(annotation.attributes))
        statement.bind(13, annotation.author)
        return try statement.step()
    }
}

extension BulkStatement {
    /// Binds `geometry_kind, box_x, box_y, box_w, box_h, shape` to six parameters from `first`.
    func bind(_ columns: GeometryColumns, from first: Int32) {
        bind(first, columns.kind.rawValue)
        bind(first + 1, columns.box?.x)
        bind(first + 2, columns.box?.y)
        bind(first + 3, columns.box?.width)
        bind(first + 4, columns.box?.height)
        bind(first + 5, columns.shape)
    }
}
