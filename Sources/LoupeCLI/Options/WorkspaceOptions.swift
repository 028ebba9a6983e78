import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeSQLite

/// `--workspace PATH`, shared by every command.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The workspace file (default: $LOUPE_WORKSPACE, else ./loupe.sqlite).", valueName: "path"))
    var workspace: String?

    /// The workspace path after the environment and the default are applied.
    var path: String {
        if let workspace { return workspace }
        if let fromEnvironment = ProcessInfo.processInfo.environment["LOUPE_WORKSPACE"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "loupe.sqlite"
    }

    func validate() throws {
        if let workspace, workspace.isEmpty { throw ValidationError("--workspace must not be empty") }
    }

    /// Opens (creating if needed) the workspace.
    /// - Parameter buildsMetadataIndexesOnQuery: see `SQLiteStore.init`; a server passes `false`.
    func open(buildsMetadataIndexesOnQuery: Bool = true) throws -> SQLiteStore {
        try SQLiteStore(path: path, buildsMetadataIndexesOnQuery: buildsMetadataIndexesOnQuery)
    }

    /// Opens an existing workspace; a missing file is an error rather than a new empty workspace.
    func openExisting(buildsMetadataIndexesOnQuery: Bool = true) throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError.notFound("no workspace at \(path) (import data first, or pass --workspace)")
        }
        return try open(buildsMetadataIndexesOnQuery: buildsMetadataIndexesOnQuery)
    }
}

/// `--json`, shared by every read command.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false
}

extension WorkspaceOptions {
    /// Where the workspace's vector indexes are kept: `PATH.indexes/` beside the file.
    var indexDirectory: URL { SpaceIndexCache<SQLiteStore>.directory(forWorkspace: path) }
}
