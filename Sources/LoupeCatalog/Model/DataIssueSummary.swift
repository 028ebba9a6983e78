import Foundation
import LoupeCore

/// A stored data-issue report of one dataset, without its rows: what was checked, from which
/// space or run, with which parameters, and how it came out.
///
/// A dataset keeps one report per kind; computing a kind again replaces it. Its rows are read
/// with `Store.dataIssueRows` and filtered with `issue("KIND")` in the filter language.
public struct DataIssueSummary: Hashable, Sendable, Codable {
    /// Store id (never reused).
    public var id: Int64
    /// The dataset scored.
    public var datasetID: Int64
    /// The check.
    public var kind: DataIssueKind
    /// The embedding space the check read, for the embedding kinds.
    public var spaceID: Int64?
    /// The run the check read, for the label kinds.
    public var runID: Int64?
    /// A human description of the source (`space sms-tfidf`, `run voc-detector/baseline`).
    public var source: String
    /// The parameters it ran with, a JSON object (k, metric, similarity).
    public var parametersJSON: String
    /// The mean row score (`DataIssueReport.datasetScore`).
    public var datasetScore: Double
    /// How many rows are flagged.
    public var flaggedCount: Int
    /// How many rows were scored.
    public var rowCount: Int
    /// The flag threshold in the raw values' unit, when the check has one.
    public var threshold: Double?
    /// When it was stored.
    public var createdAt: Date

    /// A summary with all its fields.
    public init(id: Int64, datasetID: Int64, kind: DataIssueKind, spaceID: Int64?, runID: Int64?, source: String,
                parametersJSON: String, datasetScore: Double, flaggedCount: Int, rowCount: Int, threshold: Double?,
                createdAt: Date) {
        self.id = id
        self.datasetID = datasetID
        self.kind = kind
        self.spaceID = spaceID
        self.runID = runID
        self.source = source
        self.parametersJSON = parametersJSON
        self.datasetScore = datasetScore
        self.flaggedCount = flaggedCount
        self.rowCount = rowCount
        self.threshold = threshold
        self.createdAt = createdAt
    }
}

/// One row of a stored data-issue report.
public struct DataIssueRowScore: Hashable, Sendable, Codable {
    /// The row.
    public var rowID: Int64
    /// Its key.
    public var key: String
    /// Its score in `[0, 1]`, lower is worse.
    public var score: Double
    /// The measurement before mapping, `nil` where undefined.
    public var raw: Double?
    /// Whether the row is flagged.
    public var flagged: Bool
    /// Why, for a flagged row.
    public var reason: String?

    /// A row's stored score.
    public init(rowID: Int64, key: String, score: Double, raw: Double?, flagged: Bool, reason: String?) {
        self.rowID = rowID
        self.key = key
        self.score = score
        self.raw = raw
        self.flagged = flagged
        self.reason = reason
    }
}
