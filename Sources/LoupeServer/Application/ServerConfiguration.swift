import Foundation
import Logging

/// How `loupe serve` listens and serves: the address, the log level and the asset settings.
public struct ServerConfiguration: Sendable, Hashable {
    /// The host to bind (`127.0.0.1` by default). A non-loopback host needs a workspace with a token.
    public var host: String
    /// The TCP port (8080 by default; 0 picks a free one).
    public var port: Int
    /// The least severe log level written (`info` by default: one line per request).
    public var logLevel: Logger.Level
    /// How images are served.
    public var assets: AssetSettings
    /// The largest file an import upload may be, in bytes (1 GiB by default); larger ones are
    /// answered 413. JSON bodies keep their own 1 MiB limit.
    public var maxUploadBytes: Int
    /// Where uploads are streamed to while their import job waits and runs (the system's
    /// temporary folder by default); each file is removed when its job ends.
    public var uploadDirectory: URL
    /// A folder to serve the web UI from instead of the UI built into the server (for working on
    /// the UI without rebuilding); `nil` by default.
    public var uiDirectory: URL?
    /// Where vector indexes are kept between runs (`WORKSPACE.indexes/` for `loupe serve`);
    /// `nil` keeps them in memory only.
    public var indexDirectory: URL?

    /// A configuration; the defaults listen on 127.0.0.1:8080, log at `info`, and take uploads
    /// up to 1 GiB into the temporary folder.
    public init(host: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info,
                assets: AssetSettings = AssetSettings(), maxUploadBytes: Int = 1 << 30,
                uploadDirectory: URL = FileManager.default.temporaryDirectory, uiDirectory: URL? = nil,
                indexDirectory: URL? = nil) {
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.assets = assets
        self.maxUploadBytes = maxUploadBytes
        self.uploadDirectory = uploadDirectory
        self.uiDirectory = uiDirectory
        self.indexDirectory = indexDirectory
    }

    /// `true` when `host` is a loopback address (`127.0.0.0/8`, `::1`, `localhost`): only this
    /// machine can connect.
    public var isLoopback: Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "::1" || lowered == "[::1]" { return true }
        let parts = lowered.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in UInt8(part).map { _ in part.first != "+" } ?? false }
    }

    /// Throws `ServerStartError` when the port is outside 0…65535 (checked before the workspace is opened).
    public func validate() throws(ServerStartError) {
        guard (0...65_535).contains(port) else { throw .invalidPort(port) }
        guard maxUploadBytes > 0 else { throw .invalidUploadLimit(maxUploadBytes) }
    }

    /// Throws `ServerStartError` when the configuration cannot be served with a workspace that has
    /// `activeTokens` unrevoked tokens: a host that is not loopback needs at least one, since every
    /// request there must carry a token.
    public func validate(activeTokens: Int) throws(ServerStartError) {
        try validate()
        guard isLoopback || activeTokens > 0 else { throw .nonLoopbackHost(host) }
    }
}

/// How the asset endpoint serves a dataset's image files.
public struct AssetSettings: Sendable, Hashable {
    /// `Cache-Control: private, max-age=…` in seconds (3600 by default). Files change rarely, and an
    /// `ETag` revalidates them after this.
    public var maxAge: Int

    /// Asset settings.
    public init(maxAge: Int = 3600) {
        self.maxAge = maxAge
    }
}
