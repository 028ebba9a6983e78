import Foundation
@testable import LoupeSQLite

/// A workspace file in a fresh temporary folder, removed when the value is released.
final class TemporaryWorkspace {
    let folder: URL
    let path: String
    let store: SQLiteStore

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("workspace.sqlite").path
        store = try SQLiteStore(path: path)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }
}
