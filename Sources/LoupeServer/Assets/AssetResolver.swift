#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Finds the file of a row's `uri` under a dataset's asset roots, refusing anything that could
/// lead out of them.
///
/// Refused: a `uri` with a NUL, a `..` component (also once percent-decoded, and with `\` read as
/// a separator), a URL that is not `file:`, an absolute path outside every root, and a path
/// whose real location (every symlink resolved) is not inside the real location of a root. The
/// containment check compares real paths with the root followed by a separator, so a root
/// `/data/img` does not contain `/data/img-private/x.jpg`. Only regular files are served.
struct AssetResolver: Sendable {
    /// A file found under a root.
    struct Resolved: Hashable, Sendable {
        /// Its real path (no symlinks).
        var path: String
        /// Its size in bytes.
        var size: Int64
        /// Its modification time in nanoseconds since 1970.
        var modifiedNanoseconds: Int64
    }

    /// Why a `uri` is not served. The message names the reason, never the resolved path.
    struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// The dataset's asset roots (absolute paths).
    let roots: [String]

    /// The file for `uri`: relative paths are tried under each root in order, absolute ones must lie in one.
    /// - Throws: `Refusal`.
    func resolve(_ uri: String) throws(Refusal) -> Resolved {
        var path = uri
        if let scheme = uri.range(of: "://"), !uri[..<scheme.lowerBound].contains("/") {
            guard uri.lowercased().hasPrefix("file://") else { throw Refusal(reason: "the file is not local (\(uri[..<scheme.lowerBound]) URL)") }
            guard let url = URL(string: uri), url.host == nil || url.host == "" || url.host == "localhost" else {
                throw Refusal(reason: "the file URL is not local")
            }
            path = url.path
        }
        guard !path.isEmpty, !path.contains("\0") else { throw Refusal(reason: "the file name is empty or holds a NUL") }
        for form in [path, path.removingPercentEncoding ?? path] {
            let components = form.split(whereSeparator: { $0 == "/" || $0 == "\\" })
            if components.contains(where: { $0 == ".." }) { throw Refusal(reason: "the file name has a '..' component") }
        }
        guard !roots.isEmpty else { throw Refusal(reason: "the dataset has no asset roots") }
        let candidates = path.hasPrefix("/") ? [path] : roots.map { $0 + "/" + path }
        var found = false
        for candidate in candidates {
            guard let real = Self.realPath(candidate) else { continue }
            found = true
            for root in roots {
                guard let realRoot = Self.realPath(root) else { continue }
                let prefix = realRoot.hasSuffix("/") ? realRoot : realRoot + "/"
                guard real.hasPrefix(prefix), let status = Self.status(real) else { continue }
                guard status.isRegularFile else { throw Refusal(reason: "the file is not a regular file") }
                return Resolved(path: real, size: status.size, modifiedNanoseconds: status.modified)
            }
        }
        throw Refusal(reason: found ? "the file is outside the dataset's asset roots" : "the file does not exist")
    }

    /// The canonical absolute path with every symlink resolved, or `nil` when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private struct Status {
        var isRegularFile: Bool
        var size: Int64
        var modified: Int64
    }

    private static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return Status(isRegularFile: (info.st_mode & S_IFMT) == S_IFREG, size: Int64(info.st_size), modified: modified)
    }
}
