/// A 401 with its `WWW-Authenticate` challenge, which the error middleware adds to the envelope.
struct AuthenticationError: Error {
    /// The envelope's error.
    var error: APIError
    /// The `WWW-Authenticate` value.
    var challenge: String
}
