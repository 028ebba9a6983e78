import LoupeCatalog

/// A data row on the wire, addressed by its key.
struct RowView: Encodable, Sendable {
    var key: String
    var kind: String
    var uri: String?
    var width: Int?
    var height: Int?
    var text: String?
    var split: String?
    var tags: [String]
    var metadata: [String: MetadataValue]
    var labelVersion: Int

    init(_ row: DataRow) {
        key = row.key
        kind = row.kind.rawValue
        uri = row.uri
        width = row.width
        height = row.height
        text = row.text
        split = row.split
        tags = row.tags
        metadata = row.metadata
        labelVersion = row.labelVersion
    }
}

/// `GET /datasets/{dataset}/rows`: one page of the rows a filter selects, with their count.
struct RowPageView: Encodable, Sendable {
    var count: Int
    var rows: [RowView]
    /// The cursor of the next page; `null` (present) on the last page.
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case count, rows, nextCursor
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(rows, forKey: .rows)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

/// `GET /datasets/{dataset}/rows/{key}`: the row with its current ground truth.
struct RowDetailView: Encodable, Sendable {
    var row: RowView
    var annotations: [AnnotationView]
    /// The path of the row's image under the asset endpoint, for image rows with a `uri`.
    var assetUrl: String?
}
