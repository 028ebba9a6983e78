import Foundation
import LoupeCore

/// Turns the records of an Open Images box CSV into a batch (see `OpenImagesImporter`).
struct OpenImagesRecordReader {
    static let required = ["ImageID", "LabelName", "XMin", "XMax", "YMin", "YMax"]
    static let optional = ["Source", "Confidence", "IsOccluded", "IsTruncated", "IsGroupOf", "IsDepiction", "IsInside"]
    /// Flag columns and the attribute each becomes.
    static let flagAttributes = [("IsOccluded", "occluded"), ("IsTruncated", "truncated"),
                                 ("IsDepiction", "depiction"), ("IsInside", "inside")]

    let file: String
    private let columns: [String: Int]
    private let importer: OpenImagesImporter
    private var sizes: OpenImagesImageSizes
    private var batch: ImportBatch
    private var seenClasses: Set<String> = []
    private var rowKeys: Set<String> = []
    /// The first record's line and whether it had a confidence: one file is one or the other.
    private var firstKind: (line: Int, scored: Bool)?
    private var warnings = ImportWarningCounter()

    /// A reader for a file with `header`.
    /// - Throws: `ImportError` at line 1 for an unnamed, repeated or missing required column.
    init(file: String, header: [String], importer: OpenImagesImporter) throws(ImportError) {
        self.file = file
        self.importer = importer
        sizes = OpenImagesImageSizes(directory: importer.imagesDirectory, given: importer.imageSizes)
        batch = ImportBatch(source: file)
        var columns: [String: Int] = [:]
        var ignored: [String] = []
        for (index, name) in header.enumerated() {
            guard !name.isEmpty else { throw ImportError(file: file, location: .line(1), message: "column \(index + 1) has no name") }
            guard columns.updateValue(index, forKey: name) == nil else {
                throw ImportError(file: file, location: .line(1), message: "column '\(name)' appears twice")
            }
            if !Self.required.contains(name), !Self.optional.contains(name) { ignored.append(name) }
        }
        for name in Self.required where columns[name] == nil {
            throw ImportError(file: file, location: .line(1), message: "no '\(name)' column; the columns are "
                              + header.map { "'\($0)'" }.joined(separator: ", "))
        }
        if !ignored.isEmpty {
            warnings.add("columns " + ignored.map { "'\($0)'" }.joined(separator: ", ") + " are not read; ignored",
                         file: file, at: .line(1))
        }
        self.columns = columns
    }

    /// Reads every record.
    /// - Throws: `ImportError` naming the line and column of the first bad cell.
    mutating func read(_ records: [CSVTable.Record]) throws(ImportError) -> ImportBatch {
        for record in records { try add(record) }
        batch.warnings = warnings.warnings
        batch.statesCompleteGroundTruth = batch.predictions.isEmpty
        return batch
    }

    private mutating func add(_ record: CSVTable.Record) throws(ImportError) {
        let imageID = record.fields[columns["ImageID"]!]
        guard !imageID.isEmpty else { throw error(record, "ImageID", "the image ID is empty") }
        let label = record.fields[columns["LabelName"]!]
        guard !label.isEmpty else { throw error(record, "LabelName", "the label is empty") }
        let className: String
        if importer.classDescriptions.isEmpty {
            className = label
        } else {
            guard let name = importer.classDescriptions[label] else {
                throw error(record, "LabelName", "'\(label)' is not in the class descriptions")
            }
            className = name
        }
        var score: Double?
        if !importer.ignoresConfidence, let text = cell(record, "Confidence") {
            score = try number(record, "Confidence", text)
        }
        if let firstKind, firstKind.scored != (score != nil) {
            throw error(record, "Confidence", score == nil
                        ? "empty, while line \(firstKind.line) has a confidence: a file holds either predictions or ground truth"
                        : "a confidence, while line \(firstKind.line) has none: a file holds either predictions or ground truth")
        }
        if firstKind == nil { firstKind = (record.line, score != nil) }

        let xMin = try coordinate(record, "XMin"), xMax = try coordinate(record, "XMax")
        let yMin = try coordinate(record, "YMin"), yMax = try coordinate(record, "YMax")
        guard xMax >= xMin else { throw error(record, "XMax", "\(xMax) is less than XMin (\(xMin))") }
        guard yMax >= yMin else { throw error(record, "YMax", "\(yMax) is less than YMin (\(yMin))") }

        let image: (key: String, size: ImageSize)
        switch sizes.lookup(imageID) {
        case .success(let found?): image = found
        case .success(nil):
            throw error(record, "ImageID", "no size for image '\(imageID)': " + sizes.describeMiss(imageID))
        case .failure(let failure):
            throw error(record, "ImageID", "cannot read the size of image '\(imageID)': \(failure)")
        }
        if rowKeys.insert(image.key).inserted {
            batch.rows.append(DataRow(key: image.key, uri: image.key, kind: .image,
                                      width: image.size.width, height: image.size.height))
        }
        if seenClasses.insert(className).inserted { batch.classes.append(ClassSpec(name: className)) }
        let width = Double(image.size.width), height = Double(image.size.height)
        let box = BoundingBox(x1: xMin * width, y1: yMin * height, x2: xMax * width, y2: yMax * height)
        if let score {
            batch.predictions.append(PredictionSpec(rowKey: image.key, className: className, geometry: .box(box), score: score))
            return
        }
        var attributes: [String: MetadataValue] = [:]
        for (column, attribute) in Self.flagAttributes {
            if let flag = try flag(record, column) { attributes[attribute] = .bool(flag) }
        }
        if let source = cell(record, "Source") { attributes["source"] = .string(source) }
        batch.annotations.append(AnnotationSpec(rowKey: image.key, className: className, geometry: .box(box),
                                                isCrowd: try flag(record, "IsGroupOf") ?? false, attributes: attributes))
    }

    // MARK: Cells

    /// The cell of a named column, `nil` when the column is missing or the cell empty.
    private func cell(_ record: CSVTable.Record, _ name: String) -> String? {
        guard let column = columns[name] else { return nil }
        let text = record.fields[column]
        return text.isEmpty ? nil : text
    }

    /// A relative coordinate in `[0, 1]`.
    private func coordinate(_ record: CSVTable.Record, _ column: String) throws(ImportError) -> Double {
        guard let text = cell(record, column) else { throw error(record, column, "the coordinate is empty") }
        let value = try number(record, column, text)
        guard value >= 0, value <= 1 else {
            throw error(record, column, "expected a relative coordinate in [0, 1], found '\(text)'")
        }
        return value
    }

    /// A decimal number with `.` or a single `,` as the decimal separator.
    private func number(_ record: CSVTable.Record, _ column: String, _ text: String) throws(ImportError) -> Double {
        guard let value = Self.decimal(text) else { throw error(record, column, "expected a number, found '\(text)'") }
        return value
    }

    /// `0`/`1`/`true`/`false`, `nil` for an empty cell or `-1` (unknown).
    private func flag(_ record: CSVTable.Record, _ column: String) throws(ImportError) -> Bool? {
        guard let text = cell(record, column) else { return nil }
        switch text.lowercased() {
        case "1", "true": return true
        case "0", "false": return false
        case "-1": return nil
        default: throw error(record, column, "expected 0, 1 or -1, found '\(text)'")
        }
    }

    /// `text` as a finite decimal number, accepting a single `,` in place of the decimal point.
    static func decimal(_ text: String) -> Double? {
        let commas = text.utf8.lazy.filter { $0 == UInt8(ascii: ",") }.count
        guard commas <= 1 else { return nil }
        if commas == 1 {
            guard !text.contains(".") else { return nil }
            return CSVColumnType.parseNumber(text.replacingOccurrences(of: ",", with: "."))
        }
        return CSVColumnType.parseNumber(text)
    }

    private func error(_ record: CSVTable.Record, _ column: String, _ message: String) -> ImportError {
        ImportError(file: file, location: .line(record.line), message: "column '\(column)': \(message)")
    }
}
