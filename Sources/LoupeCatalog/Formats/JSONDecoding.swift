import Foundation

/// Decoding JSON formats with errors that name the file and the JSON path or line.
public enum JSONDecoding {
    /// Decodes a whole-file JSON document, turning any failure into an `ImportError` with the
    /// JSON path (`$.annotations[12].bbox`) or, for syntax errors, the line and column.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String,
                                            decoder: JSONDecoder = JSONDecoder()) throws(ImportError) -> T {
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            var mapped = importError(error, data: data, file: file, line: nil)
            // Foundation reports a number it cannot represent (1e999, or a negative where an
            // unsigned count is read) as "not valid JSON" without a path, although the syntax is fine.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
               context.debugDescription.contains("not valid JSON"), mapped.location == .jsonPath("$") {
                mapped.message = "a number is out of range (too large for a 64-bit value) or the document is not valid JSON"
            }
            throw mapped
        } catch {
            throw ImportError(file: file, message: "\(error)")
        }
    }

    /// Decodes one line of a JSON Lines file; errors carry the 1-based line and the JSON path.
    public static func decodeLine<T: Decodable>(_ type: T.Type, from data: Data, file: String, line: Int,
                                                decoder: JSONDecoder = JSONDecoder()) throws(ImportError) -> T {
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw importError(error, data: data, file: file, line: line)
        } catch {
            throw ImportError(file: file, location: .line(line), message: "\(error)")
        }
    }

    /// `$`, `$.images[3].file_name`: the path of a decoding failure.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var text = "$"
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += "." + key.stringValue }
        }
        return text
    }

    /// Maps a `DecodingError` to an `ImportError` at its path (or at the syntax error's line).
    public static func importError(_ error: DecodingError, data: Data, file: String, line: Int?) -> ImportError {
        func located(_ codingPath: [any CodingKey]) -> SourceLocation {
            let jsonPath = path(codingPath)
            if let line { return .lineAndPath(line, jsonPath) }
            return .jsonPath(jsonPath)
        }
        switch error {
        case .typeMismatch(let type, let context):
            return ImportError(file: file, location: located(context.codingPath),
                               message: "expected \(describe(type)): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return ImportError(file: file, location: located(context.codingPath),
                               message: "expected \(describe(type)), found null")
        case .keyNotFound(let key, let context):
            return ImportError(file: file, location: located(context.codingPath),
                               message: "missing required key '\(key.stringValue)'")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty, let failure = JSONSyntax.firstError(in: data) {
                let where_ = line.map { "line \($0), column \(failure.column)" } ?? "line \(failure.line), column \(failure.column)"
                return ImportError(file: file, location: line.map { .line($0) } ?? .line(failure.line),
                                   message: "invalid JSON at \(where_): \(failure.message)")
            }
            return ImportError(file: file, location: located(context.codingPath), message: context.debugDescription)
        @unknown default:
            return ImportError(file: file, message: "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Double.Type, is Float.Type: "a number"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "a boolean"
        default: "\(type)"
        }
    }
}
