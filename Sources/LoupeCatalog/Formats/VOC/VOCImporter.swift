import Foundation
import LoupeCore

/// Reads Pascal VOC XML annotation files (one `<annotation>` per image) into an `ImportBatch`.
///
/// Mapping:
/// - one row per `<filename>`, keyed by the file name exactly as the XML gives it (so labels
///   from COCO or YOLO files of the same images meet on one row); `uri` is that name, relative
///   to the dataset's asset root; `width` and `height` come from `<size>` (a `0` size, which
///   some tools write, is treated as unknown and reported);
/// - each `<object>` becomes a `.box` annotation of class `<name>`;
/// - `<difficult>` becomes the attribute `difficult` (a boolean), `<truncated>` and
///   `<occluded>` become `truncated` and `occluded` (booleans for `0`/`1`, numbers otherwise),
///   `<pose>` becomes `pose` (text, as given, including VOC's `Unspecified`), and CVAT's
///   `<attributes><attribute><name>…<value>…` pairs are added under their names.
///
/// Pixel convention: VOC corners are 1-based and inclusive (`xmin = 1` is the first pixel
/// column). Loupe keeps the numbers as given, `x = xmin`, `y = ymin`, `width = xmax - xmin`,
/// `height = ymax - ymin`, which is how the COCO and YOLO exports of the same labels
/// (CVAT, the review_object_detection_metrics `voc100` set) state them, so boxes from all those
/// formats are identical. VOC's own "+1" areas are an evaluation option, not a property of the box.
///
/// Classes come in first-seen order (files in name order, objects in document order), or
/// exactly from `classNames` when given. Errors name the XML file and the element path, with
/// `object[n]` counted from 1 as in XPath (`annotation/object[3]/bndbox/xmin`); malformed XML
/// is reported at the parser's line.
public struct VOCImporter: Sendable {
    /// The schema's classes in order. When set, the batch declares exactly these classes and an
    /// object of any other class is an error; when `nil`, classes are taken in first-seen order.
    public var classNames: [String]?

    /// An importer, optionally with a fixed class list.
    public init(classNames: [String]? = nil) {
        self.classNames = classNames
    }

    /// Reads one `.xml` file, or every `.xml` file directly inside a folder (hidden files
    /// skipped, in file-name order).
    /// - Throws: `ImportError` when the path cannot be read, a folder holds no `.xml` file, or a
    ///   file is malformed.
    /// - Complexity: O(n) in the total size of the files.
    public func read(contentsOf url: URL) throws(ImportError) -> ImportBatch {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError(file: path, message: "no such file or folder")
        }
        var files = [url]
        if isDirectory.boolValue {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw ImportError(file: path, message: "cannot list the folder: \(error.localizedDescription)")
            }
            files = names.filter { !$0.hasPrefix(".") && $0.lowercased().hasSuffix(".xml") }
                .sorted()
                .map { url.appendingPathComponent($0) }
            guard !files.isEmpty else { throw ImportError(file: path, message: "the folder holds no .xml files") }
        }
        var builder = VOCBatchBuilder(source: path, classNames: classNames)
        for file in files {
            let data = try ImportFile.contents(of: file)
            try builder.add(data, file: file.path)
        }
        var batch = builder.batch
        batch.statesCompleteGroundTruth = true
        return batch
    }

    /// Parses VOC documents already in memory, in the order given; `file` of each names it in
    /// messages, `source` names the batch.
    /// - Throws: `ImportError` for the first malformed document.
    public func parse(_ documents: [(file: String, data: Data)], source: String) throws(ImportError) -> ImportBatch {
        var builder = VOCBatchBuilder(source: source, classNames: classNames)
        for document in documents { try builder.add(document.data, file: document.file) }
        var batch = builder.batch
        batch.statesCompleteGroundTruth = true
        return batch
    }

    /// Parses one VOC document.
    /// - Throws: `ImportError` when it is malformed.
    public func parse(_ data: Data, file: String) throws(ImportError) -> ImportBatch {
        try parse([(file: file, data: data)], source: file)
    }
}

/// Accumulates parsed VOC documents into one batch: rows unique by key, classes in order.
struct VOCBatchBuilder {
    private(set) var batch: ImportBatch
    private let fixedClasses: Set<String>?
    private var seenClasses: Set<String> = []
    private var rowIndexByKey: [String: Int] = [:]
    private var warnings = ImportWarningCounter()

    init(source: String, classNames: [String]?) {
        batch = ImportBatch(source: source)
        if let classNames {
            var unique: [String] = []
            for name in classNames where !unique.contains(name) { unique.append(name) }
            batch.classes = unique.map { ClassSpec(name: $0) }
            fixedClasses = Set(unique)
        } else {
            fixedClasses = nil
        }
    }

    /// Parses one document and adds its row, classes and boxes.
    mutating func add(_ data: Data, file: String) throws(ImportError) {
        let root = try XMLTreeElement.parse(data, file: file)
        let document = try VOCDocument(root: root, file: file)
        for (message, location) in document.warnings { warnings.add(message, file: file, at: location) }
        if rowIndexByKey[document.fileName] == nil {
            rowIndexByKey[document.fileName] = batch.rows.count
            batch.rows.append(DataRow(key: document.fileName, uri: document.fileName, kind: .image,
                                      width: document.width, height: document.height))
        } else {
            warnings.add("an image named in an earlier file; its objects are added to the same row",
                         file: file, at: .element("annotation/filename"))
        }
        for object in document.objects {
            if let fixedClasses {
                guard fixedClasses.contains(object.className) else {
                    throw ImportError(file: file, location: .element(object.path + "/name"),
                                      message: "class '\(object.className)' is not in the given class list")
                }
            } else if seenClasses.insert(object.className).inserted {
                batch.classes.append(ClassSpec(name: object.className))
            }
            batch.annotations.append(AnnotationSpec(rowKey: document.fileName, className: object.className,
                                                    geometry: .box(object.box), attributes: object.attributes))
        }
        batch.warnings = warnings.warnings
    }
}
