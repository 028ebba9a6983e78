import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LoupeSQLite
import Testing

/// `loupe tokens create | list | revoke` as a user runs them.
@Suite("loupe tokens")
struct TokensCommandTests {
    @Test("create prints the secret once with a warning; list never shows it; revoke marks the token and keeps its name")
    func lifecycle() async throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("tokens.sqlite")
        _ = try SQLiteStore(path: workspace)
        #expect(try LoupeProcess.run(["tokens", "list", "--workspace", workspace]).stdout.contains("no tokens"))

        let created = try LoupeProcess.run(["tokens", "create", "--workspace", workspace, "--name", "ci", "--role", "editor"])
        #expect(created.status == 0, "\(created.stderr)")
        let lines = created.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == "created token 'ci' with role editor")
        let secret = try #require(lines.first { $0.hasPrefix("loupe_") })
        #expect(secret.count == 49)
        #expect(created.stdout.contains("only time the token is shown"))

        let json = try LoupeProcess.json(["tokens", "create", "--workspace", workspace, "--name", "dashboard", "--role", "viewer"])
        let secondSecret = try #require(json["token"] as? String)
        #expect(json["name"] as? String == "dashboard" && json["role"] as? String == "viewer")
        #expect(secondSecret.hasPrefix("loupe_") && secondSecret != secret)

        // The workspace holds digests only.
        let raw = try Data(contentsOf: URL(fileURLWithPath: workspace))
        #expect(raw.range(of: Data(secret.utf8)) == nil && raw.range(of: Data(secondSecret.utf8)) == nil)

        let list = try LoupeProcess.run(["tokens", "list", "--workspace", workspace])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["ci editor", "dashboard viewer"])
        #expect(list.stdout.contains("last used never"))
        let listJSON = try LoupeProcess.run(["tokens", "list", "--workspace", workspace, "--json"])
        for text in [list.stdout, listJSON.stdout] {
            #expect(!text.contains(secret) && !text.contains(secondSecret) && !text.contains("loupe_"))
        }
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(listJSON.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["name"] as? String } == ["ci", "dashboard"])
        #expect(entries.allSatisfy { $0["token"] == nil && $0["revoked_at"] == nil && $0["created_at"] is String })

        // Taken names stay taken, also when revoked; unknown names and roles are refused.
        let duplicate = try LoupeProcess.run(["tokens", "create", "--workspace", workspace, "--name", "ci", "--role", "admin"])
        #expect(duplicate.status == 1 && duplicate.stderr.contains("a token named 'ci' already exists"))
        #expect(try LoupeProcess.run(["tokens", "create", "--workspace", workspace, "--name", "x", "--role", "owner"]).status == 64)
        #expect(try LoupeProcess.run(["tokens", "create", "--workspace", workspace, "--name", " ", "--role", "admin"]).status == 64)

        let revoked = try LoupeProcess.run(["tokens", "revoke", "--workspace", workspace, "--name", "ci"])
        #expect(revoked.status == 0 && revoked.stdout == "revoked token 'ci' (editor)\n")
        let again = try LoupeProcess.run(["tokens", "revoke", "--workspace", workspace, "--name", "ci"])
        #expect(again.status == 1 && again.stderr.contains("already revoked"))
        let unknown = try LoupeProcess.run(["tokens", "revoke", "--workspace", workspace, "--name", "nobody"])
        #expect(unknown.status == 1 && unknown.stderr.contains("active tokens: dashboard"))
        #expect(try LoupeProcess.run(["tokens", "list", "--workspace", workspace]).stdout.contains("revoked "))
        let afterJSON = try LoupeProcess.run(["tokens", "list", "--workspace", workspace, "--json"])
        let after = try #require(try JSONSerialization.jsonObject(with: Data(afterJSON.stdout.utf8)) as? [[String: Any]])
        #expect(after.map { $0["revoked_at"] != nil } == [true, false])
    }

    @Test("a live loopback server closes when the first token is created, honors it, and refuses it once revoked")
    func liveServer() async throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("live.sqlite")
        _ = try SQLiteStore(path: workspace)
        let server = try ServeCommandTests.Server(workspace: workspace)
        defer { _ = server.stop() }
        #expect(try await ServeCommandTests.status("\(server.base)/datasets") == 200)
        let secret = try ServeCommandTests.createToken(workspace, name: "me", role: "viewer")
        #expect(try await ServeCommandTests.status("\(server.base)/datasets") == 401)
        #expect(try await ServeCommandTests.status("\(server.base)/datasets", token: secret) == 200)
        #expect(try LoupeProcess.run(["tokens", "revoke", "--workspace", workspace, "--name", "me"]).status == 0)
        #expect(try await ServeCommandTests.status("\(server.base)/datasets", token: secret) == 401)
        let used = try LoupeProcess.run(["tokens", "list", "--workspace", workspace, "--json"]).stdout
        #expect(used.contains("last_used_at"))
    }
}
