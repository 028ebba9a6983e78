import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe import openimages`: an Open Images–style bounding-box CSV.
struct ImportOpenImagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openimages",
        abstract: "Import an Open Images box CSV (XMin, XMax, YMin, YMax relative to the image size).",
        discussion: """
            Image sizes are read from the image headers in --images. Row keys are the ImageIDs (with the \
            matched file's extension when the ID has none). Numbers accept '.' or a single ',' as the decimal \
            separator. Rows with a Confidence are predictions of --model/--run, unless --ignore-confidence.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: ImportTarget
    @OptionGroup var output: OutputOptions
    @Option(help: "The boxes CSV file.") var boxes: String
    @Option(help: "The images folder (sizes are read from it; registered as the dataset's asset root).") var images: String
    @Option(help: "A MID,DisplayName CSV: display names become the class names.") var classDescriptions: String?
    @Flag(help: "Read every row as ground truth (Open Images' own files hold a dummy Confidence of 1).")
    var ignoreConfidence = false

    func run() async throws {
        try await reportingFailures {
            let root = try ImportCommand.folder(images, option: "--images")
            let names = try classDescriptions.map { try OpenImagesImporter.classDescriptions(contentsOf: URL(fileURLWithPath: $0)) }
            let format = SingleFileImport(format: .openimages, imagesDirectory: URL(fileURLWithPath: root), classDescriptions: names ?? [:],
                                          ignoresConfidence: ignoreConfidence)
            let batch = try format.read(contentsOf: URL(fileURLWithPath: boxes))
            try await ImportCommand.write(batch, target: target, options: try target.options(task: format.defaultTask(of: batch), assetRoot: root),
                                          workspace: workspace, json: output.json)
        }
    }
}
