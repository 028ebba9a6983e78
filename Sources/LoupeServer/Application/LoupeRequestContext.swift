import Foundation
import Hummingbird

/// The request context of every Loupe route: Hummingbird's core storage, the request id the
/// logging middleware assigns, and the API's JSON conventions.
public struct LoupeRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, route parameters).
    public var coreContext: CoreRequestContextStorage
    /// The id of this request, echoed as `X-Request-Id` and logged with every line about it.
    public var requestID: String?
    /// Who the request runs as, once the authentication middleware let it through to a route
    /// that needs a role; `nil` for public routes.
    public var caller: Caller?

    /// A context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }

    /// JSON request bodies up to 1 MiB; larger ones are refused with 413. Import uploads are
    /// streamed to a file under `ServerConfiguration.maxUploadBytes` instead.
    public var maxUploadSize: Int { 1 << 20 }

    /// snake_case JSON, ISO 8601 dates.
    public var requestDecoder: JSONDecoder { APIJSON.decoder() }

    /// snake_case JSON with sorted keys, ISO 8601 dates.
    public var responseEncoder: JSONEncoder { APIJSON.encoder() }
}
