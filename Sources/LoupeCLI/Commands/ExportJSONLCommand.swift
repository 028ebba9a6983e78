import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe export jsonl`.
struct ExportJSONLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonl",
        abstract: "Write one JSON object per row: key, uri, kind, split, size, text, tags, metadata, and label or annotations.",
        discussion: "The first line is a {\"classes\": [...]} header in schema order; `loupe import jsonl` reads the file back.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset to export.") var dataset: String
    @Option(help: "The JSONL file to write.") var output: String

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let contents = try await DatasetReader(store: store).contents(ofDataset: dataset)
            try ExportCommand.writeAtomically(JSONLExporter().export(contents), to: output)
            Terminal.note("\(output): \(contents.rows.count) rows, \(contents.annotations.count) annotations")
        }
    }
}
