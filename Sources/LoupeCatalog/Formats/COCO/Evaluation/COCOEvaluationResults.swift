import Foundation
import LoupeCore

/// A COCO results file as an evaluation reads it: a JSON array of detections, each with
/// `image_id`, `category_id`, `score`, and `bbox`, `segmentation` (RLE) or `keypoints`.
struct COCOEvaluationResults {
    struct Detection {
        var imageID: Int
        var categoryID: Int
        var score: Double
        var box: BoundingBox?
        var segmentation: COCOSegmentationValue?
        var keypoints: [Double]?
    }

    var detections: [Detection] = []
    /// A scored COCO dataset (`{"images", "annotations" with "score", "categories"}`) given instead
    /// of a results list: its ids are its own, mapped to the ground truth's by file name and
    /// category name.
    var datasetShaped: COCOEvaluationGroundTruth?

    /// Reads a results document; fields the evaluation does not need are skipped.
    /// - Throws: `ImportError` with the JSON path of the offending element.
    static func read(_ data: Data, file: String, needs: COCOEvaluationGroundTruth.Needs) throws(ImportError) -> COCOEvaluationResults {
        let result: Result<COCOEvaluationResults, ImportError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = JSONScanner(bytes: bytes)
            do throws(JSONScanner.Failure) {
                return .success(try scanner.cocoResults(needs: needs))
            } catch {
                return .failure(error.importError(file: file, document: bytes))
            }
        }
        return try result.get()
    }
}

extension JSONScanner {
    mutating func cocoResults(needs: COCOEvaluationGroundTruth.Needs) throws(Failure) -> COCOEvaluationResults {
        var results = COCOEvaluationResults()
        skipSpace()
        if peek == UInt8(ascii: "{") {
            let start = index
            do throws(Failure) {
                var detectionNeeds = needs
                detectionNeeds.isDetections = true
                results.datasetShaped = try cocoGroundTruth(needs: detectionNeeds)
                return results
            } catch where error.message.hasPrefix("a COCO dataset needs") {
                index = start
                throw Failure(path: "$", message: "expected a COCO results file: a JSON array of detections "
                    + "({\"image_id\", \"category_id\", \"bbox\" or \"segmentation\", \"score\"}), or a scored COCO "
                    + "dataset; found an object without \(error.path.dropFirst(2))", offset: start)
            }
        }
        results.detections.reserveCapacity(bytes.count / 80)
        try arrayOfObjects("$") { (scanner: inout JSONScanner, path: String) throws(Failure) in
            results.detections.append(try scanner.cocoDetection(path, needs: needs))
        }
        try end("$")
        return results
    }

    private mutating func cocoDetection(_ path: String, needs: COCOEvaluationGroundTruth.Needs) throws(Failure) -> COCOEvaluationResults.Detection {
        var imageID: Int?, categoryID: Int?, score: Double?
        var box: BoundingBox?
        var segmentation: COCOSegmentationValue?
        var keypoints: [Double]?
        try members(path) { (scanner: inout JSONScanner, name: String) throws(Failure) in
            let field = path + "." + name
            switch name {
            case "image_id": imageID = try scanner.integer(field)
            case "category_id": categoryID = try scanner.integer(field)
            case "score": score = try scanner.number(field)
            case "bbox": box = try scanner.null() ? nil : try scanner.cocoBox(field)
            case "segmentation" where needs.segmentation:
                segmentation = try scanner.null() ? nil : try scanner.cocoSegmentation(field)
            case "keypoints" where needs.keypoints:
                keypoints = try scanner.null() ? nil : try scanner.numbers(field)
            default: try scanner.skipValue(path: field, depth: 2)
            }
        }
        guard let imageID else { throw Failure(path: path + ".image_id", message: "a detection needs an \"image_id\"") }
        guard let categoryID else { throw Failure(path: path + ".category_id", message: "a detection needs a \"category_id\"") }
        guard let score else { throw Failure(path: path + ".score", message: "a detection needs a \"score\"") }
        return .init(imageID: imageID, categoryID: categoryID, score: score, box: box,
                     segmentation: segmentation, keypoints: keypoints)
    }
}
