import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe labeling export`.
struct LabelingExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the current labels of a project's submitted and reviewed rows as COCO, YOLO or JSONL.",
        discussion: "The rows' current ground truth (the label version their last submit wrote, unless written since) through the exporters of loupe export.")

    /// The formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case coco, yolo, jsonl
    }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: LabelingProjectOptions
    @Option(help: "The format to write.") var format: Format
    @Option(help: "The file to write (coco, jsonl) or the folder of label files (yolo).") var output: String
    @Option(help: "yolo: the class names file to write.") var names: String?
    @Flag(help: "Only reviewed rows (default: submitted and reviewed).") var reviewedOnly = false

    func validate() throws {
        if format == .yolo, names == nil { throw ValidationError("--format yolo needs --names") }
    }

    func run() async throws {
        try await reportingFailures {
            let (store, dataset, project) = try await target.resolve(workspace)
            var items = try await store.labelingItems(projectID: project.id, status: .reviewed)
            if !reviewedOnly { items += try await store.labelingItems(projectID: project.id, status: .submitted) }
            let ids = Set(items.map(\.rowID))
            let all = try await DatasetReader(store: store).contents(ofDataset: dataset.name)
            let contents = DatasetContents(name: all.name, classes: all.classes, rows: all.rows.filter { $0.id.map(ids.contains) ?? false },
                                           annotations: all.annotations.filter { ids.contains($0.rowID) }, predictions: [])
            do {
                switch format {
                case .coco: try ExportCommand.writeAtomically(COCOExporter().instances(contents), to: output)
                case .jsonl: try ExportCommand.writeAtomically(JSONLExporter().export(contents), to: output)
                case .yolo:
                    let export = try YOLOExporter(source: .groundTruth, polygonsAsBoxes: false).export(contents)
                    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                    try export.write(labelsDirectory: URL(fileURLWithPath: output), namesFile: URL(fileURLWithPath: names!))
                }
            } catch let error as COCOExportError {
                throw CLIError.failed(error.description)
            } catch let error as YOLOExportError {
                throw CLIError.failed(error.description)
            }
            Terminal.note("\(output): \(contents.rows.count) rows, \(contents.annotations.count) annotations")
        }
    }
}
