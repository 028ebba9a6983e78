/// Why a server refuses to start with its configuration.
public struct ServerStartError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, for people.
    public let message: String

    private init(_ message: String) {
        self.message = message
    }

    /// The host is not a loopback address: anyone on the network could read the workspace.
    public static func nonLoopbackHost(_ host: String) -> ServerStartError {
        ServerStartError("cannot listen on \(host): tokens are required to listen on a non-loopback address; "
            + "they arrive in a later release (use --host 127.0.0.1)")
    }

    /// The port is not a TCP port number.
    public static func invalidPort(_ port: Int) -> ServerStartError {
        ServerStartError("port \(port) is not between 0 and 65535")
    }

    /// The message.
    public var description: String { message }
}
