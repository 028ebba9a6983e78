import Foundation

/// Reads a Label Studio JSON export (an array of tasks, or one task object) into an
/// `ImportBatch`: each task's `annotations` (ground truth) and `predictions`, each a list of
/// `result[]` regions.
///
/// Rows:
/// - an image task (a string under the config's image key, else `data.image`) is keyed by the
///   image's file name: the last path component of the reference, after taking the `d`
///   parameter of local-storage URLs (`/data/local-files/?d=photos/a.jpg` → `a.jpg`) and
///   dropping any other query (`/data/upload/18/a.jpg` → `a.jpg`), percent-decoded. Note that
///   Label Studio prefixes uploaded files with a hash (`8c2e1f0a-a.jpg`); that prefix is kept,
///   since it is part of the file name on disk. With `rowKey: .taskID` the task id is the key.
///   Several tasks with one file name share a row (reported). `uri` is the reference when it
///   is a URL (`http://…`), else the file name, relative to the dataset's asset root;
/// - a text task (no image, a string under the config's text key, else `data.text`) is a
///   `.text` row keyed by the task id, holding the text;
/// - tasks with neither are skipped with a warning.
///
/// Regions, in pixels (Label Studio stores percent of the image, 0–100, top-left origin):
/// - `rectanglelabels` → `.box`; with a `rotation` that is not a multiple of 360 (degrees,
///   clockwise, about the top-left corner `(x, y)`) → a `.polygon` of the four corners
///   top-left, top-right, bottom-right, bottom-left, as Label Studio's YOLO-OBB export computes them;
/// - `polygonlabels` → `.polygon`; `keypointlabels` → `.point`; `choices` → `.none`;
///   the unlabeled `rectangle`, `polygon`, `keypoint` types give unclassified shapes;
/// - a region with several labels gives one annotation per label;
/// - other types (relations, text spans, brushes, ellipses, text areas, …) are skipped with a
///   counted warning, as are polygons of fewer than 3 points and cancelled annotations.
///
/// The pixel size is the region's `original_width` × `original_height`; when a region lacks
/// it (older exports, and predictions in many exports), the size another region of the same
/// task states; else `imageSize` is asked, then the header of `imagesDirectory/<row key>` is
/// read; without an answer the import fails naming the task and region.
///
/// Ground truth: every annotation of a task is imported with its author (`completed_by`, the
/// user id as text, or the user object's `id`) and the attribute `annotation_id`; when two
/// people annotated a task, the row's ground truth holds both sets of regions, told apart by
/// `annotation_id` and author. Predictions: one run per `model_version`
/// (`PredictionSpec.runName`; none means the run named in the import options), score = the
/// region's `score`, else the prediction's.
///
/// With a `labelConfig`, its labels are the batch's classes in config order and labels the
/// config does not list are reported (and still imported); without one, classes come in
/// first-seen order.
public struct LabelStudioImporter: Sendable {
    /// Looks up an image's pixel size by row key and by the task's image reference as given.
    public typealias ImageSizeResolver = @Sendable (_ key: String, _ reference: String) -> ImageSize?

    /// How image rows are keyed.
    public enum RowKey: Hashable, Sendable {
        /// The image's file name (see `fileName(fromImageReference:)`); the default.
        case fileName
        /// The task id, as text.
        case taskID
    }

    /// The project's labeling config, if known.
    public var labelConfig: LabelStudioLabelConfig?
    /// How image rows are keyed.
    public var rowKey: RowKey
    /// Sizes for images whose regions do not state `original_width`/`original_height`.
    public var imageSize: ImageSizeResolver?
    /// A folder holding the images under their row keys; read (header only) for sizes no region
    /// states and `imageSize` does not know. A file that is missing there is not an error, one
    /// that is not a readable image is.
    public var imagesDirectory: URL?

    /// An importer.
    public init(labelConfig: LabelStudioLabelConfig? = nil, rowKey: RowKey = .fileName,
                imageSize: ImageSizeResolver? = nil, imagesDirectory: URL? = nil) {
        self.labelConfig = labelConfig
        self.rowKey = rowKey
        self.imageSize = imageSize
        self.imagesDirectory = imagesDirectory
    }

    /// Reads a Label Studio JSON export file.
    /// - Throws: `ImportError` when the file cannot be read or holds bad input.
    public func read(contentsOf url: URL) throws(ImportError) -> ImportBatch {
        let data = try ImportFile.contents(of: url)
        return try parse(data, file: url.path)
    }

    /// Parses an export's bytes: a JSON array of tasks, or one task object.
    /// - Throws: `ImportError` with the JSON path (`$[3].annotations[0].result[1].value.x`) of
    ///   the first bad value, or the task and region that lack an image size.
    /// - Complexity: O(n) in the file size.
    public func parse(_ data: Data, file: String) throws(ImportError) -> ImportBatch {
        var builder = LabelStudioBatchBuilder(source: file, importer: self)
        let first = data.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if first == UInt8(ascii: "{") {
            let task = try JSONDecoding.decode(LabelStudioTask.self, from: data, file: file)
            try builder.add(task, path: "$")
        } else {
            let tasks = try JSONDecoding.decode([LabelStudioTask].self, from: data, file: file)
            for (index, task) in tasks.enumerated() { try builder.add(task, path: "$[\(index)]") }
        }
        return builder.result
    }

    /// The row key Label Studio's image reference stands for: the value of a `d` query
    /// parameter when there is one (local-storage URLs), else the reference without query and
    /// fragment; then, percent-decoded, its last path component.
    ///
    /// `/data/upload/18/image1.jpg` → `image1.jpg`; `/data/local-files/?d=photos/a%20b.jpg` →
    /// `a b.jpg`; `https://host/x/y.jpg?token=1` → `y.jpg`; `s3://bucket/k/z.png` → `z.png`.
    public static func fileName(fromImageReference reference: String) -> String {
        var path = Substring(reference)
        if let query = path.firstIndex(of: "?") {
            let parameters = path[path.index(after: query)...].split(separator: "&")
            if let d = parameters.first(where: { $0.hasPrefix("d=") }) {
                path = d.dropFirst(2)
            } else {
                path = path[..<query]
            }
        }
        if let fragment = path.firstIndex(of: "#") { path = path[..<fragment] }
        let decoded = path.removingPercentEncoding ?? String(path)
        return decoded.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? ""
    }
}
