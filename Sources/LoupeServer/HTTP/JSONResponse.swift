import Foundation
import Hummingbird
import LoupeCatalog

/// An `Encodable` value sent as a JSON response with a status (200 unless given).
struct JSONResponse<Value: Encodable & Sendable>: ResponseGenerator {
    /// The body.
    var value: Value
    /// The status.
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        let body: ByteBuffer
        if let direct = value as? any DirectJSONEncodable {
            var json = CompactJSONWriter(numberStyle: .foundation, capacity: 16 * 1024)
            direct.writeJSON(to: &json)
            body = ByteBuffer(bytes: json.bytes)
        } else {
            body = ByteBuffer(bytes: try APIJSON.encoder().encode(value))
        }
        // Stated here so that the HEAD the router derives from a GET says the GET's length.
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
