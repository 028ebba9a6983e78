import Foundation
import GRDB
import LoupeCatalog
@testable import LoupeSQLite
import Testing

@Suite("SQLite store: API tokens")
struct SQLiteStoreTokensTests {
    /// A 32-byte digest made of one repeated byte.
    static func digest(_ byte: UInt8) -> Data { Data(repeating: byte, count: 32) }

    @Test("tokens are created, found by their hash, revoked once, and keep their names")
    func lifecycle() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        #expect(try await store.apiTokens().isEmpty)
        #expect(try await store.activeAPITokenCount() == 0)
        let ci = try await store.createAPIToken(name: "ci", role: .editor, secretHash: Self.digest(1))
        _ = try await store.createAPIToken(name: "alice", role: .admin, secretHash: Self.digest(2))
        #expect(try await store.apiTokens().map(\.name) == ["alice", "ci"])
        #expect(try await store.activeAPITokenCount() == 2)
        #expect(try await store.apiToken(secretHash: Self.digest(1)) == ci)
        #expect(try await store.apiToken(secretHash: Self.digest(3)) == nil)

        await #expect(throws: StoreError.alreadyExists("a token named 'ci' already exists (revoked tokens keep their names)")) {
            _ = try await store.createAPIToken(name: "ci", role: .viewer, secretHash: Self.digest(4))
        }
        await #expect(throws: StoreError.self) { _ = try await store.createAPIToken(name: "", role: .viewer, secretHash: Self.digest(5)) }
        await #expect(throws: StoreError.self) { _ = try await store.createAPIToken(name: "short", role: .viewer, secretHash: Data([1, 2])) }
        // Two tokens cannot share a secret.
        await #expect(throws: StoreError.self) { _ = try await store.createAPIToken(name: "twin", role: .viewer, secretHash: Self.digest(1)) }

        let used = Date(timeIntervalSince1970: 1_800_000_000)
        try await store.markAPITokenUsed(id: ci.id, at: used)
        #expect(try await store.apiToken(secretHash: Self.digest(1))?.lastUsedAt == used)

        let revoked = try await store.revokeAPIToken(named: "ci")
        #expect(revoked.revokedAt != nil && !revoked.isActive)
        #expect(try await store.apiToken(secretHash: Self.digest(1))?.isActive == false)
        #expect(try await store.activeAPITokenCount() == 1)
        await #expect(throws: StoreError.conflict("token 'ci' is already revoked")) { _ = try await store.revokeAPIToken(named: "ci") }
        await #expect(throws: StoreError.notFound("no token named 'bob' (active tokens: alice)")) { _ = try await store.revokeAPIToken(named: "bob") }
    }

    @Test("the schema refuses unknown roles, empty names and hashes that are not 32 bytes")
    func schema() async throws {
        let workspace = try TemporaryWorkspace()
        let forbidden = [
            "INSERT INTO api_token (name, role, token_hash, created_at) VALUES ('a', 'owner', zeroblob(32), 0)",
            "INSERT INTO api_token (name, role, token_hash, created_at) VALUES ('', 'viewer', zeroblob(32), 0)",
            "INSERT INTO api_token (name, role, token_hash, created_at) VALUES ('a', 'viewer', zeroblob(16), 0)",
            "INSERT INTO api_token (name, role, token_hash, created_at) VALUES ('a', 'viewer', NULL, 0)",
        ]
        for sql in forbidden {
            await #expect(throws: DatabaseError.self, "\(sql)") {
                try await workspace.store.pool.write { db in try db.execute(sql: sql) }
            }
        }
        #expect(TokenRole.allCases.sorted() == [.viewer, .labeler, .editor, .admin])
        #expect(TokenRole.viewer < .labeler && .labeler < .editor && .editor < .admin)
    }
}
