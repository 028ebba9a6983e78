import Foundation
import Hummingbird

/// The routes of the router as path patterns with their methods, so that a request to a known
/// path with another method is answered 405 with `Allow` rather than 404.
///
/// Filled once, after every route is registered (`buildRouter`); read by the error middleware,
/// which is added to the router before the routes.
final class RouteTable: @unchecked Sendable {
    private let lock = NSLock()
    private var routes: [(pattern: [RouterPath.Element], method: HTTPRequest.Method)] = []

    /// Records the router's routes.
    func record<Context>(_ router: Router<Context>) {
        let recorded = router.routes.map { route in
            (pattern: route.path.components, method: route.method)
        }
        lock.withLock { routes = recorded }
    }

    /// The methods routed for a request path, sorted; empty when no route has that path.
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let matching = lock.withLock {
            routes.filter { route in
                route.pattern.count == segments.count
                    && zip(route.pattern, segments).allSatisfy { element, segment in element ~= segment }
            }
        }
        return Set(matching.map(\.method.rawValue)).sorted().compactMap { HTTPRequest.Method($0) }
    }
}
