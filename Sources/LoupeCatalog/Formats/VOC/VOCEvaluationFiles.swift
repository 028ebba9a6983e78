import Foundation
import LoupeCore

/// Ground truth and detections read for a Pascal VOC evaluation, grouped by class.
///
/// Images are matched between the two sides by name without extension (`2007_000027.xml`,
/// `2007_000027.jpg` and `2007_000027.txt` are one image), which is how VOC-style tools pair
/// annotation files with result files.
public struct VOCEvaluationFiles: Sendable {
    /// The classes, sorted by name; `inputs[i]` belongs to `classNames[i]`.
    public var classNames: [String]
    /// The images, sorted; detections' and ground truths' `imageIndex` index this list.
    public var imageNames: [String]
    /// The ground truth and detections of each class.
    public var inputs: [VOCClassInput]

    /// Reads both sides.
    /// - Parameters:
    ///   - groundTruth: a folder of VOC XML files, a folder of text files (`class x y w h` per
    ///     line, in `boxFormat`), or a COCO dataset JSON file.
    ///   - detections: a folder of text files (`class score x y w h` per line), a scored
    ///     dataset-shaped COCO file, or a COCO results list (then `groundTruth` must be COCO JSON).
    ///   - boxFormat: how text files write boxes.
    ///   - classNames: when text files write class ids: the names list they index.
    /// - Throws: `ImportError` naming the file and line or path of the first problem, and when a
    ///   detection names an image the ground truth does not have.
    public static func load(groundTruth: URL, detections: URL, boxFormat: DetectionTextBoxFormat = .xywh,
                            classNames: [String]? = nil) throws(ImportError) -> VOCEvaluationFiles {
        let truths = try readGroundTruth(groundTruth, boxFormat: boxFormat, classNames: classNames)
        var sizes: [String: (width: Int, height: Int)] = [:]
        for (name, size) in truths.sizes { sizes[name] = size }
        let found = try readDetections(detections, groundTruth: groundTruth, boxFormat: boxFormat,
                                       classNames: classNames, sizes: sizes)
        let imageNames = truths.images.sorted()
        let imageIndex = Dictionary(uniqueKeysWithValues: imageNames.enumerated().map { ($1, $0) })
        let names = Set(truths.objects.map(\.className)).union(found.map(\.object.className)).sorted()
        let classIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var inputs = [VOCClassInput](repeating: VOCClassInput(groundTruths: [], detections: []), count: names.count)
        for object in truths.objects {
            inputs[classIndex[object.className]!].groundTruths.append(
                VOCGroundTruth(imageIndex: imageIndex[object.image]!, box: object.box, isDifficult: object.isDifficult))
        }
        for (image, object, file) in found {
            guard let index = imageIndex[image] else {
                throw ImportError(file: file, message: "image '\(image)' has detections but no ground truth")
            }
            inputs[classIndex[object.className]!].detections.append(
                VOCDetection(imageIndex: index, score: object.score ?? 0, box: object.box))
        }
        return VOCEvaluationFiles(classNames: names, imageNames: imageNames, inputs: inputs)
    }

    private struct TruthObject {
        var image: String
        var className: String
        var box: BoundingBox
        var isDifficult: Bool
    }

    private static func stem(_ name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: ".") else { return last }
        return String(last[..<dot])
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }

    private static func containsXML(_ url: URL) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).contains { $0.hasSuffix(".xml") }
    }

    private static func readGroundTruth(_ url: URL, boxFormat: DetectionTextBoxFormat, classNames: [String]?)
        throws(ImportError) -> (images: [String], objects: [TruthObject], sizes: [(String, (width: Int, height: Int))]) {
        if isDirectory(url), !containsXML(url) {
            let files = try DetectionTextReader(boxFormat: boxFormat, hasScores: false, classNames: classNames).read(folder: url)
            let objects = files.flatMap { file in
                file.objects.map { TruthObject(image: file.imageName, className: $0.className, box: $0.box, isDifficult: false) }
            }
            return (files.map(\.imageName), objects, [])
        }
        let batch = isDirectory(url) ? try VOCImporter().read(contentsOf: url) : try COCOImporter().read(contentsOf: url)
        var objects: [TruthObject] = []
        for annotation in batch.annotations {
            guard case .box(let box) = annotation.geometry, let className = annotation.className else { continue }
            objects.append(TruthObject(image: stem(annotation.rowKey), className: className, box: box,
                                       isDifficult: annotation.attributes["difficult"] == .bool(true)))
        }
        let sizes = batch.rows.compactMap { row in
            row.width.flatMap { width in row.height.map { (stem(row.key), (width: width, height: $0)) } }
        }
        return (batch.rows.map { stem($0.key) }, objects, sizes)
    }

    private static func readDetections(_ url: URL, groundTruth: URL, boxFormat: DetectionTextBoxFormat, classNames: [String]?,
                                       sizes: [String: (width: Int, height: Int)])
        throws(ImportError) -> [(image: String, object: DetectionTextObject, file: String)] {
        if isDirectory(url) {
            let reader = DetectionTextReader(boxFormat: boxFormat, hasScores: true, classNames: classNames, imageSizes: sizes)
            return try reader.read(folder: url).flatMap { file in
                file.objects.map { (file.imageName, $0, url.appendingPathComponent(file.imageName + ".txt").path) }
            }
        }
        let data = try ImportFile.contents(of: url)
        let isList = data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "[")
        let batch: ImportBatch
        if isList {
            guard !isDirectory(groundTruth) else {
                throw ImportError(file: url.path, message: "a COCO results list refers to image and category ids, "
                    + "so the ground truth must be the COCO dataset file they come from")
            }
            batch = try COCOResultsImporter(mapping: COCOIDMapping(contentsOf: groundTruth)).parse(data, file: url.path)
        } else {
            batch = try COCOImporter().parse(data, file: url.path)
        }
        var result: [(String, DetectionTextObject, String)] = []
        for prediction in batch.predictions {
            guard case .box(let box) = prediction.geometry, let className = prediction.className else { continue }
            result.append((stem(prediction.rowKey), DetectionTextObject(className: className, score: prediction.score, box: box), url.path))
        }
        return result
    }
}
