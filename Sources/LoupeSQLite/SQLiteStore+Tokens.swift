import Foundation
import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `apiTokens`.
    public func apiTokens() async throws -> [ApiToken] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_token ORDER BY name").map(Self.apiToken)
        }
    }

    /// The `Store` requirement `activeAPITokenCount`.
    public func activeAPITokenCount() async throws -> Int {
        try await quickRead { db in
            // Cached: every request of a server without tokens asks.
            try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM api_token WHERE revoked_at IS NULL")) ?? 0
        }
    }

    /// The `Store` requirement `createAPIToken`, in one SQLite transaction.
    public func createAPIToken(name: String, role: TokenRole, secretHash: Data) async throws -> ApiToken {
        try await write(changesData: false) { db in
            guard !name.isEmpty else { throw StoreError.invalid("a token name must not be empty") }
            guard secretHash.count == 32 else { throw StoreError.invalid("a token hash must be 32 bytes (SHA-256), not \(secretHash.count)") }
            if try Int64.fetchOne(db, sql: "SELECT id FROM api_token WHERE name = ?", arguments: [name]) != nil {
                throw StoreError.alreadyExists("a token named '\(name)' already exists (revoked tokens keep their names)")
            }
            let created = Self.now
            try db.execute(sql: "INSERT INTO api_token (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, role.rawValue, secretHash, created])
            return ApiToken(id: db.lastInsertedRowID, name: name, role: role, createdAt: Self.date(created))
        }
    }

    /// The `Store` requirement `apiToken(secretHash:)`: one lookup in the unique index on the hash.
    public func apiToken(secretHash: Data) async throws -> ApiToken? {
        try await quickRead { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM api_token WHERE token_hash = ?"), arguments: [secretHash]).map(Self.apiToken)
        }
    }

    /// The `Store` requirement `revokeAPIToken`, in one SQLite transaction.
    public func revokeAPIToken(named name: String) async throws -> ApiToken {
        try await write(changesData: false) { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM api_token WHERE name = ?", arguments: [name]) else {
                let names = try String.fetchAll(db, sql: "SELECT name FROM api_token WHERE revoked_at IS NULL ORDER BY name")
                throw StoreError.notFound("no token named '\(name)' (active tokens: \(names.isEmpty ? "none" : names.joined(separator: ", ")))")
            }
            var token = Self.apiToken(row)
            guard token.revokedAt == nil else { throw StoreError.conflict("token '\(name)' is already revoked") }
            let revoked = Self.now
            try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE id = ?", arguments: [revoked, token.id])
            token.revokedAt = Self.date(revoked)
            return token
        }
    }

    /// The `Store` requirement `markAPITokenUsed`.
    public func markAPITokenUsed(id: Int64, at date: Date) async throws {
        try await write(changesData: false) { db in
            try db.execute(sql: "UPDATE api_token SET last_used_at = ? WHERE id = ?", arguments: [date.timeIntervalSince1970, id])
        }
    }

    /// A token from its row.
    static func apiToken(_ row: Row) -> ApiToken {
        let role: String = row["role"]
        let lastUsed: Double? = row["last_used_at"]
        let revoked: Double? = row["revoked_at"]
        // The schema's CHECK admits the four roles only.
        return ApiToken(id: row["id"], name: row["name"], role: TokenRole(rawValue: role) ?? .viewer,
                        createdAt: Self.date(row["created_at"]), lastUsedAt: lastUsed.map(Self.date), revokedAt: revoked.map(Self.date))
    }
}
