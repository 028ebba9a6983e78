import Foundation
import LoupeCore

/// Reads a COCO dataset file (`{"images", "categories", "annotations"}`, as written by
/// pycocotools, CVAT, Detectron2 and most labeling tools) into an `ImportBatch`.
///
/// Mapping:
/// - **rows**: one per `images` entry, in file order, keyed by `file_name` exactly as given (so
///   labels of the same images in YOLO or VOC meet on one row); `uri` is that same relative name
///   (the caller records the images folder as the dataset's asset root); `width`/`height` as
///   given, or read from the image header when missing and an images folder is set; the other
///   scalar keys (`license`, `coco_url`, `date_captured`, …) become row metadata.
/// - **classes**: every category, in ascending category id order (so COCO's 80 categories keep
///   their canonical order even when only 71 occur).
/// - **geometry**: polygon `segmentation` (`[[x1, y1, …], …]`) → `.polygon`; RLE segmentation
///   (`{"size": [h, w], "counts": [...]}` or a compressed counts string) → `.mask`; no
///   segmentation (absent, `null` or `[]`) → `.box` from `bbox`.
/// - **COCO's bbox of a polygon or mask** is kept losslessly as the number attributes
///   `bbox_x`, `bbox_y`, `bbox_w`, `bbox_h` (see `COCOBoxAttributes`; only for polygon and mask
///   annotations, as a box annotation's geometry *is* its bbox), so that `COCOExporter` writes
///   the original bbox back and COCO ↔ YOLO box comparisons use COCO's own numbers. `area` is
///   kept in `AnnotationSpec.area`, `iscrowd` in `isCrowd`.
/// - **attributes**: the annotation's other scalar keys (`ignore`, …) and the scalar members of
///   an `attributes` object (CVAT's `{"occluded": false}`) by their own names; arrays, objects
///   and nulls are skipped. The annotation `id` is not kept (exports renumber).
/// - **detections in dataset shape**: when annotations carry `score` (as detectors that reuse the
///   dataset layout write), they become predictions instead of ground truth, mapped to rows by
///   `file_name` and to classes by category name, so their own image and category ids never
///   need to match the ground truth's. A file must not mix scored and unscored annotations.
///
/// Errors name the file and the JSON path (`$.annotations[12].bbox`), or the line and column
/// for malformed JSON: duplicate image ids or file names, duplicate category ids or names, an
/// annotation whose `image_id` or `category_id` is unknown, a bbox with a negative or non-finite
/// size, a polygon ring with fewer than 3 points or an odd number of coordinates, an RLE whose
/// runs do not cover `size`. Boxes with zero width or height are kept and counted in one warning.
public struct COCOImporter: Sendable {
    /// The folder `file_name`s are relative to. When set, every image file must exist (unless
    /// `skipMissingImages`), and missing sizes are read from the image headers.
    public var imagesDirectory: URL?
    /// With an images folder: drop images whose file is missing, together with their
    /// annotations, and report them in one warning, instead of failing.
    public var skipMissingImages: Bool

    /// An importer, optionally checking the images against a folder.
    public init(imagesDirectory: URL? = nil, skipMissingImages: Bool = false) {
        self.imagesDirectory = imagesDirectory
        self.skipMissingImages = skipMissingImages
    }

    /// Reads a COCO dataset file.
    /// - Throws: `ImportError` naming the file and the JSON path or line of the first problem.
    /// - Complexity: O(n) in the file's size, plus one existence check per image with an images folder.
    public func read(contentsOf url: URL) throws(ImportError) -> ImportBatch {
        try parse(ImportFile.contents(of: url), file: url.path)
    }

    /// Parses a COCO dataset document already in memory; `file` names it in messages and is the
    /// batch's source.
    /// - Throws: `ImportError` naming `file` and the JSON path or line of the first problem.
    public func parse(_ data: Data, file: String) throws(ImportError) -> ImportBatch {
        let document = try COCOJSON.decode(COCODocument.self, from: data, file: file)
        var builder = COCOBatchBuilder(file: file)
        let categoryNames = try builder.addCategories(document.categories)
        let imageIndex = try builder.addImages(document.images, imagesDirectory: imagesDirectory,
                                               skipMissingImages: skipMissingImages)
        try builder.addAnnotations(document.annotations, images: document.images, imageIndex: imageIndex,
                                   categoryNames: categoryNames)
        var batch = builder.batch
        batch.statesCompleteGroundTruth = batch.predictions.isEmpty
        return batch
    }
}

/// Builds a batch from decoded COCO records, checking the cross-references between them.
struct COCOBatchBuilder {
    let file: String
    private(set) var batch: ImportBatch
    private var warnings = ImportWarningCounter()
    /// Per image (by position in `images`): dropped because its file is missing.
    private var dropped: [Bool] = []

    init(file: String) {
        self.file = file
        batch = ImportBatch(source: file)
    }

    private func error(_ path: String, _ message: String) -> ImportError {
        ImportError(file: file, location: .jsonPath(path), message: message)
    }

    /// Declares the classes in ascending id order; returns the id → name map.
    mutating func addCategories(_ categories: [COCOCategoryRecord]) throws(ImportError) -> [Int64: String] {
        var names: [Int64: String] = [:]
        var indexByID: [Int64: Int] = [:]
        var indexByName: [String: Int] = [:]
        for (index, category) in categories.enumerated() {
            if let first = indexByID[category.id] {
                throw error("$.categories[\(index)].id", "category id \(category.id) is also used by $.categories[\(first)]")
            }
            if let first = indexByName[category.name] {
                throw error("$.categories[\(index)].name", "category name '\(category.name)' is also used by $.categories[\(first)]")
            }
            indexByID[category.id] = index
            indexByName[category.name] = index
            names[category.id] = category.name
        }
        batch.classes = categories.sorted { $0.id < $1.id }.map { ClassSpec(name: $0.name) }
        return names
    }

    /// Adds one row per image; returns the image id → position map.
    mutating func addImages(_ images: [COCOImageRecord], imagesDirectory: URL?,
                            skipMissingImages: Bool) throws(ImportError) -> [Int64: Int] {
        var indexByID: [Int64: Int] = [:]
        indexByID.reserveCapacity(images.count)
        var indexByName: [String: Int] = [:]
        indexByName.reserveCapacity(images.count)
        dropped = Array(repeating: false, count: images.count)
        let folder = imagesDirectory.map { $0.standardizedFileURL.path }
        var rows: [DataRow] = []
        rows.reserveCapacity(images.count)
        for (index, image) in images.enumerated() {
            if let first = indexByID[image.id] {
                throw error("$.images[\(index)].id", "image id \(image.id) is also used by $.images[\(first)]")
            }
            if let first = indexByName[image.fileName] {
                throw error("$.images[\(index)].file_name", "file_name '\(image.fileName)' is also used by $.images[\(first)]")
            }
            indexByID[image.id] = index
            indexByName[image.fileName] = index
            var width = image.width, height = image.height
            if let folder {
                guard ImportFile.staysInside(image.fileName) else {
                    throw error("$.images[\(index)].file_name", "file_name '\(image.fileName)' leaves the images folder (absolute or '..')")
                }
                let path = folder + "/" + image.fileName
                guard FileManager.default.fileExists(atPath: path) else {
                    guard skipMissingImages else {
                        throw error("$.images[\(index)].file_name", "no image file at \(path)")
                    }
                    dropped[index] = true
                    warnings.add("images without a file in \(folder) were skipped with their annotations",
                                 file: file, at: .jsonPath("$.images[\(index)].file_name"))
                    continue
                }
                if width == nil || height == nil {
                    let size = try ImageSize.read(contentsOf: URL(fileURLWithPath: path))
                    width = width ?? size.width
                    height = height ?? size.height
                }
            }
            rows.append(DataRow(key: image.fileName, uri: image.fileName, kind: .image, width: width, height: height,
                                metadata: image.metadata))
        }
        batch.rows = rows
        return indexByID
    }

    /// Adds the annotations as ground truth, or as predictions when they carry `score`.
    mutating func addAnnotations(_ annotations: [COCOAnnotationRecord], images: [COCOImageRecord],
                                 imageIndex: [Int64: Int], categoryNames: [Int64: String]) throws(ImportError) {
        let scored = annotations.first?.score != nil
        if scored {
            batch.predictions.reserveCapacity(annotations.count)
        } else {
            batch.annotations.reserveCapacity(annotations.count)
        }
        for (index, record) in annotations.enumerated() {
            let path = "$.annotations[\(index)]"
            guard let image = imageIndex[record.imageID] else {
                throw error(path + ".image_id", "image_id \(record.imageID) is not the id of any entry in $.images")
            }
            guard let className = categoryNames[record.categoryID] else {
                throw error(path + ".category_id", "category_id \(record.categoryID) is not the id of any entry in $.categories")
            }
            guard (record.score != nil) == scored else {
                throw error(path, scored
                    ? "has no score, but $.annotations[0] has one: a file holds either ground truth or scored detections"
                    : "has a score, but $.annotations[0] has none: a file holds either ground truth or scored detections")
            }
            let geometry: Geometry
            switch record.segmentation {
            case .polygon(let polygon): geometry = .polygon(polygon)
            case .mask(let mask): geometry = .mask(mask)
            case .empty, nil:
                guard let box = record.bbox else { throw error(path, "has neither a bbox nor a segmentation") }
                geometry = .box(box)
            }
            if let box = record.bbox, box.width == 0 || box.height == 0 {
                warnings.add("boxes with zero width or height were kept", file: file, at: .jsonPath(path + ".bbox"))
            }
            if dropped[image] { continue }
            let rowKey = images[image].fileName
            if scored {
                batch.predictions.append(PredictionSpec(rowKey: rowKey, className: className, geometry: geometry,
                                                        score: record.score))
                continue
            }
            var attributes = record.attributes
            if geometry.kind != .box, let box = record.bbox {
                attributes[COCOBoxAttributes.x] = .number(box.x)
                attributes[COCOBoxAttributes.y] = .number(box.y)
                attributes[COCOBoxAttributes.width] = .number(box.width)
                attributes[COCOBoxAttributes.height] = .number(box.height)
            }
            batch.annotations.append(AnnotationSpec(rowKey: rowKey, className: className, geometry: geometry,
                                                    isCrowd: record.isCrowd, area: record.area, attributes: attributes))
        }
        batch.warnings = warnings.warnings
    }
}
