import LoupeCatalog

/// The identity a request runs as after authentication.
public struct Caller: Hashable, Sendable {
    /// The token's name, or `nil` when the server runs open (loopback, no tokens) and the
    /// request carried none.
    public var tokenName: String?
    /// What the caller may do.
    public var role: TokenRole

    /// The caller of an open server: one person on one machine, with every right.
    static let openAdmin = Caller(tokenName: nil, role: .admin)
}
