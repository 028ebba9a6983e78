import Foundation
import HTTPTypes
import LoupeCatalog
import LoupeServer
import Testing

@Suite("token management over HTTP")
struct TokensEndpointTests {
    @Test("POST /tokens shows a secret once that then authenticates; GET /tokens never shows one; DELETE revokes it (401 after)")
    func lifecycle() async throws {
        let workspace = try ServerWorkspace()
        let admin = TokenSecret.generate()
        _ = try await workspace.store.createAPIToken(name: "root", role: .admin, secretHash: admin.hash)
        let asAdmin = AuthorizationTests.bearer("Bearer \(admin.text)")
        try await withServer(workspace) { client in
            let created = try await client.send("/api/v1/tokens", method: .post, headers: asAdmin, body: #"{"name": "ci", "role": "viewer"}"#)
            #expect(created.status == .created, "\(String(decoding: created.body, as: UTF8.self))")
            let body = try created.json
            let secret = try #require(body["token"] as? String)
            #expect(secret.hasPrefix("loupe_") && secret.count == 49)
            #expect(body["name"] as? String == "ci" && body["role"] as? String == "viewer" && body["created_at"] is String)
            #expect(body["revoked_at"] == nil && body["last_used_at"] == nil)
            // The store keeps the secret's SHA-256: the new token is the one it finds.
            #expect(try await workspace.store.apiToken(secretHash: TokenSecret(text: secret).hash)?.name == "ci")
            let asCI = AuthorizationTests.bearer("Bearer \(secret)")
            #expect(try await client.send("/api/v1/datasets", headers: asCI).status == .ok)
            // A viewer may read but not manage tokens.
            let forbidden = try await client.send("/api/v1/tokens", headers: asCI)
            #expect(try forbidden.status == .forbidden && (forbidden.error["code"] as? String) == "forbidden")
            // The list: names, roles and use, never a secret or a hash.
            let listed = try await client.send("/api/v1/tokens", headers: asAdmin)
            let tokens = try #require(try listed.json["tokens"] as? [[String: Any]])
            #expect(tokens.map { $0["name"] as? String } == ["ci", "root"])
            #expect(tokens.allSatisfy { Set($0.keys).isSubset(of: ["name", "role", "created_at", "last_used_at", "revoked_at"]) })
            #expect(!String(decoding: listed.body, as: UTF8.self).contains(secret))
            #expect(tokens.first?["last_used_at"] is String)
            // A taken name, a bad role, an empty name.
            let duplicate = try await client.send("/api/v1/tokens", method: .post, headers: asAdmin, body: #"{"name": "ci", "role": "admin"}"#)
            #expect(try duplicate.status == .conflict && (duplicate.error["code"] as? String) == "conflict")
            let badRole = try await client.send("/api/v1/tokens", method: .post, headers: asAdmin, body: #"{"name": "x", "role": "owner"}"#)
            #expect(try badRole.status == .badRequest && (badRole.error["field"] as? String) == "$.role")
            let noName = try await client.send("/api/v1/tokens", method: .post, headers: asAdmin, body: #"{"name": " ", "role": "viewer"}"#)
            #expect(try noName.status == .badRequest && (noName.error["field"] as? String) == "$.name")
            let missing = try await client.send("/api/v1/tokens", method: .post, headers: asAdmin, body: #"{"role": "viewer"}"#)
            #expect(try missing.status == .badRequest && (missing.error["field"] as? String) == "$.name")
            // Revoked: 204, then the secret no longer works; again: 409; unknown: 404.
            #expect(try await client.send("/api/v1/tokens/ci", method: .delete, headers: asAdmin).status == .noContent)
            let refused = try await client.send("/api/v1/datasets", headers: asCI)
            #expect(try refused.status == .unauthorized && (refused.error["code"] as? String) == "unauthorized")
            let again = try await client.send("/api/v1/tokens/ci", method: .delete, headers: asAdmin)
            #expect(again.status == .conflict)
            let unknown = try await client.send("/api/v1/tokens/nope", method: .delete, headers: asAdmin)
            #expect(try unknown.status == .notFound && (unknown.error["code"] as? String) == "not_found")
            let revoked = try #require(try await client.send("/api/v1/tokens", headers: asAdmin).json["tokens"] as? [[String: Any]])
            #expect(revoked.first { $0["name"] as? String == "ci" }?["revoked_at"] is String)
        }
    }
}
