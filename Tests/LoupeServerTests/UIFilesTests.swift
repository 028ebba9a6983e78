import Foundation
import HTTPTypes
import Testing
@testable import LoupeServer

/// The web UI's files: served with their types, a strict CSP and ETags; nothing else is reachable.
@Suite("web UI files")
struct UIFilesTests {
    @Test("/ leads to /ui/, which is index.html; modules and styles have their types, the policy and an ETag")
    func served() async throws {
        let workspace = try ServerWorkspace()
        try await withServer(workspace) { client in
            let root = try await client.send("/")
            #expect(root.status == .found && root.headers[.location] == "/ui/")
            for path in ["/ui", "/ui/"] {
                let index = try await client.send(path)
                #expect(index.status == .ok, "\(path)")
                #expect(index.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(decoding: index.body, as: UTF8.self).contains(#"<script type="module" src="/ui/main.js"></script>"#))
                #expect(index.headers[.contentSecurityPolicy] == UIController.contentSecurityPolicy)
            }
            let policy = UIController.contentSecurityPolicy
            #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
            let module = try await client.send("/ui/lib/geometry.js")
            #expect(module.status == .ok && module.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(module.headers[.xContentTypeOptions] == "nosniff")
            let etag = try #require(module.headers[.eTag])
            let again = try await client.send("/ui/lib/geometry.js", headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified && again.body.isEmpty)
            #expect(try await client.send("/ui/app.css").headers[.contentType] == "text/css; charset=utf-8")
            // The UI is public even where the API needs a token: it holds no data.
            #expect(try await client.send("/ui/main.js").status == .ok)
        }
    }

    @Test("traversal, hidden, deep and unknown names are 404 envelopes", arguments: [
        "/ui/..%2F..%2Fetc%2Fpasswd", "/ui/%2e%2e/Package.swift", "/ui/lib/..%2F..%2Fmain.js", "/ui/.hidden.js",
        "/ui/lib/deep/x.js", "/ui/nope.js", "/ui/index.txt", "/ui/%2Fetc%2Fpasswd", "/ui/MAIN.JS",
    ])
    func refused(path: String) async throws {
        let workspace = try ServerWorkspace()
        try await withServer(workspace) { client in
            let reply = try await client.send(path)
            #expect(reply.status == .notFound, "\(path)")
            #expect(try reply.error["code"] as? String == "not_found")
        }
    }

    @Test("every file of the UI folder is loaded; names outside the allowed shape are not servable")
    func names() {
        let files = UIFiles(root: nil)
        #expect(files.count >= 10)
        #expect(files.file("index.html") != nil && files.file("lib/url-state.js") != nil)
        for name in ["../x.js", "/etc/passwd", "lib/../main.js", "a/b/c.js", "x", ".js", "main.js ", "Main.js"] {
            #expect(!UIFiles.isServable(name), "\(name)")
        }
    }
}
