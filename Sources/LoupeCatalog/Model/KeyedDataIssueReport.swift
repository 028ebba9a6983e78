import LoupeCore

/// A data-issue report with the rows it scored: position `i` of the report is the row with id
/// `rowIDs[i]` and key `keys[i]`.
public struct KeyedDataIssueReport: Sendable {
    /// Row ids, in the report's order.
    public var rowIDs: [Int64]
    /// Row keys, in the report's order.
    public var keys: [String]
    /// The report.
    public var report: DataIssueReport

    /// A keyed report.
    /// - Precondition: `rowIDs`, `keys` and the report have one entry per row.
    public init(rowIDs: [Int64], keys: [String], report: DataIssueReport) {
        precondition(rowIDs.count == report.count && keys.count == report.count,
                     "KeyedDataIssueReport: \(rowIDs.count) ids and \(keys.count) keys for \(report.count) rows")
        self.rowIDs = rowIDs
        self.keys = keys
        self.report = report
    }
}
