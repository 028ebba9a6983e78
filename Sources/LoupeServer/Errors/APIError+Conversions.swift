import Hummingbird
import LoupeCatalog

extension APIError {
    /// The API error for a store's refusal: `not_found` → 404, `already_exists` and `conflict` →
    /// 409, `invalid` (a name the filter uses that the dataset lacks, a value the schema refuses) →
    /// 400 `bad_request`, or `invalid_filter` when the store refused a filter (`field`).
    static func from(_ error: StoreError, filterField: String? = nil) -> APIError {
        switch error.code {
        case "not_found": .notFound(error.message)
        case "already_exists", "conflict": .conflict(error.message)
        default:
            if let filterField { .invalidFilter(error.message, field: filterField, position: nil) }
            else { .badRequest(error.message) }
        }
    }

    /// The API error for filter or sort text that does not parse, with its position.
    static func from(_ error: FilterSyntaxError, field: String) -> APIError {
        .invalidFilter(error.description, field: field, position: error.position)
    }

    /// The API error for an error Hummingbird or NIO report with an HTTP status (an unknown route,
    /// an oversized body), or `nil` for a server-side status that must not leak details.
    static func from(status: HTTPResponse.Status, message: String?) -> APIError? {
        switch status {
        case .notFound: .notFound(message ?? "no such endpoint")
        case .contentTooLarge: APIError(code: .payloadTooLarge, status: .contentTooLarge, message: message ?? "the request body is too large")
        case .conflict: .conflict(message ?? "conflict")
        case .rangeNotSatisfiable: APIError(code: .rangeNotSatisfiable, status: .rangeNotSatisfiable, message: message ?? "range not satisfiable")
        case let status where status.kind == .clientError:
            APIError(code: .badRequest, status: status, message: message ?? status.reasonPhrase)
        default: nil
        }
    }
}
