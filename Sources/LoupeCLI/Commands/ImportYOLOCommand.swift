import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe import yolo`: Ultralytics/darknet label files beside an images folder.
struct ImportYOLOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yolo",
        abstract: "Import YOLO txt labels (cls cx cy w h, relative; segments as polygons; a 6th token is a score).",
        discussion: "Image sizes are read from the PNG/JPEG headers. Row keys are the image file names. Lines with a score are predictions of --model/--run.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: ImportTarget
    @OptionGroup var output: OutputOptions
    @Option(help: "The folder of <image stem>.txt label files.") var labels: String
    @Option(help: "The images folder.") var images: String
    @Option(help: "The class names file, one name per line, in class-index order.") var names: String
    @Flag(help: "Skip label files whose image is missing (with a warning) instead of failing.") var skipMissingImages = false

    func run() async throws {
        try await reportingFailures {
            let labelsFolder = try ImportCommand.folder(labels, option: "--labels")
            let root = try ImportCommand.folder(images, option: "--images")
            let classNames = try YOLOImporter.classNames(contentsOf: URL(fileURLWithPath: names))
            let batch = try YOLOImporter(classNames: classNames, skipMissingImages: skipMissingImages)
                .read(labels: URL(fileURLWithPath: labelsFolder), images: URL(fileURLWithPath: root))
            try await ImportCommand.write(batch, target: target, options: try target.options(task: .detection, assetRoot: root),
                                          workspace: workspace, json: output.json)
        }
    }
}
