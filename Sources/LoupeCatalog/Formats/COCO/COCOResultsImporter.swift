import Foundation
import LoupeCore

/// The ids a COCO results file refers to: image id → row key (`file_name`) and category id →
/// class name. Usually read from the ground-truth dataset file the results were made for.
public struct COCOIDMapping: Hashable, Sendable {
    /// Row key (the image's `file_name`) by COCO image id.
    public var imageKeys: [Int64: String]
    /// Class name by COCO category id.
    public var categoryNames: [Int64: String]

    /// A mapping given explicitly (for results whose ground truth is not a COCO file).
    public init(imageKeys: [Int64: String], categoryNames: [Int64: String]) {
        self.imageKeys = imageKeys
        self.categoryNames = categoryNames
    }

    /// The ids of a COCO dataset file (its `images` and `categories`; annotations are not read).
    /// - Throws: `ImportError` naming the file and JSON path for a malformed file or a
    ///   duplicate image id, file name, category id or category name.
    public init(contentsOf url: URL) throws(ImportError) {
        try self.init(instances: ImportFile.contents(of: url), file: url.path)
    }

    /// The ids of a COCO dataset document in memory; `file` names it in messages.
    /// - Throws: `ImportError` as `init(contentsOf:)`.
    public init(instances data: Data, file: String) throws(ImportError) {
        let document = try COCOJSON.decode(COCOIDDocument.self, from: data, file: file)
        var keys: [Int64: String] = [:]
        keys.reserveCapacity(document.images.count)
        var indexByName: [String: Int] = [:]
        indexByName.reserveCapacity(document.images.count)
        var indexByID: [Int64: Int] = [:]
        indexByID.reserveCapacity(document.images.count)
        for (index, image) in document.images.enumerated() {
            if let first = indexByID[image.id] {
                throw ImportError(file: file, location: .jsonPath("$.images[\(index)].id"),
                                  message: "image id \(image.id) is also used by $.images[\(first)]")
            }
            if let first = indexByName[image.fileName] {
                throw ImportError(file: file, location: .jsonPath("$.images[\(index)].file_name"),
                                  message: "file_name '\(image.fileName)' is also used by $.images[\(first)]")
            }
            indexByID[image.id] = index
            indexByName[image.fileName] = index
            keys[image.id] = image.fileName
        }
        var builder = COCOBatchBuilder(file: file)
        let names = try builder.addCategories(document.categories)
        self.init(imageKeys: keys, categoryNames: names)
    }
}

/// Reads a COCO results file — a top-level array of detections
/// `[{"image_id", "category_id", "bbox" | "segmentation", "score"}]`, as detectors write for
/// pycocotools' `loadRes` — into an `ImportBatch` of predictions, through a `COCOIDMapping`.
///
/// Each detection becomes one prediction on the row `imageKeys[image_id]` with the class
/// `categoryNames[category_id]`. Its geometry is the segmentation when there is one (compressed
/// or uncompressed RLE → `.mask`, polygons → `.polygon`), else the `bbox` (`.box`). The batch
/// declares the mapping's classes in ascending category id order and no rows: the rows are
/// expected in the dataset already. A results file with no score gives predictions without one.
///
/// Errors name the file and the JSON path (`$[12].category_id`): an image or category id not in
/// the mapping, a detection with neither bbox nor segmentation, and the shape errors of
/// `COCOImporter`. Zero-size boxes are kept and counted in one warning.
public struct COCOResultsImporter: Sendable {
    /// How the file's ids map to rows and classes.
    public var mapping: COCOIDMapping

    /// An importer for results against `mapping`.
    public init(mapping: COCOIDMapping) {
        self.mapping = mapping
    }

    /// Reads a results file.
    /// - Throws: `ImportError` naming the file and the JSON path or line of the first problem.
    /// - Complexity: O(n) in the file's size.
    public func read(contentsOf url: URL) throws(ImportError) -> ImportBatch {
        try parse(ImportFile.contents(of: url), file: url.path)
    }

    /// Parses a results document already in memory; `file` names it in messages.
    /// - Throws: `ImportError` naming `file` and the JSON path or line of the first problem.
    public func parse(_ data: Data, file: String) throws(ImportError) -> ImportBatch {
        let detections = try COCOJSON.decode(COCOResultsDocument.self, from: data, file: file).detections
        var batch = ImportBatch(source: file)
        batch.classes = mapping.categoryNames.sorted { $0.key < $1.key }.map { ClassSpec(name: $0.value) }
        batch.predictions.reserveCapacity(detections.count)
        var warnings = ImportWarningCounter()
        for (index, detection) in detections.enumerated() {
            let path = "$[\(index)]"
            guard let rowKey = mapping.imageKeys[detection.imageID] else {
                throw ImportError(file: file, location: .jsonPath(path + ".image_id"),
                                  message: "image_id \(detection.imageID) is not an image of the ground truth")
            }
            guard let className = mapping.categoryNames[detection.categoryID] else {
                throw ImportError(file: file, location: .jsonPath(path + ".category_id"),
                                  message: "category_id \(detection.categoryID) is not a category of the ground truth")
            }
            let geometry: Geometry
            switch detection.segmentation {
            case .polygon(let polygon): geometry = .polygon(polygon)
            case .mask(let mask): geometry = .mask(mask)
            case .empty, nil:
                guard let box = detection.bbox else {
                    throw ImportError(file: file, location: .jsonPath(path), message: "has neither a bbox nor a segmentation")
                }
                geometry = .box(box)
            }
            if case .box(let box) = geometry, box.width == 0 || box.height == 0 {
                warnings.add("boxes with zero width or height were kept", file: file, at: .jsonPath(path + ".bbox"))
            }
            batch.predictions.append(PredictionSpec(rowKey: rowKey, className: className, geometry: geometry,
                                                    score: detection.score))
        }
        batch.warnings = warnings.warnings
        return batch
    }
}

/// A results file: a top-level array of detections.
struct COCOResultsDocument: Decodable {
    var detections: [COCOAnnotationRecord]

    init(from decoder: any Decoder) throws {
        guard (try? decoder.unkeyedContainer()) != nil else {
            throw COCOJSON.invalid("expected a top-level array of detections; a dataset-shaped file (with "
                                   + "'images' and 'annotations' carrying 'score') is read by the COCO dataset importer", at: [])
        }
        detections = try decoder.singleValueContainer().decode([COCOAnnotationRecord].self)
    }
}
