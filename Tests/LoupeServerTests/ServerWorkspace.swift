import Foundation
import LoupeCatalog
import LoupeSQLite

/// A workspace in a fresh temporary folder built from the real data in `../shared/data`,
/// removed when the value is released.
final class ServerWorkspace: @unchecked Sendable {
    let folder: URL
    let store: SQLiteStore

    /// The package checkout.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// `../shared/data` beside the checkout.
    static let sharedData = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    /// The 100 VOC images with their ground truth and detections.
    static let voc100 = sharedData.appendingPathComponent("voc100-detections")
    /// The first 128 COCO train2017 images with instance annotations.
    static let coco128 = sharedData.appendingPathComponent("coco128")

    /// An empty workspace; `loupe serve` opens its store with `buildsMetadataIndexesOnQuery: false`.
    init(buildsMetadataIndexesOnQuery: Bool = true) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("workspace.sqlite").path,
                                buildsMetadataIndexesOnQuery: buildsMetadataIndexesOnQuery)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Imports voc100 (ground truth from the VOC XML files, images as the asset root) as dataset
    /// `voc100`, and its COCO-format detections as run `baseline` of model `voc-detector`.
    func importVOC100() async throws {
        let images = Self.voc100.appendingPathComponent("images").standardizedFileURL.resolvingSymlinksInPath()
        let groundTruth = try VOCImporter().read(contentsOf: Self.voc100.appendingPathComponent("gts/pascalvoc_format"))
        _ = try await store.apply(groundTruth, toDataset: "voc100", options: ImportOptions(author: "PASCAL VOC", assetRoot: images.path))
        let detections = try COCOImporter().read(contentsOf: Self.voc100.appendingPathComponent("dets/coco_format/coco_dets.json"))
        _ = try await store.apply(detections, toDataset: "voc100",
                                  options: ImportOptions(modelName: "voc-detector", modelTask: .detection, runName: "baseline",
                                                         runConfigJSON: #"{"lr": 0.01, "note": "sample detections"}"#))
    }

    /// Evaluates run `baseline` on voc100 under the key `default` (COCO bbox, 20 bootstrap resamples).
    func evaluateBaseline() async throws -> Evaluation {
        let model = try await store.models().first { $0.name == "voc-detector" }!
        let run = try await store.runs(modelID: model.id).first { $0.name == "baseline" }!
        return try await RunEvaluator(store: store).evaluate(model: model, run: run, dataset: "voc100",
                                                             options: RunEvaluationOptions(resamples: 20), replace: false)
    }

    /// Imports coco128's instance annotations as dataset `coco128`, its images as the asset root.
    func importCOCO128() async throws {
        let images = Self.coco128.appendingPathComponent("train2017").standardizedFileURL.resolvingSymlinksInPath()
        let batch = try COCOImporter().read(contentsOf: Self.coco128.appendingPathComponent("annotations/instances_train2017.json"))
        _ = try await store.apply(batch, toDataset: "coco128", options: ImportOptions(assetRoot: images.path))
    }

    /// The voc100 workspace with its evaluation, built once for the read-only tests.
    static let sharedVOC100: Task<ServerWorkspace, any Error> = Task {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        _ = try await workspace.evaluateBaseline()
        try await workspace.importCOCO128()
        return workspace
    }
}
