import Foundation
import Hummingbird

/// An `Encodable` value sent as a JSON response with a status (200 unless given).
struct JSONResponse<Value: Encodable & Sendable>: ResponseGenerator {
    /// The body.
    var value: Value
    /// The status.
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        let data = try APIJSON.encoder().encode(value)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
