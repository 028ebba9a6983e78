import Foundation
import Hummingbird

/// `/openapi.json`: the API's OpenAPI 3.1 document, encoded once.
struct OpenAPIController {
    /// The document as sent.
    let body: ByteBuffer

    init() {
        let data = (try? APIJSON.encoder().encode(OpenAPIDocument.document())) ?? Data()
        body = ByteBuffer(bytes: data)
    }

    /// Registers the route on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("openapi.json", use: document)
    }

    @Sendable func document(_ request: Request, context: LoupeRequestContext) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
