import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id, echoes it as `X-Request-Id`, puts it in the metadata of every log
/// line about the request, and logs one line per request with its status and duration.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = LoupeRequestContext

    /// The response header that carries the id.
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = Self.makeID()
        context.requestID = id
        // One id per request in the logs: ours, which the client also sees.
        context.logger[metadataKey: "hb.request.id"] = nil
        context.logger[metadataKey: "request_id"] = .string(id)
        let started = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[Self.header] = id
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("\(request.method) \(request.uri.path) \(response.status.code)",
                            metadata: ["duration_ms": .string(String(format: "%.1f", milliseconds))])
        return response
    }

    /// Sixteen random hexadecimal digits.
    static func makeID() -> String {
        let value = UInt64.random(in: .min ... .max)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
