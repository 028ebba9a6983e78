import Foundation
import GRDB
import LoupeCatalog
import LoupeCore

extension SQLiteStore {
    /// The `Store` requirement `embeddingSpaces`, in one SQLite transaction.
    public func embeddingSpaces() async throws -> [EmbeddingSpace] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM embedding_space ORDER BY name").map(Self.space)
        }
    }

    /// The `Store` requirement `createEmbeddingSpace`, in one SQLite transaction.
    public func createEmbeddingSpace(named name: String, dimension: Int, sourceRunID: Int64?) async throws -> EmbeddingSpace {
        try await write { db in try Self.createSpace(named: name, dimension: dimension, sourceRunID: sourceRunID, db) }
    }

    /// The `Store` requirement `upsertEmbeddings`, in one SQLite transaction.
    public func upsertEmbeddings(_ embeddings: [Embedding]) async throws {
        try await write { db in
            let upsert = try EmbeddingUpsert(db)
            for embedding in embeddings { try upsert.execute(embedding) }
        }
    }

    /// The `Store` requirement `embeddings`, in one SQLite transaction.
    public func embeddings(spaceID: Int64, page: PageRequest) async throws -> Page<Embedding> {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, space_id, row_id, object_id, vector FROM embedding WHERE space_id = ? AND id > ? ORDER BY id LIMIT ?
                """, arguments: [spaceID, page.after?.lastID ?? 0, page.limit + 1])
            let items = try rows.prefix(page.limit).map { row in
                guard let vector = VectorBlob.decode(row["vector"]) else { throw StoreError.invalid("unreadable vector blob") }
                return Embedding(spaceID: row["space_id"], rowID: row["row_id"], objectID: row["object_id"], vector: vector)
            }
            let lastID: Int64? = rows.count > page.limit ? rows[page.limit - 1]["id"] : nil
            return Page(items: items, next: lastID.map(PageCursor.init(lastID:)))
        }
    }

    /// The `Store` requirement `embeddingCount`, in one SQLite transaction.
    public func embeddingCount(spaceID: Int64) async throws -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM embedding WHERE space_id = ?", arguments: [spaceID]) ?? 0
        }
    }

    static func space(_ row: Row) -> EmbeddingSpace {
        EmbeddingSpace(id: row["id"], name: row["name"], dimension: row["dimension"], sourceRunID: row["source_run_id"])
    }

    static func createSpace(named name: String, dimension: Int, sourceRunID: Int64?, _ db: Database) throws -> EmbeddingSpace {
        guard !name.isEmpty else { throw StoreError.invalid("an embedding space name must not be empty") }
        if try Row.fetchOne(db, sql: "SELECT 1 FROM embedding_space WHERE name = ?", arguments: [name]) != nil {
            throw StoreError.alreadyExists("embedding space '\(name)' already exists")
        }
        try db.execute(sql: "INSERT INTO embedding_space (name, dimension, source_run_id, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [name, dimension, sourceRunID, now])
        return EmbeddingSpace(id: db.lastInsertedRowID, name: name, dimension: dimension, sourceRunID: sourceRunID)
    }
}

/// One prepared upsert into `embedding`, keyed by (space, row) or (space, object). A replaced
/// vector is deleted and inserted again, so that it gets a new id (see migration v12).
struct EmbeddingUpsert {
    let deletePerRow: BulkStatement
    let deletePerObject: BulkStatement
    let insert: BulkStatement

    init(_ db: Database) throws {
        deletePerRow = try BulkStatement(db, sql: "DELETE FROM embedding WHERE space_id = ? AND row_id = ? AND object_id IS NULL")
        deletePerObject = try BulkStatement(db, sql: "DELETE FROM embedding WHERE space_id = ? AND object_id = ?")
        insert = try BulkStatement(db, sql: "INSERT INTO embedding (space_id, row_id, object_id, vector) VALUES (?, ?, ?, ?)")
    }

    func execute(_ embedding: Embedding) throws {
        guard embedding.vector.allSatisfy(\.isFinite) else { throw StoreError.invalid("vector values must be finite") }
        let blob = VectorBlob.encode(embedding.vector)
        if let object = embedding.objectID {
            deletePerObject.bind(1, embedding.spaceID)
            deletePerObject.bind(2, object)
            try deletePerObject.step()
        } else {
            deletePerRow.bind(1, embedding.spaceID)
            deletePerRow.bind(2, embedding.rowID)
            try deletePerRow.step()
        }
        insert.bind(1, embedding.spaceID)
        insert.bind(2, embedding.rowID)
        insert.bind(3, embedding.objectID)
        insert.bind(4, blob)
        try insert.step()
    }
}

extension SQLiteStore {
    /// The `Store` requirement `embeddingEntries`: one pass over the space's vectors without
    /// reading them (the blob is not touched).
    public func embeddingEntries(spaceID: Int64) async throws -> [EmbeddingEntry] {
        try await read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT e.id, e.row_id, e.object_id, r.dataset_id FROM embedding e JOIN data_row r ON r.id = e.row_id
                WHERE e.space_id = ? ORDER BY e.id
                """, arguments: [spaceID])
            var entries: [EmbeddingEntry] = []
            while let row = try cursor.next() {
                entries.append(EmbeddingEntry(id: row[0], rowID: row[1], objectID: row[2], datasetID: row[3]))
            }
            return entries
        }
    }

    /// The `Store` requirement `embeddingVectors`: the ids in chunks through `json_each`, each
    /// vector decoded straight into the matrix.
    public func embeddingVectors(spaceID: Int64, ids: [Int64]) async throws -> RowMajorMatrix {
        guard let space = try await embeddingSpaces().first(where: { $0.id == spaceID }) else {
            throw StoreError.notFound("no embedding space with id \(spaceID)")
        }
        let dimension = space.dimension
        let position = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var values = [Float](repeating: 0, count: ids.count * dimension)
        var found = [Bool](repeating: false, count: ids.count)
        let chunkSize = 20_000
        for start in stride(from: 0, to: ids.count, by: chunkSize) {
            let chunk = ids[start..<min(ids.count, start + chunkSize)]
            let list = "[" + chunk.map(String.init).joined(separator: ",") + "]"
            let decoded: [(Int64, [Float])] = try await read { db in
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT id, vector FROM embedding WHERE space_id = ? AND id IN (SELECT value FROM json_each(?))
                    """, arguments: [spaceID, list])
                var out: [(Int64, [Float])] = []
                while let row = try cursor.next() {
                    let id: Int64 = row[0]
                    guard let vector = VectorBlob.decode(row[1]), vector.count == dimension else {
                        throw StoreError.invalid("embedding \(id) of space '\(space.name)' has an unreadable vector")
                    }
                    out.append((id, vector))
                }
                return out
            }
            for (id, vector) in decoded {
                guard let index = position[id] else { continue }
                found[index] = true
                values.replaceSubrange((index * dimension)..<((index + 1) * dimension), with: vector)
            }
        }
        if let missing = found.firstIndex(of: false) {
            throw StoreError.notFound("embedding \(ids[missing]) is not a vector of space '\(space.name)' (replaced or deleted meanwhile)")
        }
        return RowMajorMatrix(rows: ids.count, columns: dimension, values: values)
    }
}

extension SQLiteStore {
    /// The `Store` requirement `embeddingSourceSignature`: count, largest id and id sum over the
    /// `(space, row)` index, the same text `EmbeddingEntry.sourceSignature` gives for the entries.
    public func embeddingSourceSignature(spaceID: Int64) async throws -> String {
        try await read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*), COALESCE(max(id), 0), COALESCE(sum(id), 0) FROM embedding WHERE space_id = ? AND object_id IS NULL
                """, arguments: [spaceID])
            let count: Int = row?[0] ?? 0, largest: Int64 = row?[1] ?? 0, sum: Int64 = row?[2] ?? 0
            return "\(count):\(largest):\(UInt64(bitPattern: sum))"
        }
    }
}
