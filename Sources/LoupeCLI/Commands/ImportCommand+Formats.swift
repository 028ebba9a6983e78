import ArgumentParser

extension ImportCommand {
    /// One subcommand per supported format.
    static let formats: [any ParsableCommand.Type] = []
}
