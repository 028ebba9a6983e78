/// What a data row holds: an image file or a piece of text.
public enum RowKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// An image addressed by `uri`, with its pixel size.
    case image
    /// A text held in `text` (and optionally a `uri` to its source).
    case text
}

/// One image or text of a dataset.
///
/// `key` is the user's stable identifier (like Labelbox's global key): for imported images it is
/// the file name as the format gives it, so labels from different formats meet on one row.
public struct DataRow: Hashable, Sendable, Codable {
    /// Store-assigned id; `nil` before the row is written.
    public var id: Int64?
    /// Unique key within the dataset.
    public var key: String
    /// Where the asset lives: a path relative to the dataset's asset root, or an absolute path or URL.
    public var uri: String?
    /// Image or text.
    public var kind: RowKind
    /// Pixel width, for images whose size is known.
    public var width: Int?
    /// Pixel height, for images whose size is known.
    public var height: Int?
    /// The text of a text row.
    public var text: String?
    /// Free-form split name (`train`, `val`, `test`, …), if any.
    public var split: String?
    /// Typed metadata by name.
    public var metadata: [String: MetadataValue]
    /// Tags, kept sorted and unique.
    public var tags: [String]
    /// The row's current label version: 0 before any ground truth, then 1, 2, … as labels are replaced.
    public var labelVersion: Int

    /// A row value; tags are sorted and made unique.
    public init(id: Int64? = nil, key: String, uri: String? = nil, kind: RowKind = .image,
                width: Int? = nil, height: Int? = nil, text: String? = nil, split: String? = nil,
                metadata: [String: MetadataValue] = [:], tags: [String] = [], labelVersion: Int = 0) {
        self.id = id
        self.key = key
        self.uri = uri
        self.kind = kind
        self.width = width
        self.height = height
        self.text = text
        self.split = split
        self.metadata = metadata
        self.tags = Array(Set(tags)).sorted()
        self.labelVersion = labelVersion
    }
}
