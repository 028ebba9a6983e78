import Foundation
import LoupeCore

/// The parts of a COCO dataset file that an evaluation reads: images with their sizes,
/// categories, and annotations with the fields `cocoeval.py` uses.
///
/// Read with `JSONScanner` rather than `JSONDecoder`: evaluation files are large, and the
/// fields an evaluation does not need (captions, licenses, polygons for a box evaluation) are
/// skipped without being built.
struct COCOEvaluationGroundTruth {
    struct Image {
        var id: Int
        var fileName: String?
        var width: Int?
        var height: Int?
    }

    struct Category {
        var id: Int
        var name: String
    }

    struct Annotation {
        var id: Int
        var imageID: Int
        var categoryID: Int
        var box: BoundingBox?
        var area: Double?
        var isCrowd = false
        var segmentation: COCOSegmentationValue?
        var keypoints: [Double]?
        var numKeypoints: Int?
        /// Set in scored, dataset-shaped detection files.
        var score: Double?
    }

    var images: [Image] = []
    var categories: [Category] = []
    var annotations: [Annotation] = []

    /// Which optional geometry to read; the others are skipped.
    struct Needs {
        var segmentation = false
        var keypoints = false
        /// Reading scored detections in dataset form: annotation ids are optional there.
        var isDetections = false
    }

    /// Reads a COCO dataset document.
    /// - Throws: `ImportError` with the JSON path (and line and column for malformed JSON).
    static func read(_ data: Data, file: String, needs: Needs) throws(ImportError) -> COCOEvaluationGroundTruth {
        let result: Result<COCOEvaluationGroundTruth, ImportError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = JSONScanner(bytes: bytes)
            do throws(JSONScanner.Failure) {
                return .success(try scanner.cocoGroundTruth(needs: needs))
            } catch {
                return .failure(error.importError(file: file, document: bytes))
            }
        }
        return try result.get()
    }
}

extension JSONScanner {
    mutating func cocoGroundTruth(needs: COCOEvaluationGroundTruth.Needs) throws(Failure) -> COCOEvaluationGroundTruth {
        var document = COCOEvaluationGroundTruth()
        var seen = Set<String>()
        skipSpace()
        if peek == UInt8(ascii: "[") {
            throw Failure(path: "$", message: "expected a COCO dataset object with \"images\", \"annotations\" and "
                + "\"categories\", found an array (a results file goes in the detections argument)", offset: index)
        }
        try members("$") { (scanner: inout JSONScanner, name: String) throws(Failure) in
            seen.insert(name)
            switch name {
            case "images":
                try scanner.arrayOfObjects("$.images") { (scanner: inout JSONScanner, path: String) throws(Failure) in
                    document.images.append(try scanner.cocoImage(path))
                }
            case "categories":
                try scanner.arrayOfObjects("$.categories") { (scanner: inout JSONScanner, path: String) throws(Failure) in
                    document.categories.append(try scanner.cocoCategory(path))
                }
            case "annotations":
                try scanner.arrayOfObjects("$.annotations") { (scanner: inout JSONScanner, path: String) throws(Failure) in
                    var annotation = try scanner.cocoAnnotation(path, needs: needs)
                    if needs.isDetections, annotation.id == Int.min { annotation.id = document.annotations.count + 1 }
                    document.annotations.append(annotation)
                }
            default:
                try scanner.skipValue(path: "$." + name, depth: 1)
            }
        }
        try end("$")
        for required in ["images", "annotations", "categories"] where !seen.contains(required) {
            throw Failure(path: "$." + required, message: "a COCO dataset needs \"\(required)\"")
        }
        return document
    }

    /// Calls `element` for each object of an array, with the element's path.
    mutating func arrayOfObjects(_ path: String,
                                 _ element: (inout JSONScanner, String) throws(Failure) -> Void) throws(Failure) {
        guard peek == UInt8(ascii: "[") else { throw typeMismatch(path, expected: "an array") }
        try elements(path) { (scanner: inout JSONScanner, index: Int) throws(Failure) in
            try element(&scanner, "\(path)[\(index)]")
        }
    }

    private mutating func cocoImage(_ path: String) throws(Failure) -> COCOEvaluationGroundTruth.Image {
        var id: Int?, width: Int?, height: Int?, fileName: String?
        try members(path) { (scanner: inout JSONScanner, name: String) throws(Failure) in
            switch name {
            case "id": id = try scanner.integer(path + ".id")
            case "file_name": fileName = try scanner.optionalString(path + ".file_name")
            case "width": width = try scanner.optionalInteger(path + ".width")
            case "height": height = try scanner.optionalInteger(path + ".height")
            default: try scanner.skipValue(path: path + "." + name, depth: 2)
            }
        }
        guard let id else { throw Failure(path: path + ".id", message: "an image needs an \"id\"") }
        return .init(id: id, fileName: fileName, width: width, height: height)
    }

    private mutating func cocoCategory(_ path: String) throws(Failure) -> COCOEvaluationGroundTruth.Category {
        var id: Int?, label: String?
        try members(path) { (scanner: inout JSONScanner, name: String) throws(Failure) in
            switch name {
            case "id": id = try scanner.integer(path + ".id")
            case "name": label = try scanner.optionalString(path + ".name")
            default: try scanner.skipValue(path: path + "." + name, depth: 2)
            }
        }
        guard let id else { throw Failure(path: path + ".id", message: "a category needs an \"id\"") }
        return .init(id: id, name: label ?? String(id))
    }

    private mutating func cocoAnnotation(_ path: String,
                                         needs: COCOEvaluationGroundTruth.Needs) throws(Failure) -> COCOEvaluationGroundTruth.Annotation {
        var id: Int?, imageID: Int?, categoryID: Int?
        var annotation = COCOEvaluationGroundTruth.Annotation(id: 0, imageID: 0, categoryID: 0)
        try members(path) { (scanner: inout JSONScanner, name: String) throws(Failure) in
            let field = path + "." + name
            switch name {
            case "id": id = try scanner.integer(field)
            case "image_id": imageID = try scanner.integer(field)
            case "category_id": categoryID = try scanner.integer(field)
            case "bbox": annotation.box = try scanner.null() ? nil : try scanner.cocoBox(field)
            case "area": annotation.area = try scanner.optionalNumber(field)
            case "iscrowd": annotation.isCrowd = try scanner.null() ? false : try scanner.flag(field)
            case "num_keypoints": annotation.numKeypoints = try scanner.optionalInteger(field)
            case "score": annotation.score = try scanner.optionalNumber(field)
            case "segmentation" where needs.segmentation:
                annotation.segmentation = try scanner.null() ? nil : try scanner.cocoSegmentation(field)
            case "keypoints" where needs.keypoints:
                annotation.keypoints = try scanner.null() ? nil : try scanner.numbers(field)
            default: try scanner.skipValue(path: field, depth: 2)
            }
        }
        guard let id = id ?? (needs.isDetections ? Int.min : nil) else {
            throw Failure(path: path + ".id", message: "an annotation needs an \"id\"")
        }
        guard let imageID else { throw Failure(path: path + ".image_id", message: "an annotation needs an \"image_id\"") }
        guard let categoryID else { throw Failure(path: path + ".category_id", message: "an annotation needs a \"category_id\"") }
        annotation.id = id
        annotation.imageID = imageID
        annotation.categoryID = categoryID
        return annotation
    }
}
