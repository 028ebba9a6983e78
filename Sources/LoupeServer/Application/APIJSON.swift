import Foundation

/// The JSON conventions of the API: snake_case keys, sorted for deterministic output, ISO 8601
/// dates in UTC, slashes unescaped. Dictionary keys (metadata names, config keys) are kept as they are.
enum APIJSON {
    /// The encoder every response uses.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The decoder every request body uses.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
