import Foundation
import LoupeCore

/// A seeded generator so that random cases are repeatable: LoupeCore's SplitMix64.
typealias COCOSeededGenerator = SplitMix64

extension SplitMix64 {
    /// The generator whose next state is `state` plus the increment (the tests' spelling of `init(seed:)`).
    init(state: UInt64) { self.init(seed: state) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func uniform(_ low: Double, _ high: Double) -> Double { high > low ? Double.random(in: low..<high, using: &self) : low }
    /// Log-uniform in `[low, high)`.
    mutating func logUniform(_ low: Double, _ high: Double) -> Double { low * exp(uniform(0, 1) * log(high / low)) }
}

/// A ground-truth annotation and a result as they appear in COCO files, before any loading.
struct COCOFileAnnotation {
    var id = 0
    var imageID: Int
    var categoryID: Int
    var score = 0.0
    var bbox: [Double]?
    var area = 0.0
    var isCrowd = false
    var ignoreField: Int?
    /// Compressed RLE string, or uncompressed counts.
    var compressed: String?
    var uncompressed: [UInt32]?
    var maskSize: (height: Int, width: Int) = (0, 0)
    var keypoints: [Double]?
    var keypointCount = 0
    /// Whether numbers are written as JSON integers when whole.
    var integral = false
}

/// One random evaluation case: the files as JSON for the oracle, and the same data converted to
/// `COCOEvaluationInput` the way pycocotools' `loadRes` and `_prepare` read them.
struct COCOOracleCase {
    var name: String
    var iouType: COCOEvaluationParameters.IoUType
    var useCategories: Bool
    var images: [(id: Int, height: Int, width: Int)]
    var categoryIDs: [Int]
    var truths: [COCOFileAnnotation]
    var results: [COCOFileAnnotation]

    var parameters: COCOEvaluationParameters {
        var parameters = COCOEvaluationParameters(iouType: iouType)
        parameters.useCategories = useCategories
        return parameters
    }

    /// The case in the oracle's input format.
    var json: OracleJSON {
        func number(_ value: Double, _ integral: Bool) -> OracleJSON { .number(value, integral: integral) }
        func segmentation(_ a: COCOFileAnnotation) -> OracleJSON? {
            let size = OracleJSON.array([.int(a.maskSize.height), .int(a.maskSize.width)])
            if let compressed = a.compressed { return .object([("size", size), ("counts", .string(compressed))]) }
            if let counts = a.uncompressed { return .object([("size", size), ("counts", .array(counts.map { .int(Int($0)) }))]) }
            return nil
        }
        let truthJSON: [OracleJSON] = truths.map { a in
            var members: [(String, OracleJSON)] = [
                ("id", .int(a.id)), ("image_id", .int(a.imageID)), ("category_id", .int(a.categoryID)),
                ("bbox", .array(a.bbox!.map { number($0, a.integral) })), ("area", number(a.area, a.integral)),
                ("iscrowd", .int(a.isCrowd ? 1 : 0)),
            ]
            if let ignore = a.ignoreField { members.append(("ignore", .int(ignore))) }
            if let segmentation = segmentation(a) { members.append(("segmentation", segmentation)) }
            if let keypoints = a.keypoints {
                members.append(("keypoints", .array(keypoints.map { number($0, a.integral) })))
                members.append(("num_keypoints", .int(a.keypointCount)))
            }
            return .object(members)
        }
        let resultJSON: [OracleJSON] = results.map { a in
            var members: [(String, OracleJSON)] = [
                ("image_id", .int(a.imageID)), ("category_id", .int(a.categoryID)), ("score", .double(a.score)),
            ]
            if let bbox = a.bbox { members.append(("bbox", .array(bbox.map { number($0, a.integral) }))) }
            if let segmentation = segmentation(a) { members.append(("segmentation", segmentation)) }
            if let keypoints = a.keypoints { members.append(("keypoints", .array(keypoints.map { number($0, a.integral) }))) }
            return .object(members)
        }
        let gt = OracleJSON.object([
            ("images", .array(images.map { .object([("id", .int($0.id)), ("height", .int($0.height)), ("width", .int($0.width))]) })),
            ("annotations", .array(truthJSON)),
            ("categories", .array(categoryIDs.map { .object([("id", .int($0)), ("name", .string("c\($0)"))]) })),
        ])
        return .object([("iouType", .string(iouType.rawValue)), ("gt", gt), ("results", .array(resultJSON)),
                        ("useCats", .int(useCategories ? 1 : 0))])
    }

    /// The input a loader reproducing pycocotools builds: the file's `ignore` field is dropped
    /// (`_prepare` overwrites it), and detection areas follow `loadRes`'s branch, chosen by the
    /// first result (a box: `w * h`; else a mask: its pixel count; else the keypoints' extent).
    func input() throws -> COCOEvaluationInput {
        func mask(_ a: COCOFileAnnotation) throws -> RunLengthMask? {
            if let compressed = a.compressed {
                return try RunLengthMask(height: a.maskSize.height, width: a.maskSize.width, compressed: compressed)
            }
            return a.uncompressed.map { RunLengthMask(height: a.maskSize.height, width: a.maskSize.width, counts: $0) }
        }
        func box(_ values: [Double]) -> BoundingBox { BoundingBox(x: values[0], y: values[1], width: values[2], height: values[3]) }
        let groundTruths = try truths.map { a in
            COCOEvaluationInput.GroundTruth(
                id: a.id, imageID: a.imageID, categoryID: a.categoryID, area: a.area, isCrowd: a.isCrowd,
                isIgnored: false, box: box(a.bbox!), mask: try mask(a), keypoints: a.keypoints, keypointCount: a.keypointCount)
        }
        let boxBranch = results.first?.bbox.map { !$0.isEmpty } ?? false
        let maskBranch = !boxBranch && (results.first.map { $0.compressed != nil } ?? false)
        let detections = try results.map { a in
            let decoded = try mask(a)
            var area: Double, detectionBox: BoundingBox
            if boxBranch {
                detectionBox = box(a.bbox!)
                area = a.bbox![2] * a.bbox![3]
            } else if maskBranch {
                area = Double(decoded!.area)
                detectionBox = a.bbox.map(box) ?? decoded!.boundingBox
            } else {
                let points = a.keypoints!
                let xs = stride(from: 0, to: points.count, by: 3).map { points[$0] }
                let ys = stride(from: 1, to: points.count, by: 3).map { points[$0] }
                let x0 = xs.min()!, x1 = xs.max()!, y0 = ys.min()!, y1 = ys.max()!
                area = (x1 - x0) * (y1 - y0)
                detectionBox = BoundingBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
            }
            return COCOEvaluationInput.Detection(imageID: a.imageID, categoryID: a.categoryID, score: a.score, area: area,
                                                 box: detectionBox, mask: decoded, keypoints: a.keypoints)
        }
        return COCOEvaluationInput(imageIDs: images.map(\.id), categoryIDs: categoryIDs,
                                   groundTruths: groundTruths, detections: detections)
    }
}
