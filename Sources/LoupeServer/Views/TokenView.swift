import Foundation
import LoupeCatalog

/// An API token on the wire: never its secret nor its hash, except `token` in the answer to its
/// creation.
struct TokenView: Encodable, Sendable {
    var name: String
    var role: String
    var createdAt: Date
    var lastUsedAt: Date?
    var revokedAt: Date?
    /// The secret: only in the `POST /tokens` answer, the one time it is shown.
    var token: String?

    init(_ token: ApiToken, secret: String? = nil) {
        name = token.name
        role = token.role.rawValue
        createdAt = token.createdAt
        lastUsedAt = token.lastUsedAt
        revokedAt = token.revokedAt
        self.token = secret
    }
}

/// `GET /tokens`.
struct TokenListView: Encodable, Sendable {
    var tokens: [TokenView]
}

/// The body of `POST /tokens`.
struct TokenBody: Decodable, Sendable {
    var name: String
    var role: TokenRole
}
