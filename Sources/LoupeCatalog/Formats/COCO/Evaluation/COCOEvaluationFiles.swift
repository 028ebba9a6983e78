import Foundation
import LoupeCore

/// A COCO ground-truth file and a results file made ready for `COCOEvaluator`, with what
/// pycocotools' `COCO.loadRes` and `COCOeval._prepare` do to them, and with the checks
/// pycocotools leaves out (unknown images and categories, masks of the wrong size) as errors
/// that name the element.
public struct COCOEvaluationFiles: Sendable {
    /// The evaluator's input.
    public var input: COCOEvaluationInput
    /// Category names by id, from the ground truth.
    public var categoryNames: [Int: String]
    /// Things accepted that pycocotools would not have (for example a missing `area`, filled in).
    public var warnings: [ImportWarning]

    /// Reads and converts both files.
    /// - Parameters:
    ///   - groundTruth: a COCO dataset file (`images`, `annotations`, `categories`).
    ///   - detections: a COCO results file (a JSON array), or a scored dataset-shaped file whose
    ///     images and categories are matched to the ground truth's by `file_name` and `name`.
    ///   - iouType: what is compared; decides which geometry must be present.
    /// - Throws: `ImportError` naming the file and the JSON path of the first problem.
    public static func load(groundTruth: URL, detections: URL,
                            iouType: COCOEvaluationParameters.IoUType) throws(ImportError) -> COCOEvaluationFiles {
        let needs = COCOEvaluationGroundTruth.Needs(segmentation: iouType == .segm, keypoints: iouType == .keypoints)
        let truthData = try ImportFile.contents(of: groundTruth)
        let truth = try COCOEvaluationGroundTruth.read(truthData, file: groundTruth.path, needs: needs)
        let resultData = try ImportFile.contents(of: detections)
        let results = try COCOEvaluationResults.read(resultData, file: detections.path, needs: needs)
        return try make(truth: truth, results: results, iouType: iouType,
                        truthFile: groundTruth.path, resultsFile: detections.path)
    }

    static func make(truth: COCOEvaluationGroundTruth, results: COCOEvaluationResults,
                     iouType: COCOEvaluationParameters.IoUType, truthFile: String,
                     resultsFile: String) throws(ImportError) -> COCOEvaluationFiles {
        var builder = Builder(iouType: iouType, truthFile: truthFile, resultsFile: resultsFile)
        try builder.index(truth)
        let groundTruths = try builder.groundTruths(truth.annotations)
        let detections: [COCOEvaluationInput.Detection]
        if let dataset = results.datasetShaped {
            detections = try builder.detections(fromDataset: dataset)
        } else {
            detections = try builder.detections(results.detections, paths: { "$[\($0)]" })
        }
        let input = COCOEvaluationInput(imageIDs: truth.images.map(\.id), categoryIDs: truth.categories.map(\.id),
                                        groundTruths: groundTruths, detections: detections)
        return COCOEvaluationFiles(input: input, categoryNames: builder.categoryNames, warnings: builder.warnings.warnings)
    }
}

extension COCOEvaluationFiles {
    /// The conversion state: the ground truth's indexes and the warnings so far.
    struct Builder {
        let iouType: COCOEvaluationParameters.IoUType
        let truthFile: String
        let resultsFile: String
        var images: [Int: COCOEvaluationGroundTruth.Image] = [:]
        var categoryNames: [Int: String] = [:]
        var warnings = ImportWarningCounter()

        init(iouType: COCOEvaluationParameters.IoUType, truthFile: String, resultsFile: String) {
            self.iouType = iouType
            self.truthFile = truthFile
            self.resultsFile = resultsFile
        }

        mutating func index(_ truth: COCOEvaluationGroundTruth) throws(ImportError) {
            images.reserveCapacity(truth.images.count)
            for (position, image) in truth.images.enumerated() {
                guard images.updateValue(image, forKey: image.id) == nil else {
                    throw ImportError(file: truthFile, location: .jsonPath("$.images[\(position)].id"),
                                      message: "image id \(image.id) is used twice")
                }
            }
            for (position, category) in truth.categories.enumerated() {
                guard categoryNames.updateValue(category.name, forKey: category.id) == nil else {
                    throw ImportError(file: truthFile, location: .jsonPath("$.categories[\(position)].id"),
                                      message: "category id \(category.id) is used twice")
                }
            }
        }

        func imageSize(_ id: Int, file: String, path: String) throws(ImportError) -> (height: Int, width: Int) {
            guard let image = images[id], let height = image.height, let width = image.width else {
                throw ImportError(file: file, location: .jsonPath(path),
                                  message: "a segm evaluation needs the width and height of image \(id) in the ground truth")
            }
            return (height, width)
        }

        /// `annToRLE`: polygons rasterized and merged, uncompressed RLE taken as is, compressed decoded.
        func mask(_ segmentation: COCOSegmentationValue, imageID: Int, file: String, path: String) throws(ImportError) -> RunLengthMask {
            let mask: RunLengthMask
            switch segmentation {
            case .polygons(let rings):
                let size = try imageSize(imageID, file: file, path: path)
                guard rings.allSatisfy({ $0.count >= 6 && $0.count % 2 == 0 }) || rings.allSatisfy({ $0.count == 4 }) else {
                    throw ImportError(file: file, location: .jsonPath(path),
                                      message: "a polygon ring needs at least three x, y points")
                }
                mask = RunLengthMask(polygon: Polygon(rings: rings), height: size.height, width: size.width)
            case .uncompressed(let uncompressed):
                mask = uncompressed
            case .compressed(let height, let width, let counts):
                do {
                    mask = try RunLengthMask(height: height, width: width, compressed: counts)
                } catch {
                    throw ImportError(file: file, location: .jsonPath(path + ".counts"), message: error.description)
                }
                guard mask.isWellFormed else {
                    throw ImportError(file: file, location: .jsonPath(path + ".counts"),
                                      message: "the runs cover \(mask.counts.reduce(0) { $0 + Int($1) }) pixels, not \(height) × \(width)")
                }
            }
            if let image = images[imageID], let height = image.height, let width = image.width,
               mask.height != height || mask.width != width {
                throw ImportError(file: file, location: .jsonPath(path + ".size"),
                                  message: "the mask is \(mask.height) × \(mask.width) but image \(imageID) is \(height) × \(width)")
            }
            return mask
        }

        mutating func groundTruths(_ annotations: [COCOEvaluationGroundTruth.Annotation]) throws(ImportError) -> [COCOEvaluationInput.GroundTruth] {
            var result: [COCOEvaluationInput.GroundTruth] = []
            result.reserveCapacity(annotations.count)
            for (position, annotation) in annotations.enumerated() {
                let path = "$.annotations[\(position)]"
                guard images[annotation.imageID] != nil else {
                    throw ImportError(file: truthFile, location: .jsonPath(path + ".image_id"),
                                      message: "image \(annotation.imageID) is not in $.images")
                }
                guard categoryNames[annotation.categoryID] != nil else {
                    throw ImportError(file: truthFile, location: .jsonPath(path + ".category_id"),
                                      message: "category \(annotation.categoryID) is not in $.categories")
                }
                var mask: RunLengthMask?
                if iouType == .segm {
                    guard let segmentation = annotation.segmentation else {
                        throw ImportError(file: truthFile, location: .jsonPath(path + ".segmentation"),
                                          message: "a segm evaluation needs every ground truth's segmentation")
                    }
                    mask = try self.mask(segmentation, imageID: annotation.imageID, file: truthFile, path: path + ".segmentation")
                }
                var keypoints: [Double]?
                if iouType == .keypoints {
                    guard let values = annotation.keypoints, values.count % 3 == 0 else {
                        throw ImportError(file: truthFile, location: .jsonPath(path + ".keypoints"),
                                          message: "a keypoints evaluation needs [x1, y1, v1, …] on every ground truth")
                    }
                    keypoints = values
                }
                guard let box = annotation.box ?? mask?.boundingBox else {
                    throw ImportError(file: truthFile, location: .jsonPath(path + ".bbox"),
                                      message: "a \(iouType.rawValue) evaluation needs every ground truth's bbox")
                }
                let area: Double
                if let given = annotation.area {
                    area = given
                } else {
                    area = mask.map { Double($0.area) } ?? box.area
                    warnings.add("annotations without \"area\" (pycocotools needs it): used the \(mask == nil ? "box" : "mask") area",
                                 file: truthFile, at: .jsonPath(path + ".area"))
                }
                result.append(COCOEvaluationInput.GroundTruth(
                    id: annotation.id, imageID: annotation.imageID, categoryID: annotation.categoryID, area: area,
                    isCrowd: annotation.isCrowd, box: box, mask: mask, keypoints: keypoints,
                    keypointCount: annotation.numKeypoints ?? keypoints.map(Self.visibleCount) ?? 0))
            }
            return result
        }

        /// Labelled keypoints (`v > 0`) of `[x1, y1, v1, …]`, for ground truth without `num_keypoints`.
        static func visibleCount(_ keypoints: [Double]) -> Int {
            stride(from: 2, to: keypoints.count, by: 3).filter { keypoints[$0] > 0 }.count
        }

        /// `loadRes`: the first result decides how every area is computed.
        func detections(_ results: [COCOEvaluationResults.Detection],
                        paths: (Int) -> String) throws(ImportError) -> [COCOEvaluationInput.Detection] {
            guard let first = results.first else { return [] }
            let areaFromBox = first.box != nil
            let areaFromMask = !areaFromBox && first.segmentation != nil
            var result: [COCOEvaluationInput.Detection] = []
            result.reserveCapacity(results.count)
            for (position, detection) in results.enumerated() {
                let path = paths(position)
                guard let image = images[detection.imageID] else {
                    throw ImportError(file: resultsFile, location: .jsonPath(path + ".image_id"),
                                      message: "image \(detection.imageID) is not in the ground truth's images")
                }
                guard categoryNames[detection.categoryID] != nil else {
                    throw ImportError(file: resultsFile, location: .jsonPath(path + ".category_id"),
                                      message: "category \(detection.categoryID) is not in the ground truth's categories")
                }
                var mask: RunLengthMask?
                if iouType == .segm {
                    if let segmentation = detection.segmentation {
                        mask = try self.mask(segmentation, imageID: detection.imageID, file: resultsFile, path: path + ".segmentation")
                    } else if let box = detection.box {
                        // loadRes gives a box result the polygon of its box.
                        let size = try imageSize(image.id, file: resultsFile, path: path + ".bbox")
                        mask = RunLengthMask(polygon: Polygon(rings: [[box.x, box.y, box.x, box.maxY, box.maxX, box.maxY, box.maxX, box.y]]),
                                             height: size.height, width: size.width)
                    } else {
                        throw ImportError(file: resultsFile, location: .jsonPath(path + ".segmentation"),
                                          message: "a segm evaluation needs a segmentation (or a bbox) on every detection")
                    }
                }
                var keypoints: [Double]?
                var keypointBox: BoundingBox?
                if iouType == .keypoints || (!areaFromBox && !areaFromMask) {
                    guard let values = detection.keypoints, values.count % 3 == 0, !values.isEmpty else {
                        throw ImportError(file: resultsFile, location: .jsonPath(path + ".keypoints"),
                                          message: "expected [x1, y1, v1, …] keypoints")
                    }
                    keypoints = values
                    let xs = stride(from: 0, to: values.count, by: 3).map { values[$0] }
                    let ys = stride(from: 1, to: values.count, by: 3).map { values[$0] }
                    let x0 = xs.min()!, x1 = xs.max()!, y0 = ys.min()!, y1 = ys.max()!
                    keypointBox = BoundingBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
                }
                let area: Double
                let box: BoundingBox
                if areaFromBox {
                    guard let given = detection.box else {
                        throw ImportError(file: resultsFile, location: .jsonPath(path + ".bbox"),
                                          message: "the first detection has a bbox, so every detection needs one (as pycocotools' loadRes)")
                    }
                    area = given.width * given.height
                    box = given
                } else if areaFromMask {
                    guard let mask else {
                        throw ImportError(file: resultsFile, location: .jsonPath(path + ".segmentation"),
                                          message: "the first detection has a segmentation, so every detection needs one")
                    }
                    area = Double(mask.area)
                    box = detection.box ?? mask.boundingBox
                } else {
                    let extent = keypointBox!
                    area = extent.width * extent.height
                    box = detection.box ?? extent
                }
                if iouType == .bbox, detection.box == nil, !areaFromBox {
                    throw ImportError(file: resultsFile, location: .jsonPath(path + ".bbox"),
                                      message: "a bbox evaluation needs a bbox on every detection")
                }
                result.append(COCOEvaluationInput.Detection(imageID: detection.imageID, categoryID: detection.categoryID,
                                                            score: detection.score, area: area, box: box, mask: mask,
                                                            keypoints: keypoints))
            }
            return result
        }

        /// A scored dataset-shaped file: its images and categories matched by file name and name.
        func detections(fromDataset dataset: COCOEvaluationGroundTruth) throws(ImportError) -> [COCOEvaluationInput.Detection] {
            var imageByName: [String: Int] = [:]
            for image in images.values { if let name = image.fileName { imageByName[name] = image.id } }
            var categoryByName: [String: Int] = [:]
            for (id, name) in categoryNames { categoryByName[name] = id }
            var ownImages: [Int: Int] = [:]
            for (position, image) in dataset.images.enumerated() {
                guard let name = image.fileName, let id = imageByName[name] else {
                    throw ImportError(file: resultsFile, location: .jsonPath("$.images[\(position)].file_name"),
                                      message: "no ground-truth image has the file name '\(image.fileName ?? "")'")
                }
                ownImages[image.id] = id
            }
            var ownCategories: [Int: Int] = [:]
            for (position, category) in dataset.categories.enumerated() {
                guard let id = categoryByName[category.name] else {
                    throw ImportError(file: resultsFile, location: .jsonPath("$.categories[\(position)].name"),
                                      message: "no ground-truth category is named '\(category.name)'")
                }
                ownCategories[category.id] = id
            }
            var results: [COCOEvaluationResults.Detection] = []
            results.reserveCapacity(dataset.annotations.count)
            for (position, annotation) in dataset.annotations.enumerated() {
                let path = "$.annotations[\(position)]"
                guard let score = annotation.score else {
                    throw ImportError(file: resultsFile, location: .jsonPath(path + ".score"), message: "a detection needs a \"score\"")
                }
                guard let image = ownImages[annotation.imageID] else {
                    throw ImportError(file: resultsFile, location: .jsonPath(path + ".image_id"),
                                      message: "image \(annotation.imageID) is not in this file's images")
                }
                guard let category = ownCategories[annotation.categoryID] else {
                    throw ImportError(file: resultsFile, location: .jsonPath(path + ".category_id"),
                                      message: "category \(annotation.categoryID) is not in this file's categories")
                }
                results.append(.init(imageID: image, categoryID: category, score: score, box: annotation.box,
                                     segmentation: annotation.segmentation, keypoints: annotation.keypoints))
            }
            return try detections(results, paths: { "$.annotations[\($0)]" })
        }
    }
}
