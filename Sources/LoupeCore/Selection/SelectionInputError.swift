/// Why a selection strategy or a probe model cannot run on its input: a pool row out of range or
/// repeated, arrays whose lengths disagree, a value that is not finite, a missing input the
/// strategy needs. Carries the row when one row is at fault.
public struct SelectionInputError: Error, Hashable, Sendable, CustomStringConvertible {
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
