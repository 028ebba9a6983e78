import Foundation
import Hummingbird

extension Request {
    /// The body decoded as JSON, refusing bodies over the context's upload limit (413) and malformed
    /// JSON or wrong fields (400 `bad_request` with the JSON path in `field`).
    mutating func decodeJSON<Value: Decodable>(_ type: Value.Type, context: LoupeRequestContext) async throws -> Value {
        let buffer: ByteBuffer
        do {
            buffer = try await collectBody(upTo: context.maxUploadSize)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError.payloadTooLarge(limit: context.maxUploadSize)
        }
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("the request body is empty; expected a JSON object", field: "$") }
        let data = Data(buffer: buffer)
        do {
            return try context.requestDecoder.decode(Value.self, from: data)
        } catch let error as DecodingError {
            throw APIError.fromDecoding(error, body: data)
        }
    }
}

extension APIError {
    /// A 400 naming where in the body decoding failed: a JSON path (`$.filter`) in `field` for a
    /// wrong or missing member, the 0-based byte offset in `position` for a syntax error when the
    /// parser tells it.
    static func fromDecoding(_ error: DecodingError, body: Data) -> APIError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce("$") { text, key in
                key.intValue.map { text + "[\($0)]" } ?? text + "." + key.stringValue
            }
        }
        switch error {
        case .typeMismatch(let type, let context):
            return .badRequest("\(path(context.codingPath)): expected \(Self.jsonTypeName(type))", field: path(context.codingPath))
        case .valueNotFound(let type, let context):
            return .badRequest("\(path(context.codingPath)): expected \(Self.jsonTypeName(type)), found null", field: path(context.codingPath))
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return .badRequest("\(field) is required", field: field)
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return .badRequest("\(path(context.codingPath)): \(context.debugDescription)", field: path(context.codingPath))
        case .dataCorrupted:
            return syntaxError(in: body)
        @unknown default:
            return .badRequest("the body could not be read as JSON")
        }
    }

    /// The syntax error of a body that is not JSON, located by `JSONSerialization` (which says
    /// "around character N"; `JSONDecoder` does not say where).
    private static func syntaxError(in body: Data) -> APIError {
        var detail = "it does not parse"
        var position: Int?
        do {
            _ = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        } catch let error as NSError {
            if let description = error.userInfo[NSDebugDescriptionErrorKey] as? String {
                detail = description
                if let range = description.range(of: #"character \d+"#, options: .regularExpression) {
                    position = Int(description[range].dropFirst("character ".count))
                }
            }
        }
        return APIError(code: .badRequest, status: .badRequest, message: "the body is not valid JSON: \(detail)",
                        field: "$", position: position)
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Double.Type: "a number"
        default: "a JSON object"
        }
    }
}
