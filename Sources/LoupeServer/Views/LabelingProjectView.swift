import Foundation
import LoupeCatalog

/// A labeling project on the wire, with its items per status.
struct LabelingProjectView: Encodable, Sendable {
    var name: String
    var dataset: String
    /// `MODEL/NAME` of the pre-label run; `nil` without pre-labels.
    var run: String?
    var scoreThreshold: Double
    var createdAt: Date
    /// Items per status (every status, zeros included).
    var counts: [String: Int]
    /// All items.
    var items: Int
}

/// `GET /datasets/{dataset}/labeling-projects`.
struct LabelingProjectListView: Encodable, Sendable {
    var dataset: String
    var projects: [LabelingProjectView]
}
