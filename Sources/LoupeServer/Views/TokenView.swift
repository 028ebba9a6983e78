import Foundation
import LoupeCatalog

/// `GET /tokens`.
struct TokenListView: Encodable, Sendable {
    var tokens: [ApiTokenSummary]
}

/// The body of `POST /tokens`.
struct TokenBody: Decodable, Sendable {
    var name: String
    var role: TokenRole
}
