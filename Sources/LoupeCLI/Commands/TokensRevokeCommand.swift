import ArgumentParser
import LoupeCatalog

/// `loupe tokens revoke`: a token stops working at once; its name stays taken.
struct TokensRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke an API token: a running server refuses it from its next request.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The token's name.") var name: String

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let token = try await store.revokeAPIToken(named: name)
            print("revoked token '\(token.name)' (\(token.role))")
        }
    }
}
