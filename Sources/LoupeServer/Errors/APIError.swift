import Hummingbird

/// A failure as the API reports it: one JSON envelope
/// `{"error": {"code", "message", "field"?, "position"?}}` with a stable `code` and its HTTP status.
public struct APIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable machine-readable codes of the envelope.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The code as it appears on the wire.
        public let rawValue: String

        /// A code with its wire text.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// Nothing of that name (404).
        public static let notFound = Code(rawValue: "not_found")
        /// A filter or sort that does not parse or names something unknown (400, with `position`).
        public static let invalidFilter = Code(rawValue: "invalid_filter")
        /// A malformed request: a parameter, cursor or body (400, with `field`).
        public static let badRequest = Code(rawValue: "bad_request")
        /// No valid token where one is needed (401, with `WWW-Authenticate: Bearer`).
        public static let unauthorized = Code(rawValue: "unauthorized")
        /// The token's role is below what the endpoint needs (403).
        public static let forbidden = Code(rawValue: "forbidden")
        /// The path exists, the method does not (405, with `Allow`).
        public static let methodNotAllowed = Code(rawValue: "method_not_allowed")
        /// The request collides with existing data (409).
        public static let conflict = Code(rawValue: "conflict")
        /// The request body is larger than the server accepts (413).
        public static let payloadTooLarge = Code(rawValue: "payload_too_large")
        /// A byte range outside the file (416).
        public static let rangeNotSatisfiable = Code(rawValue: "range_not_satisfiable")
        /// A failure on the server's side (500); the message says no more than that.
        public static let `internal` = Code(rawValue: "internal")

        /// Every code, in the order the documentation lists them.
        public static let all: [Code] = [.notFound, .invalidFilter, .badRequest, .unauthorized, .forbidden, .methodNotAllowed, .conflict, .payloadTooLarge,
                                         .rangeNotSatisfiable, .internal]

        /// The wire text.
        public var description: String { rawValue }
    }

    /// The stable code.
    public var code: Code
    /// The HTTP status it is sent with.
    public var status: HTTPResponse.Status
    /// What went wrong, for people.
    public var message: String
    /// The offending parameter or body field (`limit`, `cursor`, `filter`, `$.filter`), if any.
    public var field: String?
    /// For filter errors, the 0-based character offset in the filter text; for a body that is not
    /// JSON, the byte offset where parsing stopped.
    public var position: Int?

    /// An error with every part given.
    public init(code: Code, status: HTTPResponse.Status, message: String, field: String? = nil, position: Int? = nil) {
        self.code = code
        self.status = status
        self.message = message
        self.field = field
        self.position = position
    }

    /// 404 `not_found`.
    public static func notFound(_ message: String) -> APIError {
        APIError(code: .notFound, status: .notFound, message: message)
    }

    /// 400 `bad_request` about a parameter or body field.
    public static func badRequest(_ message: String, field: String? = nil) -> APIError {
        APIError(code: .badRequest, status: .badRequest, message: message, field: field)
    }

    /// 400 `invalid_filter` at a character offset of the filter or sort text.
    public static func invalidFilter(_ message: String, field: String, position: Int?) -> APIError {
        APIError(code: .invalidFilter, status: .badRequest, message: message, field: field, position: position)
    }

    /// 401 `unauthorized`: no token, or one that is unknown or revoked.
    public static func unauthorized(_ message: String) -> APIError {
        APIError(code: .unauthorized, status: .unauthorized, message: message)
    }

    /// 403 `forbidden`: a valid token whose role is too low.
    public static func forbidden(_ message: String) -> APIError {
        APIError(code: .forbidden, status: .forbidden, message: message)
    }

    /// 409 `conflict`.
    public static func conflict(_ message: String) -> APIError {
        APIError(code: .conflict, status: .conflict, message: message)
    }

    /// 413 `payload_too_large`.
    public static func payloadTooLarge(limit: Int) -> APIError {
        APIError(code: .payloadTooLarge, status: .contentTooLarge, message: "the request body is larger than \(limit) bytes")
    }

    /// 500 `internal`: the details stay in the server's log.
    public static func `internal`(requestID: String?) -> APIError {
        APIError(code: .internal, status: .internalServerError,
                 message: "internal error" + (requestID.map { " (request \($0); the server log has the details)" } ?? ""))
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
