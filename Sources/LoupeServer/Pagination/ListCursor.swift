import Foundation

/// An opaque page cursor bound to the list it came from.
///
/// The token is base64url of `v1.<position>.<check>`, where `position` is where the next page
/// starts (an offset, or the last id of the page) and `check` is a 64-bit FNV-1a hash of the
/// list's scope (dataset, filter and sort in canonical form, or the evaluation) and the position.
/// A cursor from another query, or one edited by hand, fails the check and is refused. The hash
/// is not a secret: it catches mistakes, not forgery, and a forged cursor only reaches a
/// position the caller could have asked for anyway.
struct ListCursor: Hashable, Sendable {
    /// Items per page of a list unless `limit` says otherwise.
    static var defaultLimit: Int { 100 }
    /// The most items one page of a list holds.
    static var maximumLimit: Int { 1000 }

    /// Where the next page starts.
    var position: Int64
    /// What list it belongs to.
    var scope: String

    /// The token.
    var token: String {
        let text = "v1.\(position).\(String(Self.check(scope: scope, position: position), radix: 16))"
        // base64url without padding; a character map, since Foundation's replacingOccurrences
        // showed in the profile of a page request.
        return String(Data(text.utf8).base64EncodedString().compactMap { character -> Character? in
            switch character {
            case "+": "-"
            case "/": "_"
            case "=": nil
            default: character
            }
        })
    }

    /// A cursor at `position` of the list `scope`.
    init(position: Int64, scope: String) {
        self.position = position
        self.scope = scope
    }

    /// Reads a token of the list `scope`.
    /// - Throws: `APIError.badRequest` on field `cursor` when the token is not a cursor of this list.
    init(token: String, scope: String) throws(APIError) {
        let refused = APIError.badRequest("cursor is not a cursor of this list (cursors are tied to their query; start again without one)",
                                          field: "cursor")
        var base64 = String(token.map { character -> Character in
            switch character {
            case "-": "+"
            case "_": "/"
            default: character
            }
        })
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard token.count <= 64, let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { throw refused }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let position = Int64(parts[1]), position >= 0,
              let check = UInt64(parts[2], radix: 16), check == Self.check(scope: scope, position: position)
        else { throw refused }
        self.position = position
        self.scope = scope
    }

    /// FNV-1a over the scope, a NUL, and the position's digits.
    static func check(scope: String, position: Int64) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(scope.utf8) + [0] + Array(String(position).utf8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
