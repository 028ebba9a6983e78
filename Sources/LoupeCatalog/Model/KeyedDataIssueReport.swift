import LoupeCore

/// A data-issue report with the keys of its rows: position `i` of the report is row `keys[i]`.
public struct KeyedDataIssueReport: Sendable {
    /// Row keys, in the report's order.
    public var keys: [String]
    /// The report.
    public var report: DataIssueReport

    /// A keyed report.
    public init(keys: [String], report: DataIssueReport) {
        self.keys = keys
        self.report = report
    }
}
