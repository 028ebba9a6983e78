import ArgumentParser
import Foundation
import LoupeCatalog

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
                throw CLIError.failed(error.description)
            }
        }
    }
}
