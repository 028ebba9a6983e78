/// Which metadata field predicts where the model fails: each field's association with a per-row
/// metric (correctness, IoU, loss), ranked by a strength score comparable across fields.
///
/// Rows: a row takes part in a field's analysis when its metric value is present and finite and its
/// field value is present (and finite, for numbers); `support` counts those rows.
///
/// - Numeric fields: Spearman's `ρ` between the field and the metric (`RankCorrelation`), its
///   t-approximation p-value and a seeded percentile-bootstrap interval. Strength `|ρ|`.
/// - Categorical fields: the metric's mean per value with a seeded percentile-bootstrap interval
///   (resampling that value's rows). Values with fewer than `minimumCategorySize` rows are pooled
///   into one `.rare` group, which is flagged as such and enters the statistics as one group, so that
///   identifiers and typos neither get a noisy mean of their own nor inflate the score. The score is
///   the correlation ratio: `η² = SS_between / SS_total` (Pearson 1905; the `R²` of the group means),
///   reported as is, and its bias-adjusted form `ε² = 1 − (SS_within / (N − k)) / (SS_total / (N − 1))`
///   (Kelley 1935), `k` groups after pooling. Strength `√max(0, ε²)`.
///
/// Why these strengths compare: for a two-valued field `η` is exactly `|r|` between the metric and
/// the 0/1 indicator, a correlation on the same scale as `|ρ|`; the raw `η²` grows with the number
/// of groups even when the field is noise (its null expectation is about `(k − 1) / (N − 1)`), which
/// `ε²` removes (null expectation about 0), so a 40-valued noise field does not outrank a real
/// numeric effect. A field with fewer than `minimumSupport` rows, a constant side, or (categorical)
/// fewer than two groups after pooling has no strength and is ranked after those that have one.
///
/// Order: strength descending, ties (and fields without strength) by name, then by input position.
/// Deterministic: each field's bootstrap seed is derived from `Parameters.seed` and the field's name
/// (FNV-1a), each group's from that and the value, so adding a field changes no other result.
public enum MetricImportance {
    /// A metadata field: one value per row, aligned with the metric.
    public struct Field: Hashable, Sendable {
        /// A field's per-row values; `nil` is "absent on this row".
        public enum Values: Hashable, Sendable {
            /// Numbers (NaN and infinities count as absent).
            case numeric([Double?])
            /// Category labels, compared as Swift strings (canonically equivalent spellings are one value).
            case categorical([String?])
        }

        /// The field's name, used for tie-breaks and seeds.
        public var name: String
        /// The values, one per row.
        public var values: Values

        /// A field from its name and values.
        public init(name: String, values: Values) {
            self.name = name
            self.values = values
        }

        /// The number of rows the field has values for (present or absent).
        public var count: Int {
            switch values {
            case .numeric(let v): v.count
            case .categorical(let v): v.count
            }
        }
    }

    /// Settings of `rank`, with documented defaults.
    public struct Parameters: Hashable, Sendable, Codable {
        /// Bootstrap resamples per interval (default 1000).
        public var resamples: Int
        /// The intervals' confidence (default 0.95).
        public var confidence: Double
        /// The base seed of every bootstrap (default 0).
        public var seed: UInt64
        /// Category values with fewer rows are pooled into the `.rare` group (default 5).
        public var minimumCategorySize: Int
        /// Fields with fewer rows get no strength (default 10).
        public var minimumSupport: Int

        /// Parameters; every argument has the documented default.
        public init(resamples: Int = Bootstrap.defaultResamples, confidence: Double = Bootstrap.defaultConfidence,
                    seed: UInt64 = 0, minimumCategorySize: Int = 5, minimumSupport: Int = 10) {
            self.resamples = resamples
            self.confidence = confidence
            self.seed = seed
            self.minimumCategorySize = minimumCategorySize
            self.minimumSupport = minimumSupport
        }
    }

    /// One field's association with the metric.
    public struct FieldImportance: Hashable, Sendable, Codable {
        /// The field's name.
        public var name: String
        /// The score fields are ranked by, in `[0, 1]`: `|ρ|` or `√max(0, ε²)` (see the type);
        /// `nil` when the association is undefined or rests on fewer than `minimumSupport` rows.
        public var strength: Double?
        /// Rows with both a metric value and a field value.
        public var support: Int
        /// The details, by kind of field.
        public var association: Association
    }

    /// The details of a field's association.
    public enum Association: Hashable, Sendable, Codable {
        /// A numeric field's rank correlation.
        case numeric(NumericAssociation)
        /// A categorical field's group means.
        case categorical(CategoricalAssociation)
    }

    /// Spearman's correlation of a numeric field with the metric.
    public struct NumericAssociation: Hashable, Sendable, Codable {
        /// `ρ` with its bootstrap interval and support; `nil` when undefined (fewer than 2 rows, or
        /// the field or the metric constant on the rows).
        public var rho: MetricEstimate?
        /// The two-sided p-value of `ρ = 0` (`RankCorrelation.twoSidedPValue`); `nil` below 3 rows.
        public var pValue: Double?
    }

    /// A categorical field's per-value means and correlation ratio.
    public struct CategoricalAssociation: Hashable, Sendable, Codable {
        /// One group per value with at least `minimumCategorySize` rows, ascending by value
        /// (Swift `String` order), then the `.rare` pool when there is one.
        public var groups: [CategoryGroup]
        /// `η² = SS_between / SS_total` over `groups`; `nil` with fewer than 2 groups or a constant metric.
        public var etaSquared: Double?
        /// Kelley's `ε²` (may be negative); `nil` where `η²` is, or when `N ≤ k`.
        public var adjustedEtaSquared: Double?
    }

    /// What a group of a categorical field stands for.
    public enum Category: Hashable, Sendable, Codable {
        /// All rows with this value.
        case value(String)
        /// The rows of the `valueCount` values that have fewer than `minimumCategorySize` rows each.
        case rare(valueCount: Int)
    }

    /// The metric's mean over one group of rows.
    public struct CategoryGroup: Hashable, Sendable, Codable {
        /// The value, or the pool of rare values.
        public var category: Category
        /// The mean, its percentile-bootstrap interval and the group's row count.
        public var mean: MetricEstimate
    }

    /// Ranks `fields` by how strongly they are associated with `metric`; see the type.
    ///
    /// Edge cases: no fields gives `[]`; a field without any usable row has support 0 and no
    /// strength; a constant metric gives no strength to any field.
    /// - Precondition: every field has `metric.count` values; the parameters are valid
    ///   (`resamples >= 0`, `0 < confidence < 1`, `minimumCategorySize >= 1`).
    /// - Complexity: per numeric field O(n log n + resamples · n); per categorical field
    ///   O(n log n + resamples · n); `n` the field's support.
    public static func rank(metric: [Double?], fields: [Field], parameters: Parameters = Parameters()) -> [FieldImportance] {
        precondition(parameters.minimumCategorySize >= 1, "metric importance: minimumCategorySize must be at least 1")
        let results = fields.map { field -> FieldImportance in
            precondition(field.count == metric.count,
                         "metric importance: field \"\(field.name)\" has \(field.count) values for \(metric.count) rows")
            let seed = stableSeed(parameters.seed, field.name)
            switch field.values {
            case .numeric(let values): return numeric(field.name, values, metric: metric, seed: seed, parameters: parameters)
            case .categorical(let values): return categorical(field.name, values, metric: metric, seed: seed, parameters: parameters)
            }
        }
        let order = results.indices.sorted { i, j in
            let a = results[i], b = results[j]
            switch (a.strength, b.strength) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.name != b.name ? a.name < b.name : i < j
            }
        }
        return order.map { results[$0] }
    }

    /// `SplitMix64.mix(base ^ FNV-1a(label))`: a seed that depends only on the base seed and the label.
    static func stableSeed(_ base: UInt64, _ label: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in label.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return SplitMix64.mix(base ^ hash)
    }
}
