import ArgumentParser

extension ExportCommand {
    /// One subcommand per export format.
    static let formats: [any ParsableCommand.Type] = [ExportCOCOCommand.self, ExportYOLOCommand.self, ExportJSONLCommand.self]
}
