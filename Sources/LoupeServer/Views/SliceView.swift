import Foundation
import LoupeCatalog

/// A saved slice with how many rows it selects now, or why it cannot be used (a run it names
/// was deleted).
struct SliceView: Encodable, Sendable {
    var name: String
    var filter: String
    var createdAt: Date
    var rows: Int?
    var error: String?
}

/// `GET /datasets/{dataset}/slices`.
struct SliceListView: Encodable, Sendable {
    var dataset: String
    var slices: [SliceView]
}

/// The body of `PUT /datasets/{dataset}/slices/{name}`.
struct SliceBody: Decodable, Sendable {
    var filter: String
}
