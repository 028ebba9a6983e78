import Foundation
import HTTPTypes
import Hummingbird
import LoupeCatalog

/// Decides who a request runs as and whether it may reach its route.
///
/// The policy: the OpenAPI document is public. A request that carries `Authorization` must carry
/// a valid bearer token (unknown, revoked or malformed → 401). A request without one runs as an
/// admin only when the server listens on a loopback address and the workspace has no unrevoked
/// token (one person on one machine); otherwise it is refused with 401. A caller whose role is
/// below the route's least role (its `x-minimum-role` in the OpenAPI document) gets 403.
struct AuthenticationMiddleware<S: Store>: RouterMiddleware {
    typealias Context = LoupeRequestContext

    /// Where tokens are looked up.
    let store: S
    /// The routes with their access.
    let routes: RouteTable
    /// Whether the server listens on a loopback address only.
    let isLoopback: Bool
    /// How stale a token's `last_used_at` may get before a request refreshes it.
    static var lastUsedResolution: TimeInterval { 60 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let access = routes.access(method: request.method, path: request.uri.path)
        guard case .role(let needed) = access else { return try await next(request, context) }
        let caller = try await authenticate(request, context: context)
        guard caller.role >= needed else {
            throw APIError.forbidden("this needs a token of role \(needed) or higher; '\(caller.tokenName ?? "")' is a \(caller.role) token")
        }
        var context = context
        context.caller = caller
        return try await next(request, context)
    }

    /// The caller a request runs as, or 401.
    func authenticate(_ request: Request, context: Context) async throws -> Caller {
        guard let header = request.headers[.authorization] else {
            if isLoopback, try await store.activeAPITokenCount() == 0 { return .openAdmin }
            throw Self.unauthorized("this server needs a token: send Authorization: Bearer loupe_… (see `loupe tokens create`)")
        }
        guard let secret = TokenSecret.fromAuthorization(header) else {
            throw Self.unauthorized("the Authorization header must be Bearer followed by a loupe_… token", invalid: true)
        }
        guard let token = try await store.apiToken(secretHash: secret.hash), token.isActive else {
            // Unknown and revoked tokens get the same answer: a caller learns nothing about which.
            throw Self.unauthorized("the token is not valid (unknown or revoked)", invalid: true)
        }
        let now = Date()
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.lastUsedResolution }) ?? true {
            do {
                try await store.markAPITokenUsed(id: token.id, at: now)
            } catch {
                context.logger.warning("could not record the use of token '\(token.name)': \(error)")
            }
        }
        return Caller(tokenName: token.name, role: token.role)
    }

    /// 401 with `WWW-Authenticate: Bearer` (RFC 6750), with `error="invalid_token"` when one was sent.
    static func unauthorized(_ message: String, invalid: Bool = false) -> AuthenticationError {
        AuthenticationError(error: .unauthorized(message),
                            challenge: invalid ? #"Bearer realm="loupe", error="invalid_token""# : #"Bearer realm="loupe""#)
    }
}
