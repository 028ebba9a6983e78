import Foundation
import HTTPTypes
import Hummingbird
import LoupeCatalog
@testable import LoupeServer
import Testing

@Suite("asset endpoint")
struct AssetsEndpointTests {
    static let image = "000000000009.jpg"

    @Test("a coco128 image is served with its bytes, type, ETag, cache headers; If-None-Match answers 304")
    func serves() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        let bytes = try Data(contentsOf: ServerWorkspace.coco128.appendingPathComponent("train2017/\(Self.image)"))
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/datasets/coco128/assets/\(Self.image)")
            #expect(reply.status == .ok)
            #expect(reply.body == bytes)
            #expect(reply.headers[.contentType] == "image/jpeg")
            #expect(reply.headers[.contentLength] == String(bytes.count))
            #expect(reply.headers[.cacheControl] == "private, max-age=3600")
            #expect(reply.headers[.acceptRanges] == "bytes")
            let etag = try #require(reply.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))

            let again = try await client.send("/api/v1/datasets/coco128/assets/\(Self.image)")
            #expect(again.headers[.eTag] == etag)
            for match in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
                let cached = try await client.send("/api/v1/datasets/coco128/assets/\(Self.image)", headers: [.ifNoneMatch: match])
                #expect(cached.status == .notModified, "\(match)")
                #expect(cached.body.isEmpty && cached.headers[.eTag] == etag)
            }
            let stale = try await client.send("/api/v1/datasets/coco128/assets/\(Self.image)", headers: [.ifNoneMatch: "\"other\""])
            #expect(stale.status == .ok && stale.body == bytes)

            // Another image has another ETag; a PNG-less dataset still serves JPEG for voc100.
            let other = try await client.send("/api/v1/datasets/voc100/assets/2007_000027.jpg")
            #expect(other.status == .ok && other.headers[.eTag] != etag)
            #expect(other.body == (try Data(contentsOf: ServerWorkspace.voc100.appendingPathComponent("images/2007_000027.jpg"))))
        }
    }

    @Test("byte ranges answer 206 with Content-Range; ranges outside the file 416; malformed ranges the whole file")
    func ranges() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        let bytes = try Data(contentsOf: ServerWorkspace.coco128.appendingPathComponent("train2017/\(Self.image)"))
        let size = bytes.count
        try await withServer(workspace) { client in
            let uri = "/api/v1/datasets/coco128/assets/\(Self.image)"
            let cases: [(String, Range<Int>)] = [
                ("bytes=0-99", 0..<100), ("bytes=100-", 100..<size), ("bytes=-10", (size - 10)..<size),
                ("bytes=\(size - 1)-\(size + 1000)", (size - 1)..<size), ("bytes=-\(size + 5)", 0..<size), ("bytes=5-5", 5..<6),
            ]
            for (header, range) in cases {
                let reply = try await client.send(uri, headers: [.range: header])
                #expect(reply.status == .partialContent, "\(header)")
                #expect(reply.body == bytes.subdata(in: range), "\(header)")
                #expect(reply.headers[.contentRange] == "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)", "\(header)")
                #expect(reply.headers[.contentType] == "image/jpeg")
            }
            for header in ["bytes=\(size)-", "bytes=\(size + 10)-\(size + 20)", "bytes=-0"] {
                let reply = try await client.send(uri, headers: [.range: header])
                #expect(reply.status == .rangeNotSatisfiable, "\(header)")
                #expect(reply.headers[.contentRange] == "bytes */\(size)")
                #expect(try reply.error["code"] as? String == "range_not_satisfiable")
            }
            for header in ["items=0-5", "bytes=5-1", "bytes=a-b", "bytes=0-1,5-6", "bytes="] {
                let reply = try await client.send(uri, headers: [.range: header])
                #expect(reply.status == .ok && reply.body == bytes, "\(header)")
            }
            // If-Range with a stale validator asks for the whole file.
            let whole = try await client.send(uri, headers: [.range: "bytes=0-9", .ifRange: "\"stale\""])
            #expect(whole.status == .ok && whole.body.count == size)
        }
    }

    /// A dataset `traps` whose asset root is a temporary folder holding one real image, a symlink
    /// to it, a symlink to /etc/passwd and a symlink to a folder outside the root, and rows whose
    /// uris try to leave the root in every way the resolver must refuse.
    static func traps() async throws -> (ServerWorkspace, [String]) {
        let workspace = try ServerWorkspace()
        let root = workspace.folder.appendingPathComponent("images")
        let outside = workspace.folder.appendingPathComponent("images-private")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let source = ServerWorkspace.coco128.appendingPathComponent("train2017/\(Self.image)")
        try FileManager.default.copyItem(at: source, to: root.appendingPathComponent("ok.jpg"))
        try FileManager.default.copyItem(at: source, to: outside.appendingPathComponent("secret.jpg"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("alias.jpg").path, withDestinationPath: "ok.jpg")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("passwd.jpg").path, withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("out").path, withDestinationPath: outside.path)
        let uris = [
            "../images-private/secret.jpg", "sub/../../images-private/secret.jpg", "%2e%2e%2fimages-private%2fsecret.jpg",
            "..%2fimages-private%2fsecret.jpg", "..\\images-private\\secret.jpg", outside.appendingPathComponent("secret.jpg").path,
            "/etc/passwd", "file:///etc/passwd", "http://example.com/a.jpg", "passwd.jpg", "out/secret.jpg",
            "../../../../../../etc/passwd", "sub", "missing.jpg",
        ]
        var rows = [DataRow(key: "ok", uri: "ok.jpg"), DataRow(key: "alias", uri: "alias.jpg"),
                    DataRow(key: "absolute", uri: root.appendingPathComponent("ok.jpg").path),
                    DataRow(key: "fileurl", uri: root.appendingPathComponent("ok.jpg").absoluteString)]
        rows += uris.enumerated().map { DataRow(key: "trap\($0.offset)", uri: $0.element) }
        _ = try await workspace.store.apply(ImportBatch(source: "test", rows: rows), toDataset: "traps",
                                            options: ImportOptions(assetRoot: root.path))
        return (workspace, uris)
    }

    @Test("uris that lead out of the asset root are refused with the envelope and never leak the file")
    func traversal() async throws {
        let (workspace, uris) = try await Self.traps()
        let secret = try Data(contentsOf: ServerWorkspace.coco128.appendingPathComponent("train2017/\(Self.image)"))
        try await withServer(workspace) { client in
            for key in ["ok", "alias", "absolute", "fileurl"] {
                let reply = try await client.send("/api/v1/datasets/traps/assets/\(key)")
                #expect(reply.status == .ok && reply.body == secret, "\(key)")
            }
            for (index, uri) in uris.enumerated() {
                let reply = try await client.send("/api/v1/datasets/traps/assets/trap\(index)")
                #expect(reply.status == .notFound, "\(uri)")
                #expect(try reply.error["code"] as? String == "not_found", "\(uri)")
                #expect(reply.body.count < 1000 && !String(decoding: reply.body, as: UTF8.self).contains("root:"), "\(uri)")
                #expect(!String(decoding: reply.body, as: UTF8.self).contains(workspace.folder.path), "\(uri)")
            }
            // Traversal in the request path only ever names a row key, and no row has such a key.
            for path in ["..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%252f..%252fetc%252fpasswd",
                         "../../../etc/passwd", "%2Fetc%2Fpasswd"] {
                let reply = try await client.send("/api/v1/datasets/traps/assets/\(path)")
                #expect(reply.status == .notFound, "\(path)")
                #expect(!String(decoding: reply.body, as: UTF8.self).contains("root:"), "\(path)")
            }
        }
    }

    @Test("a root is a folder, not a prefix: /x/images does not contain /x/images-private")
    func rootPrefix() async throws {
        let (workspace, _) = try await Self.traps()
        let dataset = try #require(try await workspace.store.dataset(named: "traps"))
        let roots = try await workspace.store.assetRoots(datasetID: dataset.id)
        #expect(roots.count == 1)
        let resolver = AssetResolver(roots: roots)
        let served = try resolver.resolve("ok.jpg")
        #expect(served.path.hasSuffix("/images/ok.jpg") && served.size > 0)
        #expect(try resolver.resolve("alias.jpg").path == served.path)
        #expect(throws: AssetResolver.Refusal(reason: "the file is outside the dataset's asset roots")) {
            try resolver.resolve(workspace.folder.appendingPathComponent("images-private/secret.jpg").path)
        }
        #expect(throws: AssetResolver.Refusal(reason: "the file is outside the dataset's asset roots")) {
            try resolver.resolve("passwd.jpg")
        }
        #expect(throws: AssetResolver.Refusal(reason: "the file name has a '..' component")) {
            try resolver.resolve("%2e%2e/images-private/secret.jpg")
        }
        #expect(throws: AssetResolver.Refusal(reason: "the file name is empty or holds a NUL")) {
            try resolver.resolve("ok.jpg\u{0}.png")
        }
        #expect(throws: AssetResolver.Refusal(reason: "the dataset has no asset roots")) {
            try AssetResolver(roots: []).resolve("ok.jpg")
        }
    }
}
