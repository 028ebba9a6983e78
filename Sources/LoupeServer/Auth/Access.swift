import LoupeCatalog

/// Who may call an endpoint: anyone (the OpenAPI document), or a token of at least a role.
enum Access: Hashable, Sendable {
    /// No token needed.
    case `public`
    /// A token whose role is at least this one.
    case role(TokenRole)
}
