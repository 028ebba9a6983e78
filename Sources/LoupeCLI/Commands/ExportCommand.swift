import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeSQLite

/// `loupe export FORMAT`: write a dataset out in a peer format.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a dataset's ground truth (or a run's predictions) as COCO, YOLO or JSONL.",
        discussion: "Each file is written to a temporary name and renamed when complete, so no file is ever half-written.",
        subcommands: ExportCommand.formats)
}

/// Options every export shares: the dataset and, for predictions, the run.
struct ExportSource: ParsableArguments {
    @Option(help: "The dataset to export.") var dataset: String
    @Option(help: "Export the predictions of this model's --run instead of the ground truth.") var model: String?
    @Option(help: "The run of --model whose predictions to export.") var run: String?

    func validate() throws {
        if (model == nil) != (run == nil) { throw ValidationError("--model and --run go together") }
    }

    /// Reads the dataset (and the run's predictions) from the workspace.
    func contents(_ workspace: WorkspaceOptions) async throws -> DatasetContents {
        let store = try workspace.openExisting()
        var runID: Int64?
        if let model, let run {
            guard let found = try await store.models().first(where: { $0.name == model }) else { throw CLIError.notFound("no model '\(model)'") }
            guard let foundRun = try await store.runs(modelID: found.id).first(where: { $0.name == run }) else {
                throw CLIError.notFound("model '\(model)' has no run '\(run)'")
            }
            runID = foundRun.id
        }
        return try await DatasetReader(store: store).contents(ofDataset: dataset, runID: runID)
    }

    var exportsPredictions: Bool { run != nil }
}

extension ExportCommand {
    /// Writes `data` to `path` atomically (Foundation writes a temporary file and renames it).
    static func writeAtomically(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError.failed("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
