/// The JSON body of every failed request: `{"error": {"code", "message", "field"?, "position"?}}`.
struct ErrorEnvelope: Encodable {
    /// The error's fields.
    struct Body: Encodable {
        var code: String
        var message: String
        var field: String?
        var position: Int?
    }

    var error: Body

    /// The envelope of an API error.
    init(_ error: APIError) {
        self.error = Body(code: error.code.rawValue, message: error.message, field: error.field, position: error.position)
    }
}
