import LoupeServer
import LoupeSQLite
import Testing

@Suite("server configuration")
struct ServerConfigurationTests {
    @Test("loopback hosts are recognized; everything else is not", arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("localhost", true), ("LOCALHOST", true), ("::1", true), ("[::1]", true),
        ("0.0.0.0", false), ("192.168.1.10", false), ("::", false), ("example.com", false), ("127.0.0.1.example.com", false),
        ("127.0.0.256", false), ("127.0.0", false), ("", false),
    ])
    func loopback(host: String, expected: Bool) {
        #expect(ServerConfiguration(host: host).isLoopback == expected)
    }

    @Test("a non-loopback host is refused with the reason, before anything listens")
    func refusesNonLoopback() throws {
        let workspace = try ServerWorkspace()
        #expect {
            _ = try buildApplication(store: workspace.store, configuration: ServerConfiguration(host: "0.0.0.0"))
        } throws: { error in
            "\(error)".contains("tokens are required to listen on a non-loopback address; they arrive in a later release")
        }
        #expect(throws: ServerStartError.invalidPort(70_000)) {
            _ = try buildApplication(store: workspace.store, configuration: ServerConfiguration(port: 70_000))
        }
    }
}
