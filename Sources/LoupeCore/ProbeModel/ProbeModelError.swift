/// Why a probe model cannot be fitted or applied: sizes that disagree, a label out of range, a
/// feature that is not finite, a regularization that is not positive, too few rows to split.
/// Carries the row when one row is at fault.
public struct ProbeModelError: Error, Hashable, Sendable, CustomStringConvertible {
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
