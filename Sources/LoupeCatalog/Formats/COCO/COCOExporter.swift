import Foundation
import LoupeCore

/// Writes a dataset as a COCO dataset file, or a run's predictions as a COCO results file.
///
/// Dataset file (`instances(_:)`):
/// - `images`: the image rows in row order with ids 1, 2, …; `file_name` is the row key,
///   `width`/`height` when known, and the row's metadata as extra keys (so `license`,
///   `coco_url`, … read by `COCOImporter` come back);
/// - `categories`: every class with `id = ordinal + 1`, in ordinal order;
/// - `annotations`: ids 1, 2, … in annotation order, `bbox` (a box's own numbers; for a polygon
///   or mask the `bbox_*` attributes `COCOImporter` recorded, else the shape's bounding box —
///   pycocotools' `rleToBbox` for masks), `segmentation` (`[]` for a box, the rings for a
///   polygon; a mask as **uncompressed** counts when `iscrowd = 1`, as COCO's own files store
///   crowd regions, and as a **compressed** counts string otherwise, as pycocotools' `encode`
///   writes), `area` (the stated area; else `w·h` for a box, the shoelace area for a polygon —
///   not COCO's rasterized count — and the pixel count for a mask), `iscrowd`, and the other
///   attributes under `attributes`.
///
/// Results file (`results(_:)`): the predictions in order, each with `image_id`, `category_id`
/// (the same numbering as `instances(_:)` of the same contents), `bbox` (the shape's bounding
/// box), `score` when known, and for masks and polygons a `segmentation` (compressed RLE, or
/// rings).
///
/// Not representable in COCO, and skipped: annotations and predictions without a class or
/// without a shape (`.none`, `.point`), and text rows. Output is deterministic: sorted keys and
/// row, class and annotation order.
public struct COCOExporter: Sendable {
    /// An exporter.
    public init() {}

    /// The COCO dataset file for `contents`' rows, classes and ground truth.
    /// - Throws: `COCOExportError` when a number cannot be written (a non-finite coordinate).
    /// - Complexity: O(n) in the size of the contents.
    public func instances(_ contents: DatasetContents) throws(COCOExportError) -> Data {
        let numbering = COCOExportNumbering(contents)
        var annotations: [COCOAnnotationOutput] = []
        annotations.reserveCapacity(contents.annotations.count)
        for annotation in contents.annotations {
            guard let imageID = numbering.imageIDs[annotation.rowID],
                  let categoryID = annotation.classID.flatMap({ numbering.categoryIDs[$0] }),
                  let box = COCOBoxAttributes.box(of: annotation.geometry, attributes: annotation.attributes)
            else { continue }
            let segmentation: COCOSegmentationOutput
            let area: Double
            switch annotation.geometry {
            case .box(let box):
                segmentation = .empty
                area = box.area
            case .polygon(let polygon):
                segmentation = .polygon(polygon.rings)
                area = polygon.shoelaceArea
            case .mask(let mask):
                segmentation = annotation.isCrowd ? .uncompressed(mask) : .compressed(mask)
                area = Double(mask.area)
            case .none, .point:
                continue
            }
            var attributes = annotation.attributes
            for name in COCOBoxAttributes.all { attributes[name] = nil }
            annotations.append(COCOAnnotationOutput(
                id: annotations.count + 1, imageID: imageID, categoryID: categoryID, bbox: box,
                segmentation: segmentation, area: annotation.area ?? area, isCrowd: annotation.isCrowd,
                attributes: attributes.isEmpty ? nil : attributes))
        }
        let document = COCODocumentOutput(
            info: ["description": contents.name], licenses: [], images: numbering.images,
            categories: contents.classes.sorted { $0.ordinal < $1.ordinal }
                .map { COCOCategoryOutput(id: $0.ordinal + 1, name: $0.name, supercategory: "") },
            annotations: annotations)
        return try Self.encode(document)
    }

    /// The COCO results file for `contents.predictions`.
    /// - Throws: `COCOExportError` when a number cannot be written (a non-finite coordinate or score).
    /// - Complexity: O(n) in the number of predictions and their shapes' sizes.
    public func results(_ contents: DatasetContents) throws(COCOExportError) -> Data {
        let numbering = COCOExportNumbering(contents)
        var detections: [COCODetectionOutput] = []
        detections.reserveCapacity(contents.predictions.count)
        for prediction in contents.predictions {
            guard let imageID = numbering.imageIDs[prediction.rowID],
                  let categoryID = prediction.classID.flatMap({ numbering.categoryIDs[$0] }),
                  let box = prediction.geometry.boundingBox
            else { continue }
            let segmentation: COCOSegmentationOutput?
            switch prediction.geometry {
            case .box: segmentation = nil
            case .polygon(let polygon): segmentation = .polygon(polygon.rings)
            case .mask(let mask): segmentation = .compressed(mask)
            case .none, .point: continue
            }
            detections.append(COCODetectionOutput(imageID: imageID, categoryID: categoryID, bbox: box,
                                                  score: prediction.score, segmentation: segmentation))
        }
        return try Self.encode(detections)
    }

    private static func encode(_ value: some Encodable) throws(COCOExportError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch let EncodingError.invalidValue(value, context) {
            throw COCOExportError(path: JSONDecoding.path(context.codingPath),
                                  message: "cannot write \(value): \(context.debugDescription)")
        } catch {
            throw COCOExportError(path: "$", message: "\(error)")
        }
    }
}

/// A dataset that cannot be written as COCO: where in the output and why.
public struct COCOExportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The JSON path of the value that could not be written (`$.annotations[3].bbox[2]`).
    public var path: String
    /// What was wrong.
    public var message: String

    /// An export error at `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `COCO export: path: message`.
    public var description: String { "COCO export: \(path): \(message)" }
}

/// Image ids (row order, from 1) and category ids (ordinal + 1) shared by both exports.
private struct COCOExportNumbering {
    var images: [COCOImageOutput] = []
    var imageIDs: [Int64: Int] = [:]
    var categoryIDs: [Int64: Int] = [:]

    init(_ contents: DatasetContents) {
        images.reserveCapacity(contents.rows.count)
        imageIDs.reserveCapacity(contents.rows.count)
        for row in contents.rows where row.kind == .image {
            let id = images.count + 1
            if let rowID = row.id { imageIDs[rowID] = id }
            images.append(COCOImageOutput(id: id, fileName: row.key, width: row.width, height: row.height,
                                          metadata: row.metadata))
        }
        for labelClass in contents.classes { categoryIDs[labelClass.id] = labelClass.ordinal + 1 }
    }
}
