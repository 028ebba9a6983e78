import Foundation

/// Reading one line of a Loupe JSONL file, about ten times faster than `JSONDecoder` on the flat
/// shape the format uses.
///
/// It reads the known fields with their expected types straight from the bytes, skips unknown
/// fields, and reads `annotations` as a value tree. It accepts exactly RFC 8259 JSON (no
/// comments, no trailing commas, no `NaN`); a field given twice is refused. On failure it reports
/// the JSON path and what was expected (and the column, for malformed JSON).
extension JSONScanner {
    /// Parses one line (without its newline).
    static func parseJSONLRecord(_ line: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONLRecord {
        var parser = JSONScanner(bytes: line)
        return try parser.record()
    }

    // MARK: The line object

    private mutating func record() throws(Failure) -> JSONLRecord {
        var record = JSONLRecord()
        skipSpace()
        guard peek == UInt8(ascii: "{") else { throw typeMismatch("$", expected: "a JSON object") }
        index += 1
        skipSpace()
        if peek == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipSpace()
                let (field, name) = try fieldName()
                try colon()
                if let field {
                    guard record.present & field.bit == 0 else {
                        throw Failure(path: "$." + field.name, message: "the field '\(field.name)' is given twice")
                    }
                    record.present |= field.bit
                    try read(field, into: &record)
                } else {
                    record.otherFields.append(name ?? "")
                    try skipValue(path: "$." + (name ?? ""), depth: 1)
                }
                skipSpace()
                if peek == UInt8(ascii: ",") { index += 1; continue }
                if peek == UInt8(ascii: "}") { index += 1; break }
                throw syntax("$", index < bytes.count ? "expected ',' or '}' in the object" : "the line ends inside the object")
            }
        }
        skipSpace()
        guard index == bytes.count else { throw syntax("$", "unexpected text after the object") }
        return record
    }

    private mutating func read(_ field: JSONLField, into record: inout JSONLRecord) throws(Failure) {
        let path = "$." + field.name
        switch field {
        case .key: record.key = try optionalString(path)
        case .label: record.label = try optionalString(path)
        case .split: record.split = try optionalString(path)
        case .uri: record.uri = try optionalString(path)
        case .text: record.text = try optionalString(path)
        case .kind: record.kind = try optionalString(path)
        case .width: record.width = try optionalInteger(path)
        case .height: record.height = try optionalInteger(path)
        case .tags: record.tags = try optionalStrings(path)
        case .classes: record.classes = try optionalStrings(path)
        case .metadata: record.metadata = try metadata()
        case .score: record.score = try optionalNumber(path)
        case .probabilities: record.probabilities = try probabilities()
        case .annotations:
            let value = try value(path: path, depth: 1)
            if case .null = value { record.annotations = nil } else { record.annotations = value }
        }
    }

    /// A field name: a known field, or the name of another one.
    private mutating func fieldName() throws(Failure) -> (JSONLField?, String?) {
        guard peek == UInt8(ascii: "\"") else {
            throw syntax("$", index < bytes.count ? "expected a quoted field name" : "the line ends inside the object")
        }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            index = end + 1
            let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if let field = JSONLField.named(raw) { return (field, nil) }
            return (nil, String(decoding: raw, as: UTF8.self))
        }
        let name = try string(path: "$")
        return (JSONLField.allCases.first { $0.name == name }, name)
    }

    private mutating func metadata() throws(Failure) -> [String: MetadataValue]? {
        if try null() { return nil }
        guard peek == UInt8(ascii: "{") else { throw typeMismatch("$.metadata", expected: "an object") }
        index += 1
        var result: [String: MetadataValue] = [:]
        skipSpace()
        if peek == UInt8(ascii: "}") { index += 1; return result }
        result.reserveCapacity(8)
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else { throw syntax("$.metadata", "expected a quoted name") }
            let name = try string(path: "$.metadata")
            try colon()
            let path = "$.metadata." + name
            switch peek {
            case UInt8(ascii: "\""):
                let text = try string(path: path)
                result[name] = Self.mightBeDate(text) ? .parsingDates(text) : .string(text)
            case UInt8(ascii: "t"), UInt8(ascii: "f"):
                result[name] = .bool(try literalBool(path))
            case UInt8(ascii: "n"):
                try literal("null", path)
                result[name] = nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                throw Failure(path: path, message: Self.nestedMetadataMessage)
            default:
                result[name] = .number(try number(path))
            }
            skipSpace()
            if peek == UInt8(ascii: ",") { index += 1; continue }
            if peek == UInt8(ascii: "}") { index += 1; return result }
            throw syntax("$.metadata", index < bytes.count ? "expected ',' or '}' in the object" : "the line ends inside the object")
        }
    }

    /// The message for an object or array inside `metadata`.
    static let nestedMetadataMessage = "expected a scalar (string, number, boolean or ISO 8601 date): "
        + "nested objects and arrays are not supported in metadata"

    /// A cheap pre-check that spares `ISO8601.date` most non-date strings.
    static func mightBeDate(_ text: String) -> Bool {
        let count = text.utf8.count
        guard count == 10 || count >= 17, let first = text.utf8.first else { return false }
        return first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")
    }

    private mutating func probabilities() throws(Failure) -> JSONLProbabilities? {
        let path = "$.probabilities"
        if try null() { return nil }
        if peek == UInt8(ascii: "[") {
            var values: [Double] = []
            try elements(path) { (parser: inout JSONScanner, position: Int) throws(Failure) in
                values.append(try parser.number("\(path)[\(position)]"))
            }
            return .vector(values)
        }
        guard peek == UInt8(ascii: "{") else { throw typeMismatch(path, expected: "an object or an array of numbers") }
        index += 1
        var pairs: [(name: String, value: Double)] = []
        skipSpace()
        if peek == UInt8(ascii: "}") { index += 1; return .named(pairs) }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else { throw syntax(path, "expected a quoted class name") }
            let name = try string(path: path)
            try colon()
            pairs.append((name, try number(path + "." + name)))
            skipSpace()
            if peek == UInt8(ascii: ",") { index += 1; continue }
            if peek == UInt8(ascii: "}") { index += 1; return .named(pairs) }
            throw syntax(path, index < bytes.count ? "expected ',' or '}' in the object" : "the line ends inside the object")
        }
    }

}
