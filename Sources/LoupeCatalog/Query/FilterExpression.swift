/// A parsed filter over a dataset's rows: the value the filter language (`docs/query.md`)
/// parses into, which each store compiles to parameterized SQL of its own dialect.
///
/// Predicates on fields with many values per row (tags, ground-truth objects, predictions) hold
/// when **some** value satisfies them (`gt.class = "cat"`: the row has a cat); `not` negates the
/// whole predicate (`not gt.class = "cat"`: the row has no cat).
public indirect enum FilterExpression: Hashable, Sendable {
    /// Both hold.
    case and(FilterExpression, FilterExpression)
    /// Either holds.
    case or(FilterExpression, FilterExpression)
    /// It does not hold.
    case not(FilterExpression)
    /// `field OP value`.
    case compare(FilterField, ComparisonOperator, FilterValue)
    /// `field in [v1, v2, …]`: equal to one of the values.
    case oneOf(FilterField, [FilterValue])
    /// `field between low and high`: `low <= field <= high`.
    case between(FilterField, FilterValue, FilterValue)
    /// `field ~ "text"`: contains the text, ignoring ASCII case.
    case contains(FilterField, String)
    /// `field is null` (`true`) or `field is not null` (`false`): the value is absent.
    case isNull(FilterField, Bool)
}

/// A comparison operator of the filter language.
public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A literal of the filter language.
public enum FilterValue: Hashable, Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
}

/// A per-row metric of a run's stored evaluation (`run("A").fp`).
public enum RunRowMetric: String, Hashable, Sendable, CaseIterable {
    /// Detection: matched predictions.
    case tp
    /// Detection: unmatched predictions.
    case fp
    /// Detection: missed objects.
    case fn
    /// Detection: mean IoU of the matches.
    case iou
    /// Classification: the top class is the true class.
    case correct
    /// Classification: the top class's probability.
    case confidence
    /// Classification: the entropy of the probabilities (nats).
    case entropy
    /// Classification: top-1 minus top-2 probability.
    case margin
}

/// What a filter or sort refers to.
public enum FilterField: Hashable, Sendable {
    /// The row key (text).
    case key
    /// The split (text).
    case split
    /// `image` or `text`.
    case kind
    /// The row's `uri` (text).
    case uri
    /// A row's text, for text rows.
    case text
    /// A tag of the row (many per row).
    case tag
    /// Image width in pixels.
    case width
    /// Image height in pixels.
    case height
    /// The current label version (0 = unlabeled).
    case labelVersion
    /// A metadata field, typed by its declared kind.
    case metadata(String)
    /// The class of a current ground-truth object (many per row).
    case groundTruthClass
    /// The number of current ground-truth objects, of one class when named.
    case groundTruthCount(className: String?)
    /// The area of a current ground-truth object (many per row).
    case groundTruthArea
    /// The class of a prediction of the named run (or of any run when `nil`; many per row).
    case predictionClass(run: String?)
    /// The score of a prediction of the named run (or of any run; many per row).
    case predictionScore(run: String?)
    /// A per-row metric of the run's evaluation stored under `key` (default `default`).
    case runMetric(run: String, key: String?, metric: RunRowMetric)
    /// A per-row custom metric the team stored on the run (`run("A").custom("loss")`).
    case customMetric(run: String, name: String)
    /// The row's score in the dataset's stored data-issue report of a kind (`issue("outlier_lof")`,
    /// in [0, 1], lower is worse), or its flag (`issue("outlier_lof").flagged`).
    case dataIssue(kind: String, flagged: Bool)
}

/// One sort key: a field and a direction. Rows without a value sort last either way; ties are
/// broken by row id.
public struct SortKey: Hashable, Sendable {
    /// What to sort by; for fields with many values per row, the largest.
    public var field: FilterField
    /// Largest first.
    public var descending: Bool

    /// A sort key.
    public init(field: FilterField, descending: Bool = false) {
        self.field = field
        self.descending = descending
    }
}

/// A filter or sort that does not parse: where, what, and how to fix it.
public struct FilterSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 0-based character offset in the filter text.
    public var position: Int
    /// What is wrong there.
    public var message: String
    /// A suggestion (`did you mean meta.camera?`), if any.
    public var hint: String?

    /// An error at `position`.
    public init(position: Int, message: String, hint: String? = nil) {
        self.position = position
        self.message = message
        self.hint = hint
    }

    /// `at 12: expected a value after '=' (hint: …)`.
    public var description: String {
        "at \(position + 1): \(message)" + (hint.map { " (\($0))" } ?? "")
    }

    /// The filter with a caret under the position, for terminals.
    public func pointing(into text: String) -> String {
        text + "\n" + String(repeating: " ", count: max(0, min(position, text.count))) + "^"
    }
}
