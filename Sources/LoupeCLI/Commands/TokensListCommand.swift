import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe tokens list`: the tokens with their roles and use, never their secrets.
struct TokensListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the API tokens: name, role, when created, last used and revoked (no secrets).")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let tokens = try await store.apiTokens()
            if output.json { try Terminal.printJSON(tokens.map { ApiTokenSummary($0) }); return }
            if tokens.isEmpty {
                print("no tokens: loupe serve runs open on loopback addresses (create one with loupe tokens create)")
                return
            }
            let width = tokens.map(\.name.count).max() ?? 0
            for token in tokens {
                let name = token.name.padding(toLength: max(width, 4), withPad: " ", startingAt: 0)
                let role = token.role.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                var line = "\(name)  \(role)  created \(Self.format(token.createdAt))"
                line += "  last used \(token.lastUsedAt.map(Self.format) ?? "never")"
                if let revoked = token.revokedAt { line += "  revoked \(Self.format(revoked))" }
                print(line)
            }
        }
    }

    /// A moment as ISO 8601 in UTC, to the second.
    static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
