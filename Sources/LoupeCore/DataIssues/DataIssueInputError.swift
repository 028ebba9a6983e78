/// Why a data-issue check cannot run on its input: a metric it does not support, sizes that
/// disagree, a value out of range. Carries the row when one row is at fault.
public struct DataIssueInputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 0-based row at fault, when there is one.
    public var row: Int?
    /// What was wrong.
    public var reason: String

    /// An error at an optional row.
    public init(row: Int? = nil, reason: String) {
        self.row = row
        self.reason = reason
    }

    /// A one-line explanation with the location.
    public var description: String {
        if let row { "row \(row): \(reason)" } else { reason }
    }
}
