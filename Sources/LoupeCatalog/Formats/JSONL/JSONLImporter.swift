import Foundation
import LoupeCore

/// Reads JSON Lines for classification: one JSON object a line, rows with their class label
/// and metadata, or (in predictions mode) a model's class and class probabilities per row.
///
/// Ground-truth lines (`mode: .groundTruth`), every field but `key` optional:
/// ```
/// {"key": "a.jpg", "label": "cat", "split": "train", "uri": "imgs/a.jpg", "width": 640, "height": 480,
///  "tags": ["night"], "metadata": {"camera": "x100", "iso": 400, "night": true, "taken": "2024-05-01"}}
/// {"key": "sms-1", "label": "ham", "text": "Ok lar..."}
/// ```
/// - one row per line; a line without `label` is an unlabeled row; `label` becomes a
///   whole-row (`.none` geometry) annotation of that class;
/// - `kind` is `"image"` or `"text"`; when absent it is `.text` if `text` is present, else `.image`;
/// - `metadata` values are scalars: strings (complete ISO 8601 dates become dates, see
///   `MetadataValue`), finite numbers, booleans; `null` means absent; a nested object or array is
///   an error at `$.metadata.NAME` (it is not flattened);
/// - `annotations`, as `JSONLExporter` writes it, adds annotations with a shape: an array of
///   `{"class": …, "box": [x, y, w, h] | "polygon": [[x, y, …], …] | "mask": {"size": [h, w],
///   "counts": "…" | [n, …]} | "point": [x, y], "iscrowd": …, "area": …, "attributes": {…}}`
///   (every member optional; no shape means a whole-row classification).
///
/// Prediction lines (`mode: .predictions`) name a row already in the dataset (no rows are made):
/// ```
/// {"key": "a.jpg", "label": "dog", "score": 0.9}
/// {"key": "b.jpg", "probabilities": {"cat": 0.1, "dog": 0.9}}
/// {"key": "c.jpg", "probabilities": [0.1, 0.9]}
/// ```
/// The order of array probabilities comes from the `probabilityClasses` option or from a header
/// line `{"classes": ["cat", "dog"]}` as the file's first line (when both are given they must be
/// equal). Object probabilities must name every class of the list; without a list, the first
/// object's names, in the order written, become it. The label defaults to the argmax and the
/// score to the label's probability. Probabilities must be finite, in `[0, 1]`, and sum to 1
/// within 1e-3; argmax ties go to the lowest class index; a line without probabilities needs a label.
///
/// A header line is also allowed in ground-truth mode: it declares the classes in schema order
/// (classes without labels are kept), and a label outside it is an error. Without it, classes
/// come in first-seen order.
///
/// Blank lines are skipped; `\r\n` endings and a UTF-8 byte order mark are accepted. Unknown
/// fields, and fields the mode does not read, are ignored with a counted warning. Errors name
/// the file, the 1-based line and the JSON path (`line 7, $.metadata.camera`): malformed or
/// truncated JSON, a missing or duplicate `key` (naming the earlier line), wrong types, bad
/// probabilities.
///
/// Speed: the file is read as one buffer, lines are found with a byte scan, and a dedicated byte
/// parser reads them, ground-truth files in parallel chunks of at least 4 MiB (the result and
/// the first error reported are the same as reading line by line). About 2 s for a million lines
/// with five metadata fields on two cores. `JSONDecoder` only words syntax errors.
public struct JSONLImporter: Sendable {
    /// What the lines hold.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// Rows, their metadata and class labels.
        case groundTruth
        /// A model's predictions on existing rows.
        case predictions
    }

    /// What the lines hold; default `.groundTruth`.
    public var mode: Mode
    /// In predictions mode, the class order of probability arrays (see the type's documentation).
    public var probabilityClasses: [String]?

    /// An importer for `mode`.
    public init(mode: Mode = .groundTruth, probabilityClasses: [String]? = nil) {
        self.mode = mode
        self.probabilityClasses = probabilityClasses
    }

    /// Reads a `.jsonl` file.
    /// - Throws: `ImportError` when the file cannot be read or holds bad input.
    /// - Complexity: O(n) in the file size.
    public func read(contentsOf url: URL) throws(ImportError) -> ImportBatch {
        let data = try ImportFile.contents(of: url)
        return try parse(data, file: url.path)
    }

    /// Parses a file's bytes; `file` names it in the batch and in errors.
    /// - Throws: `ImportError` for the first bad line.
    /// - Complexity: O(n) in the file size.
    public func parse(_ data: Data, file: String) throws(ImportError) -> ImportBatch {
        let outcome: Result<ImportBatch, ImportError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            do throws(ImportError) {
                return .success(try parse(bytes, file: file))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(ImportError) -> ImportBatch {
        var classList = mode == .predictions ? probabilityClasses : nil
        var body = bytes
        var firstLine = 1
        // A header line is read first, so that every chunk knows the class list.
        var headerReader: JSONLChunkReader?
        Self.forEachLine(bytes) { line, number in
            var reader = JSONLChunkReader(file: file, mode: mode, classList: classList, headerAllowed: true, expectedLines: 0)
            if let record = try? Self.record(line, number: number, file: file), record.has(.classes) {
                _ = reader.add(line, number: number)
                var end = bytes.baseAddress!.distance(to: line.baseAddress! + line.count)
                // Skip the line's terminator, "\n" or "\r\n", so the body starts on the next line.
                if end < bytes.count, bytes[end] == UInt8(ascii: "\r") { end += 1 }
                body = UnsafeBufferPointer(rebasing: bytes[min(bytes.count, end + 1)...])
                firstLine = number + 1
                headerReader = reader
            }
            return false
        }
        var builder = JSONLBatchBuilder(file: file, mode: mode, expectedLines: Self.estimatedLines(bytes))
        if let headerReader {
            try builder.add(headerReader)
            classList = headerReader.classList
        }
        // Predictions may set the class list on any line, so they are read in one piece.
        let pieces = mode == .groundTruth ? Self.chunks(of: body, firstLine: firstLine) : [(body, firstLine)]
        let headerAllowed = headerReader == nil
        let chunkClassList = classList
        var readers = ConcurrentMap.map(count: pieces.count) { index -> JSONLChunkReader? in
            let (piece, first) = pieces[index]
            var reader = JSONLChunkReader(file: file, mode: mode, classList: chunkClassList,
                                          headerAllowed: headerAllowed && index == 0,
                                          expectedLines: Self.estimatedLines(piece))
            Self.forEachLine(piece, firstNumber: first) { line, number in reader.add(line, number: number) }
            return reader
        }
        for index in readers.indices {
            // Taken out of the array, so that each chunk's storage is freed once it is joined.
            if let reader = readers[index].take() { try builder.add(reader) }
        }
        return builder.result
    }

    /// One line parsed. Malformed JSON is reported as `JSONDecoding.decodeLine` words it (line and
    /// column, like the other JSON importers); wrong shapes with the parser's JSON path.
    static func record(_ line: UnsafeBufferPointer<UInt8>, number: Int, file: String) throws(ImportError) -> JSONLRecord {
        do throws(JSONScanner.Failure) {
            return try JSONScanner.parseJSONLRecord(line)
        } catch {
            throw importError(error, line: line, number: number, file: file)
        }
    }

    /// A scanner failure on one line as an import error: malformed JSON worded as
    /// `JSONDecoding.decodeLine` words it (line and column), a wrong shape with its JSON path.
    static func importError(_ failure: JSONScanner.Failure, line: UnsafeBufferPointer<UInt8>, number: Int, file: String) -> ImportError {
        if failure.isSyntax {
            do {
                _ = try JSONDecoding.decodeLine(AnyJSON.self, from: Data(buffer: line), file: file, line: number)
            } catch let decoded where decoded.location == .line(number) {
                return decoded
            } catch {}
        }
        return ImportError(file: file, location: .lineAndPath(number, failure.path), message: failure.message)
    }

    /// Any JSON value: decoding it fails only on malformed JSON.
    private struct AnyJSON: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    /// The file cut at line ends into pieces of at least 4 MiB, about four per processor, each
    /// with the number of its first line.
    static func chunks(of bytes: UnsafeBufferPointer<UInt8>, firstLine: Int) -> [(UnsafeBufferPointer<UInt8>, Int)] {
        let target = max(4 << 20, bytes.count / max(1, 4 * ProcessInfo.processInfo.activeProcessorCount))
        guard let base = bytes.baseAddress, bytes.count > target else { return [(bytes, firstLine)] }
        var bounds: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            var end = min(bytes.count, start + target)
            if end < bytes.count, let found = memchr(base + end, 0x0A, bytes.count - end) {
                end = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            } else {
                end = bytes.count
            }
            bounds.append(start..<end)
            start = end
        }
        // Count each piece's newlines in parallel to number its first line.
        let newlines = ConcurrentMap.map(count: bounds.count) { index in
            var count = 0
            for byte in UnsafeBufferPointer(rebasing: bytes[bounds[index]]) where byte == 0x0A { count += 1 }
            return count
        }
        var line = firstLine
        var result: [(UnsafeBufferPointer<UInt8>, Int)] = []
        for (index, range) in bounds.enumerated() {
            result.append((UnsafeBufferPointer(rebasing: bytes[range]), line))
            line += newlines[index]
        }
        return result
    }

    /// Calls `body` with each non-blank line (without `\n` or `\r\n`) and its 1-based number
    /// (counting from `firstNumber`), until it returns `false`. A UTF-8 byte order mark at the
    /// start of the file is skipped.
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, firstNumber: Int = 1,
                            _ body: (UnsafeBufferPointer<UInt8>, Int) -> Bool) {
        guard let base = bytes.baseAddress else { return }
        var start = firstNumber == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = firstNumber
        while start < bytes.count {
            let end: Int
            if let found = memchr(base + start, 0x0A, bytes.count - start) {
                end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            } else {
                end = bytes.count
            }
            var last = end
            if last > start, base[last - 1] == 0x0D { last -= 1 }
            var blank = true
            for index in start..<last where base[index] != 0x20 && base[index] != 0x09 {
                blank = false
                break
            }
            if !blank, !body(UnsafeBufferPointer(start: base + start, count: last - start), number) { return }
            start = end + 1
            number += 1
        }
    }

    /// A guess at the line count from the first 64 KiB, to reserve storage once.
    private static func estimatedLines(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let sample = min(bytes.count, 1 << 16)
        guard sample > 0 else { return 0 }
        let newlines = UnsafeBufferPointer(rebasing: bytes[0..<sample]).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return min(bytes.count / max(1, sample / max(1, newlines)) + 16, 50_000_000)
    }
}
