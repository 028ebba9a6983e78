import Hummingbird
import LoupeCatalog

extension APIError {
    /// The API error for a selection or probe request refused for one of its fields, pointing at
    /// the body field (`$.run`; `$.seeds` for seed keys): `not_found` → 404, `already_exists` →
    /// 409, `invalid` → 400 `bad_request`, or `invalid_filter` for the filter.
    static func from(_ error: RequestFieldError) -> APIError {
        let field = "$." + (error.field == "seed_keys" ? "seeds" : error.field)
        switch error.code {
        case "not_found": return APIError(code: .notFound, status: .notFound, message: error.message, field: field)
        case "already_exists", "conflict": return APIError(code: .conflict, status: .conflict, message: error.message, field: field)
        default:
            if error.field == "filter" { return .invalidFilter(error.message, field: "filter", position: nil) }
            return .badRequest(error.message, field: field)
        }
    }
}
