import Foundation
import LoupeCatalog

/// A dataset in a list: its name and when it was created.
struct DatasetView: Encodable, Sendable {
    var name: String
    var createdAt: Date

    init(_ dataset: Dataset) {
        name = dataset.name
        createdAt = dataset.createdAt
    }
}

/// `GET /datasets`.
struct DatasetListView: Encodable, Sendable {
    var datasets: [DatasetView]
}

/// `GET /datasets/{dataset}`: the dataset, its statistics and its class schema.
struct DatasetDetailView: Encodable, Sendable {
    /// One class of the schema.
    struct ClassView: Encodable, Sendable {
        var name: String
        var ordinal: Int
        var color: String
    }

    var name: String
    var createdAt: Date
    var statistics: DatasetStatistics?
    var classes: [ClassView]
    /// The declared metadata fields with their kinds, by name.
    var metadataFields: [MetadataField]
}
