import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe import labelstudio`: a Label Studio JSON export with annotations and predictions.
struct ImportLabelStudioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labelstudio",
        abstract: "Import a Label Studio JSON export: tasks with annotations (ground truth) and predictions.",
        discussion: """
            Percent coordinates become pixels using each region's original size, else the image \
            header under --images. Rotated rectangles become polygons. Predictions become one run of \
            --model per model_version (or --run when a prediction has none). Rows are keyed by the \
            image's file name (or the task id with --key-by task-id); text tasks by task id.
            """)

    enum KeyBy: String, ExpressibleByArgument, CaseIterable {
        case fileName = "file-name"
        case taskID = "task-id"
    }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: ImportTarget
    @OptionGroup var output: OutputOptions
    @Option(help: "The labeling config XML; its labels become the classes in config order.") var labelConfig: String?
    @Option(help: "The images folder, for sizes the export does not state; registered as the asset root.") var images: String?
    @Option(help: "How rows are keyed: file-name or task-id.") var keyBy: KeyBy = .fileName
    @Argument(help: "The Label Studio JSON export.") var file: String

    func run() async throws {
        try await reportingFailures {
            let root = try images.map { try ImportCommand.folder($0, option: "--images") }
            let config = try labelConfig.map { path in
                try LabelStudioLabelConfig(xml: try ImportCommand.contents(path), file: path)
            }
            let format = SingleFileImport(format: .labelstudio, imagesDirectory: root.map { URL(fileURLWithPath: $0) }, labelConfig: config,
                                          rowKey: keyBy == .taskID ? .taskID : .fileName)
            let batch = try format.read(contentsOf: URL(fileURLWithPath: file))
            try await ImportCommand.write(batch, target: target, options: try target.options(task: format.defaultTask(of: batch), assetRoot: root),
                                          workspace: workspace, json: output.json)
        }
    }
}
