import ArgumentParser

extension ImportCommand {
    /// One subcommand per supported format.
    static let formats: [any ParsableCommand.Type] = [
        ImportCOCOCommand.self, ImportYOLOCommand.self, ImportVOCCommand.self, ImportCVATCommand.self,
        ImportOpenImagesCommand.self, ImportLabelboxCommand.self, ImportLabelStudioCommand.self, ImportJSONLCommand.self,
        ImportCSVCommand.self, ImportEmbeddingsCommand.self,
    ]
}
