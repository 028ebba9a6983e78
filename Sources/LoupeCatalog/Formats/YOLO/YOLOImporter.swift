import Foundation
import LoupeCore

/// Reads a YOLO (darknet / Ultralytics) labeled image folder into an `ImportBatch`: a labels
/// folder of `<stem>.txt` files, an images folder, and the class names.
///
/// Mapping:
/// - **rows**: every image directly inside the images folder (extensions `.jpg`, `.jpeg`,
///   `.png`, `.bmp`, `.gif`, `.webp` in any case, the containers `ImageSize` reads; hidden
///   files skipped), in file name order, keyed by the image's file name (`000000000009.jpg`)
///   with that name as `uri`; the size is read from the image header (`ImageSize`). Images
///   without a label file are rows without annotations (background images).
/// - **labels**: `<stem>.txt` belongs to the image with the same stem; each line is parsed as
///   described by the label forms below and converted to pixels with the image's size.
///   Lines with a confidence become predictions, lines without ground truth; one import must
///   not mix the two.
/// - **classes**: the names, in order; a line's class index selects one.
///
/// Label forms: `class cx cy w h` (a box, relative centre and size), `class cx cy w h conf`
/// (a scored box), `class x1 y1 x2 y2 x3 y3 …` (a segment: an odd token count of at least 7,
/// relative points, imported as a `.polygon` in pixels), and a segment followed by `conf`.
///
/// Errors name the file and the line: a wrong token count, a token that is not a number
/// (`line 3: token 2 'abc' is not a number`), a class index out of range, a negative or
/// non-finite size. A label file whose image is missing is an error unless `skipMissingImages`
/// (then it is skipped and counted in one warning); a `classes.txt` without an image of that
/// name is taken for a names file and skipped. Zero-size boxes are kept and counted in one warning.
public struct YOLOImporter: Sendable {
    /// The image extensions looked for, lower-cased.
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "bmp", "gif", "webp"]

    /// The class names; a label's class index selects one.
    public var classNames: [String]
    /// Skip label files that have no image (with a warning) instead of failing.
    public var skipMissingImages: Bool

    /// An importer for the given class names.
    public init(classNames: [String], skipMissingImages: Bool = false) {
        self.classNames = classNames
        self.skipMissingImages = skipMissingImages
    }

    /// Class names from a names file (`obj.names`, `classes.txt`): one per line, surrounding
    /// spaces trimmed, trailing blank lines ignored.
    /// - Throws: `ImportError` with the line of a blank line before the last name or a repeated name.
    public static func classNames(contentsOf url: URL) throws(ImportError) -> [String] {
        try classNames(from: ImportFile.contents(of: url), file: url.path)
    }

    /// Class names from names-file text in memory; `file` names it in messages.
    /// - Throws: `ImportError` as `classNames(contentsOf:)`.
    public static func classNames(from data: Data, file: String) throws(ImportError) -> [String] {
        try YOLOLabelParser.classNames(from: data, file: file)
    }

    /// Reads every label file directly inside `labels` against the images directly inside `images`.
    /// - Throws: `ImportError` naming the file (and line) of the first problem.
    /// - Complexity: O(n) in the size of the label files, plus one small header read per image.
    public func read(labels: URL, images: URL) throws(ImportError) -> ImportBatch {
        let imageFiles = try Self.listing(images) { Self.imageExtensions.contains(Self.pathExtension($0)) }
        let labelFiles = try Self.listing(labels) { Self.pathExtension($0) == "txt" }
        var imagesByStem: [String: [String]] = [:]
        for name in imageFiles { imagesByStem[Self.stem(name), default: []].append(name) }

        var batch = ImportBatch(source: labels.path, classes: classNames.map { ClassSpec(name: $0) })
        var sizes: [String: ImageSize] = [:]
        sizes.reserveCapacity(imageFiles.count)
        batch.rows.reserveCapacity(imageFiles.count)
        for name in imageFiles {
            let size = try ImageSize.read(contentsOf: images.appendingPathComponent(name))
            sizes[name] = size
            batch.rows.append(DataRow(key: name, uri: name, kind: .image, width: size.width, height: size.height))
        }

        var parser = YOLOLabelParser(classNames: classNames)
        for labelName in labelFiles {
            let labelURL = labels.appendingPathComponent(labelName)
            let candidates = imagesByStem[Self.stem(labelName)] ?? []
            // labelImg and Label Studio put the names in the labels folder as classes.txt.
            if candidates.isEmpty, labelName == "classes.txt" { continue }
            guard candidates.count <= 1 else {
                throw ImportError(file: labelURL.path, message: "several images have this label's name: "
                                  + candidates.joined(separator: ", ") + " in \(images.path)")
            }
            guard let imageName = candidates.first, let size = sizes[imageName] else {
                guard skipMissingImages else {
                    throw ImportError(file: labelURL.path, message: "no image named '\(Self.stem(labelName)).<jpg|jpeg|png|…>' "
                                      + "in \(images.path)")
                }
                parser.warnings.add("label files without an image were skipped", file: labels.path,
                                    at: nil)
                continue
            }
            try parser.add(ImportFile.contents(of: labelURL), file: labelURL.path, rowKey: imageName, imageSize: size)
        }
        batch.annotations = parser.annotations
        batch.predictions = parser.predictions
        batch.warnings = parser.warnings.warnings
        batch.statesCompleteGroundTruth = batch.predictions.isEmpty
        return batch
    }

    /// Parses the text of one label file for the image `rowKey` of size `imageSize`; the batch
    /// holds the classes and the file's annotations or predictions, and no rows.
    /// - Throws: `ImportError` naming `file` and the line of the first bad line.
    /// - Complexity: O(n) in the text's length.
    public func parseLabels(_ data: Data, file: String, rowKey: String, imageSize: ImageSize) throws(ImportError) -> ImportBatch {
        var parser = YOLOLabelParser(classNames: classNames)
        try parser.add(data, file: file, rowKey: rowKey, imageSize: imageSize)
        return ImportBatch(source: file, classes: classNames.map { ClassSpec(name: $0) }, annotations: parser.annotations,
                           predictions: parser.predictions, warnings: parser.warnings.warnings)
    }

    /// Non-hidden regular files directly inside `folder` whose name passes `include`, sorted.
    private static func listing(_ folder: URL, include: (String) -> Bool) throws(ImportError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ImportError(file: folder.path, message: "no such folder")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw ImportError(file: folder.path, message: "cannot list the folder: \(error.localizedDescription)")
        }
        return names.filter { !$0.hasPrefix(".") && include($0) }.sorted()
    }

    /// The lower-cased extension after the last dot, or "" when there is none.
    static func pathExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// The name without its last extension.
    static func stem(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
