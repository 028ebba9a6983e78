import Foundation
import LoupeCatalog

/// A token as `loupe tokens list --json` and `create --json` print it.
struct TokenEntry: Encodable {
    var name: String
    var role: String
    var createdAt: Date
    var lastUsedAt: Date?
    var revokedAt: Date?
    /// The secret: only in the output of `create`.
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
