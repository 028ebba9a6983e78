import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeServer

/// `loupe tokens create`: a new token, its secret printed once.
struct TokensCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an API token and print its secret, once.",
        discussion: "The secret cannot be shown again: only its SHA-256 is stored. Revoke a lost token and create a new one.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The token's name (unique; say who or what uses it).") var name: String
    @Option(help: ArgumentHelp("What it may do; each role includes the ones before it.", valueName: "role")) var role: TokenRole
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name must not be empty") }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let secret = TokenSecret.generate()
            let token = try await store.createAPIToken(name: name, role: role, secretHash: secret.hash)
            let warning = "this is the only time the token is shown: store it now (the workspace keeps only its hash)"
            if output.json {
                try Terminal.printJSON(ApiTokenSummary(token, secret: secret.text))
                Terminal.warning(warning)
                return
            }
            print("created token '\(token.name)' with role \(token.role)")
            print(secret.text)
            print("Warning: \(warning).")
        }
    }
}
