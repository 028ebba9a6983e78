import Foundation
import Hummingbird

/// The routes of the router as path patterns with their methods and who may call them, so that
/// a request to a known path with another method is answered 405 with `Allow` rather than 404,
/// and the authentication middleware knows each route's least role before the route runs.
///
/// Filled once, after every route is registered (`buildRouter`); read by the middleware, which
/// is added to the router before the routes.
final class RouteTable: @unchecked Sendable {
    /// A routed endpoint.
    struct Route {
        var pattern: [RouterPath.Element]
        var method: HTTPRequest.Method
        /// Who may call it; `nil` when the OpenAPI document does not say (then only admins may).
        var access: Access?
    }

    private let lock = NSLock()
    private var routes: [Route] = []

    /// Records the router's routes with the access the OpenAPI document declares for each.
    func record<Context>(_ router: Router<Context>, access: [String: Access]) {
        let recorded = router.routes.map { route in
            Route(pattern: route.path.components, method: route.method, access: access[Self.key(route.method, route.path)])
        }
        lock.withLock { routes = recorded }
    }

    /// `METHOD /path` with captures as `{name}`, as `OpenAPIDocument.accessByOperation` keys them.
    static func key(_ method: HTTPRequest.Method, _ path: RouterPath) -> String {
        "\(method.rawValue) /\(path.components.map(\.description).joined(separator: "/"))"
    }

    /// The routes whose pattern matches a request path.
    private func matching(_ path: String) -> [Route] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return lock.withLock {
            routes.filter { route in
                route.pattern.count == segments.count
                    && zip(route.pattern, segments).allSatisfy { element, segment in element ~= segment }
            }
        }
    }

    /// The methods routed for a request path, sorted; empty when no route has that path.
    /// A `GET` route also answers `HEAD` (the router generates it).
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        let methods = matching(path).map(\.method)
        let all = methods.contains(.get) ? methods + [.head] : methods
        return Set(all.map(\.rawValue)).sorted().compactMap { HTTPRequest.Method($0) }
    }

    /// Who may send `method` to `path`: the strictest access among the matching routes; admins
    /// only for a route whose access is not declared; any valid token (viewer) when no route
    /// takes it, so that an unknown path tells a caller without a token nothing but 401.
    /// `HEAD` needs what `GET` needs.
    func access(method: HTTPRequest.Method, path: String) -> Access {
        let routed = method == .head ? .get : method
        let candidates = matching(path).filter { $0.method == routed }
        guard !candidates.isEmpty else { return .role(.viewer) }
        var strictest: Access = .public
        for route in candidates {
            switch (strictest, route.access ?? .role(.admin)) {
            case (_, .public): continue
            case (.public, let access): strictest = access
            case (.role(let current), .role(let role)): strictest = .role(max(current, role))
            }
        }
        return strictest
    }
}
