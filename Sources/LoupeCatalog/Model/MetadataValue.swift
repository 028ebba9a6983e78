import Foundation

/// A typed metadata or attribute value: text, number, boolean or date.
///
/// In JSON a date is written as an ISO 8601 string; importers turn strings that are complete
/// ISO 8601 dates (`2024-05-01`, `2024-05-01T12:00:00Z`, with an offset or a fraction) into
/// `.date` and keep every other string as `.string`. Numbers are always finite.
public enum MetadataValue: Hashable, Sendable {
    /// Free text.
    case string(String)
    /// A finite number.
    case number(Double)
    /// A boolean.
    case bool(Bool)
    /// An instant in time.
    case date(Date)

    /// The name of the case as stored: `string`, `number`, `bool` or `date`.
    public var kindName: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        case .date: "date"
        }
    }

    /// Text as given, a number's shortest form, `true`/`false`, or a date in ISO 8601 (UTC).
    public var displayText: String {
        switch self {
        case .string(let text): text
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .date(let date): ISO8601.string(from: date)
        }
    }

    /// A string value, or a date when the string is a complete ISO 8601 date.
    public static func parsingDates(_ text: String) -> MetadataValue {
        if let date = ISO8601.date(from: text) { return .date(date) }
        return .string(text)
    }
}

extension MetadataValue: Codable {
    /// Decodes a JSON scalar: `true`/`false`, a number, or a string (dates detected).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            guard number.isFinite else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a finite number")
            }
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .parsingDates(text)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a string, number, boolean or ISO 8601 date")
        }
    }

    /// Encodes the value as a JSON scalar; dates as ISO 8601 strings in UTC.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        case .date(let date): try container.encode(ISO8601.string(from: date))
        }
    }
}
