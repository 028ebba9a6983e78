import Foundation

/// What may be shown of an API token, by the CLI (`loupe tokens list|create --json`) and the API
/// (`/tokens`): never its hash, and its secret only in the answer to its creation.
public struct ApiTokenSummary: Encodable, Sendable {
    /// The token's name.
    public var name: String
    /// Its role's name.
    public var role: String
    /// When it was created.
    public var createdAt: Date
    /// When a request last used it, if ever.
    public var lastUsedAt: Date?
    /// When it was revoked, if it was.
    public var revokedAt: Date?
    /// The secret: only right after creation, the one time it is shown.
    public var token: String?

    /// The summary of `token`, with its `secret` when it was just created.
    public init(_ token: ApiToken, secret: String? = nil) {
        name = token.name
        role = token.role.rawValue
        createdAt = token.createdAt
        lastUsedAt = token.lastUsedAt
        revokedAt = token.revokedAt
        self.token = secret
    }
}
