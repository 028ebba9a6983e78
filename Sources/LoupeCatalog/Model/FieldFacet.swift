/// How a field's values spread over the rows a filter selects: the most common values of a
/// categorical field (tags, splits, text and boolean metadata), or equal-width bins of a numeric
/// metadata field. What the catalog's facets show, counted over the whole view.
public struct FieldFacet: Hashable, Sendable {
    /// A field a facet can be taken of.
    public enum Field: Hashable, Sendable {
        /// The rows' tags (a row counts once per tag).
        case tag
        /// The rows' split.
        case split
        /// The classes of the rows' current ground truth (a row counts once per class it has).
        case groundTruthClass
        /// A metadata field, by name.
        case metadata(String)
    }

    /// A value with how many rows have it.
    public struct Value: Hashable, Sendable {
        /// The value as text (`true`/`false` for booleans, ISO 8601 for dates).
        public var value: String
        /// Rows with it.
        public var count: Int

        /// A value and its count.
        public init(value: String, count: Int) {
            self.value = value
            self.count = count
        }
    }

    /// One bin `[lower, upper)` of a numeric field (the last bin includes `upper`).
    public struct Bin: Hashable, Sendable {
        /// The bin's lower edge.
        public var lower: Double
        /// The bin's upper edge.
        public var upper: Double
        /// Rows in it.
        public var count: Int

        /// A bin.
        public init(lower: Double, upper: Double, count: Int) {
            self.lower = lower
            self.upper = upper
            self.count = count
        }
    }

    /// How many rows of the view have a value of the field.
    public var rows: Int
    /// The most common values, by count descending then value (categorical fields).
    public var values: [Value]
    /// The bins, low to high (numeric fields); `nil` for categorical ones.
    public var bins: [Bin]?

    /// A facet.
    public init(rows: Int, values: [Value], bins: [Bin]?) {
        self.rows = rows
        self.values = values
        self.bins = bins
    }
}

/// A declared metadata field of a dataset and its kind (`string`, `number`, `bool`, `date`).
public struct MetadataField: Hashable, Sendable, Codable {
    /// The field's name.
    public var name: String
    /// Its kind.
    public var kind: String

    /// A field.
    public init(name: String, kind: String) {
        self.name = name
        self.kind = kind
    }
}
