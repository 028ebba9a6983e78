import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe import labelbox`: Labelbox NDJSON (labels, model-assisted pre-labels, model-run predictions) or a v1 export.
struct ImportLabelboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labelbox",
        abstract: "Import Labelbox NDJSON (bbox, polygon, point, radio/checklist classifications) or a legacy v1 export.",
        discussion: """
            Rows are keyed by dataRow.globalKey, else dataRow.id. Objects with a confidence are \
            predictions of --model/--run, the others ground truth; --as-predictions makes every \
            object a prediction (model-run uploads). Masks by URL, polylines, text entities, video, \
            PDF and custom metrics are skipped with a counted warning.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: ImportTarget
    @OptionGroup var output: OutputOptions
    @Flag(help: "Import every object as a prediction of --model/--run.") var asPredictions = false
    @Argument(help: "The NDJSON (or JSON array) file.") var file: String

    func validate() throws {
        if asPredictions, target.model == nil || target.run == nil { throw ValidationError("--as-predictions needs --model and --run") }
    }

    func run() async throws {
        try await reportingFailures {
            let format = SingleFileImport(format: .labelbox, predictions: asPredictions)
            let batch = try format.read(contentsOf: URL(fileURLWithPath: file))
            try await ImportCommand.write(batch, target: target, options: try target.options(task: format.defaultTask(of: batch)),
                                          workspace: workspace, json: output.json)
        }
    }
}
