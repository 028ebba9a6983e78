import Foundation
import Hummingbird

/// The query string of a request, decoded as HTML forms encode it (`+` is a space, `%XX` a byte of
/// UTF-8). A parameter given twice, or not validly encoded, is a `bad_request` naming it.
struct QueryParameters {
    private var values: [String: String] = [:]

    /// The parameters of `request`.
    /// - Throws: `APIError.badRequest` for bad percent-encoding or a repeated parameter.
    init(_ request: Request) throws(APIError) {
        guard let query = request.uri.query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = String(parts[0])
            guard let name = Self.decode(rawName) else {
                throw .badRequest("query parameter name '\(rawName)' is not validly percent-encoded")
            }
            guard let value = Self.decode(parts.count > 1 ? String(parts[1]) : "") else {
                throw .badRequest("query parameter '\(name)' is not validly percent-encoded UTF-8", field: name)
            }
            guard values[name] == nil else { throw .badRequest("query parameter '\(name)' is given more than once", field: name) }
            values[name] = value
        }
    }

    /// The decoded value of a parameter, if given.
    subscript(name: String) -> String? { values[name] }

    /// An integer parameter within `range`, or `defaultValue` when absent.
    /// - Throws: `APIError.badRequest` naming the parameter when it is not an integer in range.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text = values[name] else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw .badRequest("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound), not '\(text)'", field: name)
        }
        return value
    }

    /// `+` to space, then percent-decoding; `nil` when the escapes are not valid UTF-8.
    private static func decode(_ text: String) -> String? {
        let spaced = text.contains("+") ? String(text.map { $0 == "+" ? " " : $0 }) : text
        guard spaced.contains("%") else { return spaced }
        return spaced.removingPercentEncoding
    }
}
