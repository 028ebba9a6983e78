import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe import cvat`: a CVAT for images 1.1 XML export.
struct ImportCVATCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cvat",
        abstract: "Import a CVAT for images 1.1 XML export (annotations.xml).",
        discussion: """
            Row keys are the <image name> attributes. Boxes, polygons, points and tags are imported; \
            polylines, cuboids, masks, ellipses, skeletons and tracks are skipped with a warning. \
            occluded and <attribute> values become attributes; the <meta> labels (with colours) are the classes.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: ImportTarget
    @OptionGroup var output: OutputOptions
    @Option(help: "The CVAT XML file.") var annotations: String
    @Option(help: "The images folder, registered as the dataset's asset root.") var images: String?

    func run() async throws {
        try await reportingFailures {
            let root = try images.map { try ImportCommand.folder($0, option: "--images") }
            let format = SingleFileImport(format: .cvat)
            let batch = try format.read(contentsOf: URL(fileURLWithPath: annotations))
            try await ImportCommand.write(batch, target: target, options: try target.options(task: format.defaultTask(of: batch), assetRoot: root),
                                          workspace: workspace, json: output.json)
        }
    }
}
