import LoupeCatalog
/// The OpenAPI 3.1 document of the API, served at `/api/v1/openapi.json`: the contract the
/// tests hold the router to (every route documented, nothing documented that is not routed).
enum OpenAPIDocument {
    /// The base path of every endpoint.
    static let basePath = "/api/v1"

    /// The whole document.
    static func document() -> JSONValue {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "Loupe API",
                "version": "1.0.0",
                "description": .string("""
                    The REST API of a Loupe workspace. JSON with snake_case keys; fields without a value are \
                    left out (except `next_cursor`, always present, `null` on the last page); every failure is \
                    the error envelope. See docs/api.md.
                    """),
            ],
            "servers": [["url": .string(basePath)]],
            "paths": .object(paths()),
            "components": [
                "schemas": .object(schemas()),
                "headers": [
                    "RequestId": [
                        "description": "The id of the request, also in every server log line about it.",
                        "schema": ["type": "string", "pattern": "^[0-9a-f]{16}$"],
                    ],
                ],
            ],
        ]
    }

    // MARK: - Helpers

    /// A `$ref` to a schema.
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    /// A required path parameter.
    static func pathParameter(_ name: String, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "path", "required": true, "description": .string(description),
         "schema": ["type": "string", "minLength": 1]]
    }

    /// An optional query parameter.
    static func queryParameter(_ name: String, _ description: String, schema: JSONValue) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": schema]
    }

    /// The request-id header every response carries.
    static let responseHeaders: JSONValue = ["X-Request-Id": ["$ref": "#/components/headers/RequestId"]]

    /// A JSON response with a schema.
    static func json(_ description: String, _ schema: JSONValue) -> JSONValue {
        ["description": .string(description), "headers": responseHeaders,
         "content": ["application/json": ["schema": schema]]]
    }

    /// The error envelope responses for these statuses.
    static func errors(_ statuses: [Int]) -> [String: JSONValue] {
        let descriptions = [400: "Bad request: a parameter, cursor, body or filter is invalid (`field`, `position`).",
                            404: "Not found.", 409: "Conflict.", 413: "The request body is too large.",
                            416: "The byte range is outside the file."]
        return Dictionary(uniqueKeysWithValues: statuses.map { status in
            (String(status), json(descriptions[status] ?? "Error.", ref("ErrorEnvelope")))
        })
    }

    /// An operation.
    static func operation(_ id: String, _ summary: String, parameters: [JSONValue] = [], body: JSONValue? = nil,
                          responses: [String: JSONValue]) -> JSONValue {
        var operation: [String: JSONValue] = ["operationId": .string(id), "summary": .string(summary),
                                              "responses": .object(responses)]
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body { operation["requestBody"] = body }
        return .object(operation)
    }
}
