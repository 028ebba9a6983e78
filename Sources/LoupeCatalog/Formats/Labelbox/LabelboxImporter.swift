import Foundation

/// Reads Labelbox annotation and prediction payloads into an `ImportBatch`: the NDJSON import
/// format (one JSON object per line, as model-assisted labeling, label import and model-run
/// uploads use), the same objects as one JSON array, and the legacy v1 export
/// (`[{"DataRow ID": …, "External ID": …, "Label": {"objects": […], "classifications": […]}}]`,
/// or one such object).
///
/// Mapping of NDJSON records:
/// - row key: `dataRow.globalKey`, else `dataRow.id` (v1: `External ID`, else `DataRow ID`).
///   Rows are created with the key only (an image of unknown size), and only for records
///   that yield something;
/// - class: the feature's `name`, else its `schemaId` (v1: `title`, else `value`);
/// - `bbox {top, left, height, width}` → `.box(x: left, y: top, width, height)`;
///   `polygon [{x, y}…]` → `.polygon` (points as given, a repeated closing point kept);
///   `point {x, y}` → `.point`;
/// - a record with `confidence` is a prediction with that score, one without is ground truth;
///   `asPredictions` makes every record a prediction (score = `confidence` when present), which
///   is what a model-run upload means;
/// - radio `answer {name|schemaId, confidence?}` → one `.none` annotation of the answer's class
///   (or a prediction when the answer has a confidence), with the attribute `question`;
///   checklist `answer [...]` → one such annotation per chosen option; free-text
///   `answer "…"` → row metadata `{question: text}` (it has no class, so it cannot be an
///   annotation that metrics read; it is skipped with a warning under `asPredictions`);
/// - nested `classifications` of an object → attributes `{question: answer}` (checklist options
///   joined with ", ", free text as given, deeper nesting flattened); answer confidences and
///   `customMetrics` are not kept, and predictions carry no attributes (reported).
///
/// Skipped with a counted warning (the import goes on): masks (`instanceURI` cannot be fetched
/// offline), polylines, text and conversation entities, relationships, video frames and
/// segments, PDF annotations, unknown kinds, and custom metric records (`metricValue`: "custom
/// metrics import is not supported yet").
///
/// Errors name the file with the line and JSON path (`line 3, $.bbox.top`) for NDJSON, or the
/// JSON path (`$[2].bbox.top`) for a whole-file array.
public struct LabelboxImporter: Sendable {
    /// Import every object as a prediction of the run named in the import options, whether or
    /// not it has a `confidence` (for model-run uploads); default `false`.
    public var asPredictions: Bool

    /// An importer.
    public init(asPredictions: Bool = false) {
        self.asPredictions = asPredictions
    }

    /// Reads a `.ndjson` or `.json` file.
    /// - Throws: `ImportError` when the file cannot be read or holds bad input.
    public func read(contentsOf url: URL) throws(ImportError) -> ImportBatch {
        let data = try ImportFile.contents(of: url)
        return try parse(data, file: url.path)
    }

    /// Parses a file's bytes. A file that starts with `[` is one JSON array; one whose first line
    /// is a complete JSON object is NDJSON (blank lines skipped); otherwise the whole file is
    /// read as one JSON object (a v1 export row).
    /// - Throws: `ImportError` with the line and JSON path of the first bad record.
    /// - Complexity: O(n) in the file size.
    public func parse(_ data: Data, file: String) throws(ImportError) -> ImportBatch {
        var builder = LabelboxBatchBuilder(source: file, asPredictions: asPredictions)
        let bytes = [UInt8](data)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else { return builder.result }
        let body = Data(bytes[start...])
        switch bytes[start] {
        case UInt8(ascii: "["):
            let lines = try JSONDecoding.decode([LabelboxLine].self, from: body, file: file)
            for (index, line) in lines.enumerated() {
                try builder.add(line, at: .init(line: nil, base: "$[\(index)]"))
            }
        case UInt8(ascii: "{"):
            let lines = Self.lines(bytes)
            if let first = lines.first, JSONSyntax.firstError(in: first.bytes) == nil {
                let decoder = JSONDecoder()
                for line in lines {
                    let record = try JSONDecoding.decodeLine(LabelboxLine.self, from: Data(line.bytes), file: file,
                                                             line: line.number, decoder: decoder)
                    try builder.add(record, at: .init(line: line.number, base: "$"))
                }
            } else {
                let record = try JSONDecoding.decode(LabelboxLine.self, from: body, file: file)
                try builder.add(record, at: .init(line: nil, base: "$"))
            }
        default:
            let line = bytes[..<start].filter { $0 == 0x0A }.count + 1
            throw ImportError(file: file, location: .line(line),
                              message: "expected a JSON object per line (NDJSON) or a JSON array")
        }
        return builder.result
    }

    /// The non-blank lines of an NDJSON file with their 1-based numbers (`\r\n` accepted).
    static func lines(_ bytes: [UInt8]) -> [(number: Int, bytes: ArraySlice<UInt8>)] {
        var result: [(number: Int, bytes: ArraySlice<UInt8>)] = []
        var number = 1
        var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func emit(_ end: Int) {
            var slice = bytes[lineStart..<end]
            if slice.last == 0x0D { slice = slice.dropLast() }
            if slice.contains(where: { ![0x20, 0x09].contains($0) }) { result.append((number, slice)) }
        }
        for index in bytes.indices where bytes[index] == 0x0A {
            emit(index)
            lineStart = index + 1
            number += 1
        }
        if lineStart < bytes.count { emit(bytes.count) }
        return result
    }
}
