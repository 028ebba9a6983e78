import Foundation
import HTTPTypes
import Hummingbird

/// Compresses responses with gzip when the client sends `Accept-Encoding: gzip`: JSON, NDJSON,
/// text, JavaScript, CSS and SVG of at least `minimumSize` bytes (or of unknown length, when
/// streamed), compressed chunk by chunk as the body is written. Images are sent as they are:
/// they are compressed already, and byte ranges must address the file itself.
///
/// Every compressible response says `Vary: Accept-Encoding`, compressed or not, so a cache never
/// serves one client's encoding to another.
struct CompressionMiddleware: RouterMiddleware {
    typealias Context = LoupeRequestContext

    /// Bodies shorter than this are sent as they are: gzip's header and trailer alone are 18 bytes,
    /// and the CPU spent on a small body buys nothing.
    var minimumSize = 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard Self.isCompressible(response) else { return response }
        response.headers[values: .vary].append("Accept-Encoding")
        // HEAD is answered for the identity encoding, with the GET's Content-Length: the length of
        // the gzip form is known only by compressing the body, which a HEAD response does not have.
        let length = response.body.contentLength
        guard request.method != .head, AcceptEncoding(request.headers[.acceptEncoding]).acceptsGzip,
              length.map({ $0 >= minimumSize }) ?? true else { return response }
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = nil
        let body = response.body
        let allocator = ByteBufferAllocator()
        response.body = ResponseBody { writer in
            let gzip = GzipBodyWriter(parent: writer, deflater: try GzipDeflater(), allocator: allocator)
            try await body.write(gzip)
        }
        return response
    }

    /// Content types worth compressing, without parameters.
    static let compressibleTypes: Set<String> = [
        "application/json", "application/x-ndjson", "application/javascript", "text/javascript",
        "text/html", "text/css", "text/plain", "text/csv", "image/svg+xml",
    ]

    /// A response whose body gzip would shrink: a compressible type, not already encoded, with a
    /// body (not a 204, 206 or 304).
    static func isCompressible(_ response: Response) -> Bool {
        guard response.headers[.contentEncoding] == nil,
              ![.noContent, .partialContent, .notModified].contains(response.status),
              let type = response.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        else { return false }
        return compressibleTypes.contains(type)
    }
}

/// Writes a response body through a gzip stream into the writer underneath.
struct GzipBodyWriter: ResponseBodyWriter {
    var parent: any ResponseBodyWriter
    let deflater: GzipDeflater
    let allocator: ByteBufferAllocator

    mutating func write(_ buffer: ByteBuffer) async throws {
        let compressed = try deflater.compress(buffer, finish: false, allocator: allocator)
        if compressed.readableBytes > 0 { try await parent.write(compressed) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await parent.write(try deflater.compress(ByteBuffer(), finish: true, allocator: allocator))
        try await parent.finish(trailingHeaders)
    }
}
