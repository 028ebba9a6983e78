import ArgumentParser
import Foundation
import LoupeCatalog

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
                throw CLIError.failed(error.description)
            }
            let count = source.exportsPredictions ? contents.predictions.count : contents.annotations.count
            Terminal.note("\(output): \(contents.rows.count) images, \(count) \(source.exportsPredictions ? "predictions" : "annotations")")
        }
    }
}
