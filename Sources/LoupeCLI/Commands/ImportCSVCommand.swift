import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe import csv`: rows, classification labels and metadata (or predictions) as CSV.
struct ImportCSVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Import CSV with a header: key, label, split, uri, text, width, height, tags; other columns are metadata.",
        discussion: """
            Metadata columns are typed per column (number, boolean, ISO 8601 date, else text); an \
            empty cell is absent; tags are separated by ';'. With --predictions, rows are \
            classification predictions of --model/--run: key, label?, score?, and prob_<class> columns.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: ImportTarget
    @OptionGroup var output: OutputOptions
    @Flag(help: "Read the rows as predictions of --model/--run.") var predictions = false
    @Flag(help: "The file is tab-separated.") var tabs = false
    @Argument(help: "The CSV file.") var file: String

    func validate() throws {
        if predictions, target.model == nil || target.run == nil { throw ValidationError("--predictions needs --model and --run") }
    }

    func run() async throws {
        try await reportingFailures {
            let format = SingleFileImport(format: .csv, predictions: predictions, delimiter: tabs ? "\t" : ",")
            let batch = try format.read(contentsOf: URL(fileURLWithPath: file))
            try await ImportCommand.write(batch, target: target, options: try target.options(task: format.defaultTask(of: batch)),
                                          workspace: workspace, json: output.json)
        }
    }
}
