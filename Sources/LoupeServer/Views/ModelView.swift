import Foundation
import LoupeCatalog

/// A model on the wire.
struct ModelView: Encodable, Sendable {
    var name: String
    var task: String
    var createdAt: Date
    /// How many runs it has.
    var runs: Int
}

/// `GET /models`.
struct ModelListView: Encodable, Sendable {
    var models: [ModelView]
}
