import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeSQLite

/// `loupe export FORMAT`: write a dataset out in a peer format.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a dataset's ground truth (or a run's predictions) as COCO, YOLO or JSONL.",
        discussion: "Files are written to a temporary name and renamed when complete, so an interrupted export leaves nothing half-written.",
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
    /// Writes `data` to `path` through a temporary file in the same folder and a rename.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
            if FileManager.default.fileExists(atPath: path) {
                _ = try FileManager.default.replaceItemAt(url, withItemAt: temporary)
            } else {
                try FileManager.default.moveItem(at: temporary, to: url)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CLIError.notFound("cannot write \(path): \(error.localizedDescription)")
        }
    }
}

/// `loupe export coco`.
struct ExportCOCOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coco",
        abstract: "Write COCO instances (ground truth) or, with --model/--run, COCO results (predictions).")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var source: ExportSource
    @Option(help: "The JSON file to write.") var output: String

    func run() async throws {
        try await reportingFailures {
            let contents = try await source.contents(workspace)
            let exporter = COCOExporter()
            do {
                let data = source.exportsPredictions ? try exporter.results(contents) : try exporter.instances(contents)
                try ExportCommand.writeAtomically(data, to: output)
            } catch let error as COCOExportError {
                throw CLIError.notFound(error.description)
            }
            let count = source.exportsPredictions ? contents.predictions.count : contents.annotations.count
            Terminal.note("\(output): \(contents.rows.count) images, \(count) \(source.exportsPredictions ? "predictions" : "annotations")")
        }
    }
}

/// `loupe export yolo`.
struct ExportYOLOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yolo",
        abstract: "Write YOLO label files (one per image) and a names file; crowd regions are skipped.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var source: ExportSource
    @Option(help: "The folder to write the label files into (created if missing).") var labels: String
    @Option(help: "The class names file to write.") var names: String
    @Flag(help: "Write polygons and masks as boxes (detection labels) instead of segments.") var boxes = false

    func run() async throws {
        try await reportingFailures {
            let contents = try await source.contents(workspace)
            let exporter = YOLOExporter(source: source.exportsPredictions ? .predictions : .groundTruth, polygonsAsBoxes: boxes)
            do {
                let export = try exporter.export(contents)
                try FileManager.default.createDirectory(atPath: labels, withIntermediateDirectories: true)
                try export.write(labelsDirectory: URL(fileURLWithPath: labels), namesFile: URL(fileURLWithPath: names))
                Terminal.note("\(labels): \(export.labelFiles.count) label files; \(names): \(contents.classes.count) classes")
            } catch let error as YOLOExportError {
                throw CLIError.notFound(error.description)
            }
        }
    }
}
