import Foundation

/// A JSON document of any shape, for stored JSON that output passes through as it is (a run's
/// config, an evaluation's parameters and details) and for documents written in Swift (the
/// OpenAPI document). Object keys are kept exactly.
public enum JSONValue: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The document held in `text`; `null` if the text is not JSON (stores only hold valid JSON).
    public init(parsing text: String) {
        self = (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .null
    }

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// Encodes the value as it is.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

/// Literals for writing JSON documents in Swift (the server's OpenAPI document).
extension JSONValue: ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral {
    /// A JSON value from a Swift literal.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// A JSON value from a Swift literal.
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }

    /// A JSON value from a Swift literal.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// A JSON value from a Swift literal.
    public init(integerLiteral value: Int) {
        self = .number(Double(value))
    }

    /// A JSON value from a Swift literal.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    /// A JSON value from a Swift literal.
    public init(nilLiteral: ()) {
        self = .null
    }
}
