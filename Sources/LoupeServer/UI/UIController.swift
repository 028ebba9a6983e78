import Foundation
import HTTPTypes
import Hummingbird

/// The web UI: `/` redirects to `/ui/`, which is `index.html` (its links are absolute, so `/ui`
/// and `/ui/` both work), and `/ui/…` serves the UI's files (`UIFiles`) with a
/// strict Content-Security-Policy (scripts, styles and connections from this origin only; images
/// also from `data:` and `blob:`; no plugins, frames or base URI changes), `nosniff`, no referrer,
/// and an ETag (`If-None-Match` → 304, revalidated on every load). The files hold no data, so
/// they are public; everything they show comes from `/api/v1` under the caller's token.
struct UIController {
    /// The files served.
    let files: UIFiles

    /// The policy every UI response carries.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"

    /// Routes, by the keys `RouteTable` uses, all public.
    static let access: [String: Access] = ["GET /": .public, "GET /ui": .public, "GET /ui/{folder}": .public, "GET /ui/{folder}/{file}": .public]

    /// Registers the routes on the router's root.
    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("/") { _, _ in Response(status: .found, headers: [.location: "/ui/"]) }
        router.get("ui") { request, _ in try self.serve("index.html", request) }
        // One capture name per position: Hummingbird's trie refuses two names for one segment.
        router.get("ui/:folder") { request, context in try self.serve(try context.parameters.require("folder"), request) }
        router.get("ui/:folder/:file") { request, context in
            try self.serve(try context.parameters.require("folder") + "/" + context.parameters.require("file"), request)
        }
    }

    private func serve(_ name: String, _ request: Request) throws -> Response {
        guard let file = files.file(name) else { throw APIError.notFound("no UI file '\(name)'") }
        var headers = HTTPFields()
        headers[.contentType] = file.contentType
        headers[.eTag] = file.etag
        headers[.cacheControl] = "no-cache"
        headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        if let match = request.headers[.ifNoneMatch], EntityTag.matches(match, etag: file.etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(file.bytes.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
