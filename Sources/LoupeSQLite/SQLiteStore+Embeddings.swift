import Foundation
import GRDB
import LoupeCatalog

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

/// One prepared upsert into `embedding`, keyed by (space, row) or (space, object).
struct EmbeddingUpsert {
    let perRow: BulkStatement
    let perObject: BulkStatement

    init(_ db: Database) throws {
        perRow = try BulkStatement(db, sql: """
            INSERT INTO embedding (space_id, row_id, object_id, vector) VALUES (?, ?, NULL, ?)
            ON CONFLICT (space_id, row_id) WHERE object_id IS NULL DO UPDATE SET vector = excluded.vector
            """)
        perObject = try BulkStatement(db, sql: """
            INSERT INTO embedding (space_id, row_id, object_id, vector) VALUES (?, ?, ?, ?)
            ON CONFLICT (space_id, object_id) WHERE object_id IS NOT NULL DO UPDATE SET vector = excluded.vector
            """)
    }

    func execute(_ embedding: Embedding) throws {
        guard embedding.vector.allSatisfy(\.isFinite) else { throw StoreError.invalid("vector values must be finite") }
        let blob = VectorBlob.encode(embedding.vector)
        if let object = embedding.objectID {
            perObject.bind(1, embedding.spaceID)
            perObject.bind(2, embedding.rowID)
            perObject.bind(3, object)
            perObject.bind(4, blob)
            try perObject.step()
        } else {
            perRow.bind(1, embedding.spaceID)
            perRow.bind(2, embedding.rowID)
            perRow.bind(3, blob)
            try perRow.step()
        }
    }
}
