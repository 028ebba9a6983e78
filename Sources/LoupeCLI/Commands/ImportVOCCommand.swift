import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe import voc`: Pascal VOC XML files.
struct ImportVOCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voc",
        abstract: "Import Pascal VOC XML annotations (a folder of .xml files, or one file).",
        discussion: "Row keys are the <filename> elements; difficult, truncated, occluded and pose become attributes.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: ImportTarget
    @OptionGroup var output: OutputOptions
    @Option(help: "A folder of VOC XML files, or one file.") var annotations: String
    @Option(help: "The images folder, registered as the dataset's asset root.") var images: String?

    func run() async throws {
        try await reportingFailures {
            let root = try images.map { try ImportCommand.folder($0, option: "--images") }
            let batch = try VOCImporter().read(contentsOf: URL(fileURLWithPath: annotations))
            try await ImportCommand.write(batch, target: target, options: try target.options(task: .detection, assetRoot: root),
                                          workspace: workspace, json: output.json)
        }
    }
}
