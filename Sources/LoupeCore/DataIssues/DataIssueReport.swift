/// The one result shape of every data-issue check (outliers, uniqueness, representativeness,
/// near-duplicates, label errors, missing and spurious detection labels), so that the catalog
/// stores and the UI renders them all the same way (the contract of cleanlab's Datalab).
///
/// Per row `i`:
/// - `scores[i]` in `[0, 1]`, **lower is worse** (more of the issue); 1 is clean. Each check
///   documents how its raw measurement maps into `[0, 1]` (see `DataIssueScoring`).
/// - `rawValues[i]`: the measurement before mapping (a distance, a LOF, a probability), `nil` where
///   it is undefined (a row without neighbours); such a row scores 1 and is not flagged.
/// - `flags[i]`: whether the row is reported; each check documents its threshold.
/// - `reasons[i]`: a short human reason for a flagged row, `nil` for an unflagged one.
///
/// `datasetScore` is the mean of the row scores (1 for an empty dataset): the share of "cleanness"
/// left, comparable across datasets of one kind.
public struct DataIssueReport: Hashable, Sendable, Codable {
    /// The check that produced this report.
    public var kind: DataIssueKind
    /// Per-row score in `[0, 1]`, lower is worse.
    public var scores: [Double]
    /// Per-row raw measurement, `nil` where undefined.
    public var rawValues: [Double?]
    /// Per-row flag.
    public var flags: [Bool]
    /// Per-row reason, present exactly for flagged rows.
    public var reasons: [String?]
    /// The mean row score (1 when there are no rows).
    public var datasetScore: Double
    /// The threshold the flags were decided with, in the unit of `rawValues`, when the check uses one.
    public var threshold: Double?

    /// A report from per-row values; the dataset score is the mean of `scores`.
    /// - Precondition: all arrays have one entry per row; every score is in `[0, 1]`; a reason is
    ///   present exactly when the row is flagged.
    /// - Complexity: O(n).
    public init(kind: DataIssueKind, scores: [Double], rawValues: [Double?], flags: [Bool], reasons: [String?],
                threshold: Double?) {
        let n = scores.count
        precondition(rawValues.count == n && flags.count == n && reasons.count == n,
                     "DataIssueReport: \(n) scores, \(rawValues.count) raw values, \(flags.count) flags, \(reasons.count) reasons")
        precondition(scores.allSatisfy { $0 >= 0 && $0 <= 1 }, "DataIssueReport: a score is outside [0, 1]")
        precondition(zip(flags, reasons).allSatisfy { $0 == ($1 != nil) }, "DataIssueReport: a reason for each flag only")
        self.kind = kind
        self.scores = scores
        self.rawValues = rawValues
        self.flags = flags
        self.reasons = reasons
        self.threshold = threshold
        datasetScore = n == 0 ? 1 : scores.reduce(0, +) / Double(n)
    }

    /// The number of rows.
    public var count: Int { scores.count }

    /// The flagged rows, worst (lowest score) first, ties by row index.
    /// - Complexity: O(n log n).
    public var flaggedRows: [Int] {
        scores.indices.filter { flags[$0] }.sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
    }
}
