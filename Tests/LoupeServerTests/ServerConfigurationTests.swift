import Foundation
import LoupeCatalog
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

    @Test("a non-loopback host is refused with the reason while the workspace has no unrevoked token, and accepted with one")
    func nonLoopbackNeedsToken() async throws {
        let workspace = try ServerWorkspace()
        let open = ServerConfiguration(host: "0.0.0.0")
        await #expect {
            _ = try await buildApplication(store: workspace.store, configuration: open)
        } throws: { error in
            "\(error)".contains("a non-loopback address needs at least one API token, and the workspace has none")
        }
        await #expect(throws: ServerStartError.invalidPort(70_000)) {
            _ = try await buildApplication(store: workspace.store, configuration: ServerConfiguration(port: 70_000))
        }
        _ = try await workspace.store.createAPIToken(name: "ci", role: .viewer, secretHash: TokenSecret.generate().hash)
        _ = try await buildApplication(store: workspace.store, configuration: open)
        _ = try await workspace.store.revokeAPIToken(named: "ci")
        await #expect(throws: ServerStartError.nonLoopbackHost("0.0.0.0")) {
            _ = try await buildApplication(store: workspace.store, configuration: open)
        }
    }
}
