import Foundation
import Hummingbird
import Logging
import LoupeCatalog

/// Turns every error a route throws into the API's JSON error envelope with its status; an error
/// the API does not know is logged and reported as `internal` without its details. A request to
/// a routed path with a method it does not take is answered 405 with `Allow`.
struct ErrorEnvelopeMiddleware: RouterMiddleware {
    typealias Context = LoupeRequestContext

    /// The router's routes, for 405 answers.
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound" {
            // The router found no route for this method and path: is the path routed for other methods?
            let allowed = routes.methods(forPath: request.uri.path)
            guard !allowed.isEmpty else { return Self.response(for: .notFound("no such endpoint")) }
            var response = Self.response(for: APIError(
                code: .methodNotAllowed, status: .methodNotAllowed,
                message: "\(request.method) is not allowed here; allowed: \(allowed.map(\.rawValue).joined(separator: ", "))"))
            response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            return response
        } catch let error as AuthenticationError {
            var response = Self.response(for: error.error)
            response.headers[.wwwAuthenticate] = error.challenge
            return response
        } catch {
            return Self.response(for: Self.apiError(for: error, context: context))
        }
    }

    /// The API error that reports `error`.
    static func apiError(for error: any Error, context: Context) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as StoreError: return .from(error)
        case let error as FilterSyntaxError: return .from(error, field: "filter")
        case let error as HTTPError:
            if let converted = APIError.from(status: error.status, message: error.body) { return converted }
            context.logger.error("request failed: \(error)")
            return .internal(requestID: context.requestID)
        case let error as any HTTPResponseError:
            if let converted = APIError.from(status: error.status, message: nil) { return converted }
            context.logger.error("request failed: \(String(reflecting: error))")
            return .internal(requestID: context.requestID)
        default:
            context.logger.error("request failed: \(String(reflecting: error))")
            return .internal(requestID: context.requestID)
        }
    }

    /// The envelope response of an error.
    static func response(for error: APIError) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let data = (try? APIJSON.encoder().encode(ErrorEnvelope(error))) ?? Data(#"{"error":{"code":"internal","message":"internal error"}}"#.utf8)
        return Response(status: error.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
