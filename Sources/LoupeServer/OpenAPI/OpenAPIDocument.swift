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
            "security": [["bearer": []]],
            "paths": .object(paths()),
            "components": [
                "schemas": .object(schemas()),
                "securitySchemes": [
                    "bearer": [
                        "type": "http", "scheme": "bearer", "bearerFormat": "loupe_ followed by 43 base64url characters",
                        "description": .string("""
                            A token from `loupe tokens create`. Required by every operation but this document once the \
                            workspace has a token or the server listens on a non-loopback address; each operation \
                            names its least role in `x-minimum-role` (viewer < labeler < editor < admin).
                            """),
                    ],
                ],
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
    static func queryParameter(_ name: String, _ description: String, schema: JSONValue, required: Bool = false) -> JSONValue {
        ["name": .string(name), "in": "query", "required": .bool(required), "description": .string(description), "schema": schema]
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
                            401: "No valid token: none sent where one is needed, or an unknown or revoked one (`WWW-Authenticate: Bearer`).",
                            403: "The token's role is below the operation's `x-minimum-role`.",
                            404: "Not found.", 409: "Conflict.", 413: "The request body is too large.",
                            416: "The byte range is outside the file."]
        return Dictionary(uniqueKeysWithValues: statuses.map { status in
            var response = json(descriptions[status] ?? "Error.", ref("ErrorEnvelope"))
            if status == 401 {
                response = response.merging(["headers": responseHeaders.merging([
                    "WWW-Authenticate": ["schema": ["type": "string"], "description": "Bearer, with the error when a token was sent."],
                ])])
            }
            return (String(status), response)
        })
    }

    /// The `x-minimum-role` extension of a secured operation: the least role that may call it.
    static let minimumRoleKey = "x-minimum-role"

    /// An operation with who may call it: a public one has `security: []`; a secured one the
    /// bearer scheme, its `x-minimum-role`, a 401 response, and a 403 when a token may be too weak.
    static func operation(_ id: String, _ access: Access, _ summary: String, parameters: [JSONValue] = [], body: JSONValue? = nil,
                          responses: [String: JSONValue]) -> JSONValue {
        var responses = responses
        var operation: [String: JSONValue] = ["operationId": .string(id), "summary": .string(summary)]
        switch access {
        case .public:
            operation["security"] = []
        case .role(let role):
            operation["security"] = [["bearer": []]]
            operation[minimumRoleKey] = .string(role.rawValue)
            responses.merge(errors(role > .viewer ? [401, 403] : [401])) { mine, _ in mine }
        }
        operation["responses"] = .object(responses)
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body { operation["requestBody"] = body }
        return .object(operation)
    }

    /// Who may call each documented operation, by `METHOD /api/v1/path` (path parameters as
    /// `{name}`, as the router prints them); an operation that declares neither a role nor
    /// `security: []` is left out, and the router refuses it to everyone but admins.
    static func accessByOperation() -> [String: Access] {
        var access: [String: Access] = [:]
        for (path, item) in paths() {
            guard case .object(let operations) = item else { continue }
            for (method, operation) in operations {
                guard case .object(let fields) = operation else { continue }
                let key = "\(method.uppercased()) \(basePath)\(path)"
                if case .string(let name) = fields[minimumRoleKey], let role = TokenRole(rawValue: name) {
                    access[key] = .role(role)
                } else if fields["security"] == .array([]) {
                    access[key] = .public
                }
            }
        }
        return access
    }
}
