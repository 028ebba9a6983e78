import Crypto
import Foundation

/// The web UI's files (`Resources/ui`, or a folder given for development), read once and kept in
/// memory with their content type and a content hash as ETag: a few hundred kilobytes of plain ES
/// modules and CSS.
///
/// Only names of lowercase letters, digits, `-`, `_` and `.`, in at most one folder, ending in a
/// known extension, are served: no `..`, no absolute paths, nothing outside the folder.
final class UIFiles: Sendable {
    /// One file ready to send.
    struct File: Sendable {
        var bytes: [UInt8]
        var contentType: String
        var etag: String
    }

    /// The content types of the extensions served.
    static let contentTypes = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
        "css": "text/css; charset=utf-8", "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon",
        "json": "application/json; charset=utf-8",
    ]

    private let files: [String: File]

    /// The files under `root`, or the bundled UI when `nil`.
    init(root: URL?) {
        guard let folder = root ?? Bundle.module.url(forResource: "ui", withExtension: nil) else {
            files = [:]
            return
        }
        var found: [String: File] = [:]
        let base = folder.standardizedFileURL.resolvingSymlinksInPath()
        let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            let resolved = url.standardizedFileURL.resolvingSymlinksInPath()
            guard resolved.path.hasPrefix(base.path + "/") else { continue }
            let name = String(resolved.path.dropFirst(base.path.count + 1))
            guard Self.isServable(name), let data = FileManager.default.contents(atPath: resolved.path),
                  let type = Self.contentTypes[String(name.split(separator: ".").last ?? "")] else { continue }
            let digest = SHA256.hash(data: data).prefix(12).map { String(format: "%02x", $0) }.joined()
            found[name] = File(bytes: [UInt8](data), contentType: type, etag: "\"\(digest)\"")
        }
        files = found
    }

    /// The file named `name` (`index.html`, `lib/geometry.js`), if it is one of the UI's.
    func file(_ name: String) -> File? {
        guard Self.isServable(name) else { return nil }
        return files[name]
    }

    /// How many files there are (0 when the UI is missing from the build).
    var count: Int { files.count }

    /// Whether `name` has the shape of a UI file name (see the type's documentation).
    static func isServable(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        for part in parts {
            guard !part.isEmpty, part.first != ".",
                  part.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E })
            else { return false }
        }
        return contentTypes[String(parts.last!.split(separator: ".").last ?? "")] != nil && parts.last!.contains(".")
    }
}
