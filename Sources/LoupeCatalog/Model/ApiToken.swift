import Foundation

/// What an API token may do. Each role includes the ones below it:
/// `viewer` < `labeler` < `editor` < `admin`.
public enum TokenRole: String, CaseIterable, Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Reads everything.
    case viewer
    /// Also submits labels.
    case labeler
    /// Also writes data (slices, imports, runs).
    case editor
    /// Also manages tokens.
    case admin

    /// Its place in the order, 0 for `viewer`.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// `true` when `lhs` grants less than `rhs`.
    public static func < (lhs: TokenRole, rhs: TokenRole) -> Bool { lhs.rank < rhs.rank }

    /// The name as written on the command line and in the API.
    public var description: String { rawValue }
}

/// A named API token as the store keeps it: its role and history, never its secret (only the
/// SHA-256 of the secret is stored, and it is not part of this value).
public struct ApiToken: Hashable, Sendable, Codable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Its name, unique in the workspace (revoked tokens keep theirs).
    public var name: String
    /// What it may do.
    public var role: TokenRole
    /// When it was created.
    public var createdAt: Date
    /// When a request last used it (recorded at most about once a minute), if ever.
    public var lastUsedAt: Date?
    /// When it was revoked, if it was; a revoked token is refused.
    public var revokedAt: Date?

    /// A token with all its fields.
    public init(id: Int64, name: String, role: TokenRole, createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    /// `true` unless it was revoked.
    public var isActive: Bool { revokedAt == nil }
}
