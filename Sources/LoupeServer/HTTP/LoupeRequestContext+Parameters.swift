import Foundation
import Hummingbird

extension LoupeRequestContext {
    /// A path parameter, percent-decoded: `%2F` in a segment is a `/` of the name (`model%2Frun`).
    /// - Throws: `APIError.badRequest` when it is missing or not validly encoded.
    func pathParameter(_ name: String) throws(APIError) -> String {
        guard let raw = parameters.get(name) else { throw .badRequest("missing path parameter \(name)", field: name) }
        guard let decoded = raw.removingPercentEncoding, !decoded.isEmpty else {
            throw .badRequest("path parameter \(name) '\(raw)' is not validly percent-encoded", field: name)
        }
        return decoded
    }
}
