import Foundation

/// Which importer reads a one-file format, with the settings each takes: the one place where
/// `loupe import FORMAT` and the server's uploads (`POST /datasets/{dataset}/imports`) pick an
/// importer and the task of a model the file creates, so both read a file the same way.
///
/// Folder formats (VOC, YOLO) and embeddings as a `.npy` with a key list (two files) are not
/// single files; the server refuses them and the CLI reads them with their own importers.
/// Embeddings as JSON Lines are one file (`embeddings`).
public struct SingleFileImport: Sendable {
    /// The formats read from one file.
    public enum Format: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
        /// COCO instances (ground truth, or detections in dataset shape with a score).
        case coco
        /// JSON Lines rows or classification predictions.
        case jsonl
        /// CSV rows or classification predictions.
        case csv
        /// Labelbox NDJSON or a v1 export.
        case labelbox
        /// A Label Studio JSON export.
        case labelstudio
        /// A CVAT for images 1.1 XML export.
        case cvat
        /// An Open Images box CSV.
        case openimages
        /// Embeddings as JSON Lines, `{"key": …, "vector": […]}` a line (needs `spaceName`).
        case embeddings

        /// The name on the command line and in the API.
        public var description: String { rawValue }
    }

    /// The formats that are folders or several files, by name, with what they need.
    public static let multiFileFormats: [String: String] = [
        "voc": "a folder of VOC XML files",
        "yolo": "a labels folder and an images folder",
        "npy": "a .npy file and a keys file (upload the vectors as format=embeddings, JSON Lines, instead)",
    ]

    /// The format.
    public var format: Format
    /// `jsonl`, `csv`: the records are classification predictions; `labelbox`: every object is a prediction.
    public var predictions: Bool
    /// `csv`: the field separator (`,` or `\t`).
    public var delimiter: Character
    /// `coco`, `labelstudio`, `openimages`: the images folder (file names are relative to it; sizes are read from it).
    public var imagesDirectory: URL?
    /// `coco`: drop images whose file is missing instead of failing (needs `imagesDirectory`).
    public var skipMissingImages: Bool
    /// `labelstudio`: the labeling config, whose labels become the classes in order.
    public var labelConfig: LabelStudioLabelConfig?
    /// `labelstudio`: how rows are keyed.
    public var rowKey: LabelStudioImporter.RowKey
    /// `openimages`: display names by MID.
    public var classDescriptions: [String: String]
    /// `openimages`: read every row as ground truth whatever its Confidence.
    public var ignoresConfidence: Bool
    /// `embeddings`: the space the vectors go to.
    public var spaceName: String?

    /// The settings of `format`; the defaults read ground truth the way each importer does by default.
    public init(format: Format, predictions: Bool = false, delimiter: Character = ",", imagesDirectory: URL? = nil,
                skipMissingImages: Bool = false, labelConfig: LabelStudioLabelConfig? = nil,
                rowKey: LabelStudioImporter.RowKey = .fileName, classDescriptions: [String: String] = [:],
                ignoresConfidence: Bool = false, spaceName: String? = nil) {
        self.format = format
        self.predictions = predictions
        self.delimiter = delimiter
        self.imagesDirectory = imagesDirectory
        self.skipMissingImages = skipMissingImages
        self.labelConfig = labelConfig
        self.rowKey = rowKey
        self.classDescriptions = classDescriptions
        self.ignoresConfidence = ignoresConfidence
        self.spaceName = spaceName
    }

    /// Reads the file with the format's importer.
    /// - Parameter name: the name errors and warnings give the file (an upload's name in place of
    ///   its temporary path); the file's path when `nil`.
    /// - Throws: `ImportError` when the file cannot be read or holds bad input, naming `name`.
    public func read(contentsOf url: URL, as name: String? = nil) throws(ImportError) -> ImportBatch {
        do {
            var batch = try importer(url)
            if let name {
                batch.source = name
                batch.warnings = batch.warnings.map { warning in
                    var renamed = warning
                    if renamed.file == url.path { renamed.file = name }
                    return renamed
                }
            }
            return batch
        } catch {
            var renamed = error
            if let name, renamed.file == url.path { renamed.file = name }
            throw renamed
        }
    }

    private func importer(_ url: URL) throws(ImportError) -> ImportBatch {
        switch format {
        case .coco:
            try COCOImporter(imagesDirectory: imagesDirectory, skipMissingImages: skipMissingImages).read(contentsOf: url)
        case .jsonl:
            try JSONLImporter(mode: predictions ? .predictions : .groundTruth).read(contentsOf: url)
        case .csv:
            try CSVImporter(mode: predictions ? .predictions : .groundTruth, delimiter: delimiter).read(contentsOf: url)
        case .labelbox:
            try LabelboxImporter(asPredictions: predictions).read(contentsOf: url)
        case .labelstudio:
            try LabelStudioImporter(labelConfig: labelConfig, rowKey: rowKey, imagesDirectory: imagesDirectory).read(contentsOf: url)
        case .cvat:
            try CVATImporter().read(contentsOf: url)
        case .openimages:
            try OpenImagesImporter(imagesDirectory: imagesDirectory, classDescriptions: classDescriptions,
                                   ignoresConfidence: ignoresConfidence).read(contentsOf: url)
        case .embeddings:
            try EmbeddingLinesImporter(spaceName: requiredSpaceName(for: url)).read(contentsOf: url)
        }
    }

    private func requiredSpaceName(for url: URL) throws(ImportError) -> String {
        guard let spaceName, !spaceName.isEmpty else {
            throw ImportError(file: url.path, message: "embeddings need the name of the space the vectors belong to")
        }
        return spaceName
    }

    /// The task of a model the batch's predictions create: classification for JSONL and CSV,
    /// segmentation for COCO predictions with masks, detection otherwise.
    public func defaultTask(of batch: ImportBatch) -> ModelTask {
        switch format {
        case .jsonl, .csv: return .classification
        case .coco:
            let hasMasks = batch.predictions.contains { if case .mask = $0.geometry { true } else { false } }
            return hasMasks ? .segmentation : .detection
        case .labelbox, .labelstudio, .cvat, .openimages, .embeddings: return .detection
        }
    }
}
