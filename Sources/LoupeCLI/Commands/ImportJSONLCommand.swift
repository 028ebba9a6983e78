import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe import jsonl`: rows, classification labels, metadata, or predictions, one JSON object a line.
struct ImportJSONLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonl",
        abstract: "Import JSON Lines: one row a line with key, label, split, metadata, text, uri, tags.",
        discussion: """
            Every field but key is optional; a line without label is an unlabeled row. With \
            --predictions each line is a classification prediction {key, label?, score?, probabilities?} \
            of --model/--run.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: ImportTarget
    @OptionGroup var output: OutputOptions
    @Flag(help: "Read the lines as predictions of --model/--run.") var predictions = false
    @Argument(help: "The JSON Lines file.") var file: String

    func validate() throws {
        if predictions, target.model == nil || target.run == nil { throw ValidationError("--predictions needs --model and --run") }
    }

    func run() async throws {
        try await reportingFailures {
            let format = SingleFileImport(format: .jsonl, predictions: predictions)
            let batch = try format.read(contentsOf: URL(fileURLWithPath: file))
            try await ImportCommand.write(batch, target: target, options: try target.options(task: format.defaultTask(of: batch)),
                                          workspace: workspace, json: output.json)
        }
    }
}
