import ArgumentParser
import LoupeCatalog

/// `loupe tokens …`: the API tokens `loupe serve` accepts.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Create, list and revoke the API tokens loupe serve accepts.",
        discussion: """
            A token has a name and a role: viewer (reads), labeler (also labels), editor (also writes \
            data), admin (also manages tokens). Its secret is printed once, when it is created; the \
            workspace keeps only its SHA-256. Once a workspace has a token, every API request needs one \
            (docs/api.md).
            """,
        subcommands: [TokensCreateCommand.self, TokensListCommand.self, TokensRevokeCommand.self])
}

extension TokenRole: ExpressibleByArgument {}
