import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe import coco`: COCO instances (ground truth, or detections in dataset shape) or COCO results.
struct ImportCOCOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coco",
        abstract: "Import COCO instances (boxes, polygons, RLE masks, crowd) or COCO results as a run's predictions.",
        discussion: """
            Ground truth: --annotations FILE [--images DIR]. Row keys are the images' file_name.
            Detections in dataset shape (annotations with a score) become predictions of --model/--run.
            Results (a JSON array of {image_id, category_id, bbox|segmentation, score}): \
            --results FILE --instances GT_FILE --model M --run R.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: ImportTarget
    @OptionGroup var output: OutputOptions
    @Option(help: "A COCO instances file.") var annotations: String?
    @Option(help: "A COCO results file (needs --instances, --model and --run).") var results: String?
    @Option(help: "The COCO instances file whose image and category ids the results use.") var instances: String?
    @Option(help: "The images folder (file_name is relative to it); every image must exist.") var images: String?
    @Flag(help: "Drop images whose file is missing (with a warning) instead of failing.") var skipMissingImages = false

    func validate() throws {
        guard (annotations == nil) != (results == nil) else { throw ValidationError("give exactly one of --annotations and --results") }
        if results != nil {
            guard instances != nil else { throw ValidationError("--results needs --instances (the ground truth file its ids refer to)") }
            guard target.model != nil, target.run != nil else { throw ValidationError("--results needs --model and --run") }
        }
        if skipMissingImages, images == nil { throw ValidationError("--skip-missing-images needs --images") }
    }

    func run() async throws {
        try await reportingFailures {
            let root = try images.map { try ImportCommand.folder($0, option: "--images") }
            let format = SingleFileImport(format: .coco, imagesDirectory: root.map { URL(fileURLWithPath: $0) },
                                          skipMissingImages: skipMissingImages)
            let batch: ImportBatch
            if let annotations {
                batch = try format.read(contentsOf: URL(fileURLWithPath: annotations))
            } else {
                let mapping = try COCOIDMapping(contentsOf: URL(fileURLWithPath: instances!))
                batch = try COCOResultsImporter(mapping: mapping).read(contentsOf: URL(fileURLWithPath: results!))
            }
            try await ImportCommand.write(batch, target: target, options: try target.options(task: format.defaultTask(of: batch), assetRoot: root),
                                          workspace: workspace, json: output.json)
        }
    }
}
