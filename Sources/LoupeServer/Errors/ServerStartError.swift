/// Why a server refuses to start with its configuration.
public struct ServerStartError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, for people.
    public let message: String

    private init(_ message: String) {
        self.message = message
    }

    /// The host is not a loopback address and the workspace has no token: nobody could call the
    /// server, or, were it open, anyone on the network could.
    public static func nonLoopbackHost(_ host: String) -> ServerStartError {
        ServerStartError("cannot listen on \(host): a non-loopback address needs at least one API token, and the workspace has none; "
            + "create one with `loupe tokens create --name NAME --role admin`, or listen on 127.0.0.1")
    }

    /// The port is not a TCP port number.
    public static func invalidPort(_ port: Int) -> ServerStartError {
        ServerStartError("port \(port) is not between 0 and 65535")
    }

    /// The upload limit is not a positive number of bytes.
    public static func invalidUploadLimit(_ bytes: Int) -> ServerStartError {
        ServerStartError("the upload limit must be a positive number of bytes, not \(bytes)")
    }

    /// The message.
    public var description: String { message }
}
