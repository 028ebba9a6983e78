/// A row of a run's snapshot: its key, the split it played and its label version then.
struct SnapshotEntryView: Encodable, Sendable {
    var key: String
    var split: String
    var labelVersion: Int
}

/// `GET /runs/{run}/snapshot`: one page of the snapshot in row order.
struct SnapshotPageView: Encodable, Sendable {
    var run: String
    /// The dataset of the rows; absent when the snapshot is empty.
    var dataset: String?
    var rows: [SnapshotEntryView]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case run, dataset, rows, nextCursor
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(run, forKey: .run)
        try container.encodeIfPresent(dataset, forKey: .dataset)
        try container.encode(rows, forKey: .rows)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
