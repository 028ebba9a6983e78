import Foundation
import LoupeCore

/// Parses the lines of one YOLO label file (`<stem>.txt`) for an image of known size.
///
/// Line forms (tokens separated by spaces or tabs; blank lines are skipped):
/// - `class cx cy w h` — a box, relative centre and size in `[0, 1]`: ground truth;
/// - `class cx cy w h conf` — the same with a confidence (Ultralytics `save_conf`): a prediction;
/// - `class x1 y1 x2 y2 x3 y3 …` (an odd token count of at least 7) — a segment of at least
///   three relative points: a `.polygon` in pixels, ground truth;
/// - `class x1 y1 … xn yn conf` (an even token count of at least 8) — a segment with a
///   confidence: a prediction.
struct YOLOLabelParser {
    /// The schema; `class` indexes it.
    let classNames: [String]
    /// Whether earlier lines of the import carried a confidence (`nil` before the first line).
    private(set) var scored: Bool?
    /// Where the first line that fixed `scored` was, for messages.
    private var firstLine: (file: String, line: Int)?
    private(set) var annotations: [AnnotationSpec] = []
    private(set) var predictions: [PredictionSpec] = []
    var warnings = ImportWarningCounter()

    init(classNames: [String]) {
        self.classNames = classNames
    }

    /// Adds the objects of one label file. `file` names it in messages.
    mutating func add(_ data: Data, file: String, rowKey: String, imageSize: ImageSize) throws(ImportError) {
        let bytes = [UInt8](data)
        var lineNumber = 0
        var lineStart = 0
        var tokens: [Range<Int>] = []
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            tokens.removeAll(keepingCapacity: true)
            var index = lineStart
            while index < lineEnd {
                while index < lineEnd, Self.isSpace(bytes[index]) { index += 1 }
                let start = index
                while index < lineEnd, !Self.isSpace(bytes[index]) { index += 1 }
                if index > start { tokens.append(start..<index) }
            }
            if !tokens.isEmpty {
                try addLine(bytes, tokens, file: file, line: lineNumber, rowKey: rowKey, imageSize: imageSize)
            }
            lineStart = lineEnd + 1
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    private mutating func addLine(_ bytes: [UInt8], _ tokens: [Range<Int>], file: String, line: Int, rowKey: String,
                                  imageSize: ImageSize) throws(ImportError) {
        func fail(_ message: String) -> ImportError { ImportError(file: file, location: .line(line), message: message) }
        func text(_ token: Int) -> String { String(decoding: bytes[tokens[token]], as: UTF8.self) }
        func number(_ token: Int) throws(ImportError) -> Double {
            guard let value = Double(text(token)) else { throw fail("token \(token + 1) '\(text(token))' is not a number") }
            guard value.isFinite else { throw fail("token \(token + 1) '\(text(token))' is not a finite number") }
            return value
        }
        let count = tokens.count
        guard count >= 5 else {
            throw fail("expected 5 tokens 'class cx cy w h' (6 with a confidence, or a segment 'class x1 y1 x2 y2 x3 y3 …'), "
                       + "found \(count)")
        }
        let className = try classIndex(text(0), fail: fail)
        let isSegment = count >= 7
        let hasConfidence = isSegment ? count % 2 == 0 : count == 6
        if let scored, scored != hasConfidence, let firstLine {
            throw fail((hasConfidence ? "has a confidence" : "has no confidence")
                       + ", but line \(firstLine.line) of \(firstLine.file) \(scored ? "has one" : "has none"): "
                       + "labels are either ground truth or predictions")
        }
        if scored == nil {
            scored = hasConfidence
            firstLine = (file, line)
        }
        let width = Double(imageSize.width), height = Double(imageSize.height)
        let geometry: Geometry
        if isSegment {
            let coordinates = hasConfidence ? count - 2 : count - 1
            var ring: [Double] = []
            ring.reserveCapacity(coordinates)
            for token in 1...coordinates {
                ring.append(try number(token) * (token % 2 == 1 ? width : height))
            }
            geometry = .polygon(Polygon(rings: [ring]))
        } else {
            let cx = try number(1), cy = try number(2), w = try number(3), h = try number(4)
            guard w >= 0 else { throw fail("token 4 '\(text(3))': the width must not be negative") }
            guard h >= 0 else { throw fail("token 5 '\(text(4))': the height must not be negative") }
            if w == 0 || h == 0 {
                warnings.add("boxes with zero width or height were kept", file: file, at: .line(line))
            }
            geometry = .box(BoundingBox(relativeCenterX: cx, centerY: cy, width: w, height: h,
                                        imageWidth: imageSize.width, imageHeight: imageSize.height))
        }
        if hasConfidence {
            let confidence = try number(count - 1)
            predictions.append(PredictionSpec(rowKey: rowKey, className: className, geometry: geometry, score: confidence))
        } else {
            annotations.append(AnnotationSpec(rowKey: rowKey, className: className, geometry: geometry))
        }
    }

    /// The class name for a class token: a whole number (`3`, or `3.0` as some tools write) indexing the names.
    private func classIndex(_ token: String, fail: (String) -> ImportError) throws(ImportError) -> String {
        let index: Int
        if let value = Int(token) {
            index = value
        } else if let value = Double(token), value.isFinite, value.rounded() == value, abs(value) < 1e9 {
            index = Int(value)
        } else {
            throw fail("token 1 '\(token)' is not a class index (a whole number from 0 to \(classNames.count - 1))")
        }
        guard classNames.indices.contains(index) else {
            throw fail("class index \(index) is out of range: the names file lists \(classNames.count) classes "
                       + "(0 to \(classNames.count - 1))")
        }
        return classNames[index]
    }

    /// Class names from a names file (`obj.names`, `classes.txt`): one per line, surrounding
    /// spaces trimmed, trailing blank lines ignored; a blank line before the last name or a
    /// repeated name is an error, since it would shift or merge class indices.
    static func classNames(from data: Data, file: String) throws(ImportError) -> [String] {
        var lines = String(decoding: data, as: UTF8.self)
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard !lines.isEmpty else { throw ImportError(file: file, message: "the names file lists no class") }
        var seen: [String: Int] = [:]
        for (index, name) in lines.enumerated() {
            guard !name.isEmpty else {
                throw ImportError(file: file, location: .line(index + 1),
                                  message: "blank line before the last class name (it would shift the class indices)")
            }
            if let first = seen[name] {
                throw ImportError(file: file, location: .line(index + 1),
                                  message: "class name '\(name)' is also on line \(first)")
            }
            seen[name] = index + 1
        }
        return lines
    }
}
