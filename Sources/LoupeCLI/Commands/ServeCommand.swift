import ArgumentParser
import Foundation
import Logging
import LoupeServer

/// `loupe serve`: the workspace over HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the workspace over HTTP: the REST API under /api/v1 (docs/api.md).",
        discussion: """
            The API's contract is its OpenAPI document at /api/v1/openapi.json. The server logs one \
            line per request on stderr, with the request id it also sends as X-Request-Id, and stops \
            cleanly on Ctrl-C or SIGTERM.

            On a loopback address (127.0.0.1, ::1, localhost) of a workspace without tokens it runs \
            open, for one person on one machine. Once the workspace has a token (loupe tokens create), \
            every request needs one: Authorization: Bearer loupe_…. Any other address, such as \
            0.0.0.0, is refused unless the workspace has at least one token.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: ArgumentHelp("The address to listen on (a non-loopback one needs a token).", valueName: "address")) var host = "127.0.0.1"
    @Option(help: "The TCP port (0 picks a free one).") var port = 8080
    @Option(help: ArgumentHelp("The least severe log level written: trace, debug, info, notice, warning, error or critical.",
                               valueName: "level")) var logLevel = "info"
    @Option(help: ArgumentHelp("How long browsers may cache images, in seconds.", valueName: "seconds")) var assetMaxAge = 3600
    @Option(help: ArgumentHelp("The largest file an import upload may be (bytes, or with K, M, G: 512M, 2G).", valueName: "size"))
    var maxUploadSize = "1G"
    @Option(help: ArgumentHelp("Serve the web UI from this folder instead of the built-in one (for working on the UI).", valueName: "folder"))
    var uiDirectory: String?

    /// The server configuration the options describe.
    var serverConfiguration: ServerConfiguration {
        ServerConfiguration(host: host, port: port, logLevel: Logger.Level(rawValue: logLevel) ?? .info,
                            assets: AssetSettings(maxAge: assetMaxAge), maxUploadBytes: ByteCount.parse(maxUploadSize) ?? 1 << 30,
                            uiDirectory: uiDirectory.map { URL(fileURLWithPath: $0) }, indexDirectory: workspace.indexDirectory)
    }

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard assetMaxAge >= 0 else { throw ValidationError("--asset-max-age must not be negative") }
        guard ByteCount.parse(maxUploadSize) != nil else {
            throw ValidationError("--max-upload-size must be a positive size such as 1048576, 512M or 2G, not '\(maxUploadSize)'")
        }
        do {
            try serverConfiguration.validate()
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() async throws {
        try await reportingFailures {
            // The server builds metadata indexes in jobs, never inside a request.
            let store = try workspace.openExisting(buildsMetadataIndexesOnQuery: false)
            let level = serverConfiguration.logLevel
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let path = workspace.path
            let host = serverConfiguration.host
            do {
                try await runServer(store: store, configuration: serverConfiguration) { port in
                    let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
                    // Written unbuffered: a script waiting for this line learns the port (with --port 0).
                    FileHandle.standardOutput.write(Data("Loupe serves \(path) at http://\(shown):\(port)/api/v1 (Ctrl-C stops it)\n".utf8))
                    FileHandle.standardOutput.write(Data("The web UI: http://\(shown):\(port)/ui/\n".utf8))
                }
            } catch let error as ServerStartError {
                Terminal.error(error.message)
                throw ExitCode(64)
            }
        }
    }
}
