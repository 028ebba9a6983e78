import Foundation
import Hummingbird
import LoupeCatalog

/// `/tokens…`: API tokens managed over HTTP, for admins: listed without secrets, created with the
/// secret shown once (as `loupe tokens create`), revoked by name.
struct TokensController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("tokens", use: list)
        group.post("tokens", use: create)
        group.delete("tokens/:name", use: revoke)
    }

    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<TokenListView> {
        JSONResponse(value: TokenListView(tokens: try await store.apiTokens().map { ApiTokenSummary($0) }))
    }

    /// `{"name", "role"}` → 201 with the secret in `token`; 409 when the name is taken (revoked
    /// tokens keep theirs).
    @Sendable func create(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<ApiTokenSummary> {
        var request = request
        let body = try await request.decodeJSON(TokenBody.self, context: context)
        guard !body.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.badRequest("$.name must not be empty", field: "$.name")
        }
        let secret = TokenSecret.generate()
        let token = try await store.createAPIToken(name: body.name, role: body.role, secretHash: secret.hash)
        return JSONResponse(value: ApiTokenSummary(token, secret: secret.text), status: .created)
    }

    /// 204; 404 for an unknown name, 409 for a token already revoked.
    @Sendable func revoke(_ request: Request, context: LoupeRequestContext) async throws -> HTTPResponse.Status {
        _ = try await store.revokeAPIToken(named: context.pathParameter("name"))
        return .noContent
    }
}
