import Foundation

/// How row metadata is stored by every store: one JSON object per row (`{"iso": 800, "night":
/// true, "taken": "2024-05-01T12:00:00Z"}`, keys sorted when written; a store's merge may append
/// new keys, and readers get a dictionary, so key order carries no meaning), with each field's kind declared once per
/// dataset. A field has one kind in a dataset, as a column has one type, so that filters and
/// sorts on it compare like with like; dates are ISO 8601 strings in UTC, which sort as instants.
public enum MetadataJSON {
    /// The JSON object text for `metadata`, keys sorted.
    /// - Complexity: O(n) in the total length of names and values; no Foundation encoder, since
    ///   imports write millions of these.
    public static func encode(_ metadata: [String: MetadataValue]) -> String {
        guard !metadata.isEmpty else { return "{}" }
        var text = "{"
        for (index, name) in metadata.keys.sorted().enumerated() {
            if index > 0 { text += "," }
            appendString(name, to: &text)
            text += ":"
            switch metadata[name]! {
            case .string(let value): appendString(value, to: &text)
            case .number(let value): text += GeometryColumns.number(value)
            case .bool(let value): text += value ? "true" : "false"
            case .date(let value): appendString(ISO8601.string(from: value), to: &text)
            }
        }
        return text + "}"
    }

    /// Reads a stored metadata object back into typed values, using each field's declared kind.
    /// - Throws: `StoreError.invalid` when the text is not a JSON object or a value does not
    ///   have its field's kind (a store that keeps its constraints never holds such a row).
    public static func decode(_ json: String, kinds: [String: String]) throws -> [String: MetadataValue] {
        guard json != "{}" else { return [:] }
        if let members = scanFlatObject(json), let values = typed(members, kinds: kinds) { return values }
        return try decodeWithFoundation(json, kinds: kinds)
    }

    /// `decode` through `JSONSerialization`: for text the scanner does not take, and the reference
    /// the scanner is tested against.
    static func decodeWithFoundation(_ json: String, kinds: [String: String]) throws -> [String: MetadataValue] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw StoreError.invalid("row metadata is not a JSON object")
        }
        var values: [String: MetadataValue] = [:]
        for (name, raw) in object {
            switch (kinds[name], raw) {
            case ("number", let number as NSNumber): values[name] = .number(number.doubleValue)
            case ("bool", let number as NSNumber): values[name] = .bool(number.boolValue)
            case ("bool", let flag as Bool): values[name] = .bool(flag)
            case ("string", let text as String): values[name] = .string(text)
            case ("date", let text as String):
                guard let date = ISO8601.date(from: text) else { throw StoreError.invalid("metadata '\(name)' holds an unreadable date") }
                values[name] = .date(date)
            default:
                throw StoreError.invalid("metadata '\(name)' does not match its declared kind \(kinds[name] ?? "(none)")")
            }
        }
        return values
    }

    /// The members with their declared kinds, or `nil` when one does not have its kind (the full
    /// decoder then reports which).
    private static func typed(_ members: [(name: String, value: Scalar)], kinds: [String: String]) -> [String: MetadataValue]? {
        var values: [String: MetadataValue] = [:]
        values.reserveCapacity(members.count)
        for (name, value) in members {
            switch (kinds[name], value) {
            case ("number", .number(let number)): values[name] = .number(number)
            case ("bool", .bool(let flag)): values[name] = .bool(flag)
            case ("string", .string(let text)): values[name] = .string(text)
            case ("date", .string(let text)):
                guard let date = ISO8601.date(from: text) else { return nil }
                values[name] = .date(date)
            default: return nil
            }
        }
        return values
    }

    /// Appends `value` as a JSON string literal, escaping quotes, backslashes and control characters.
    static func appendString(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
