/// Why labels or probabilities cannot be evaluated: a value outside its range, or sizes that
/// disagree. Carries the row (and column) where the problem was found.
public struct ClassificationInputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 0-based row of the offending value, when one row is at fault.
    public var row: Int?
    /// The 0-based class column of the offending probability, when one value is at fault.
    public var column: Int?
    /// What was wrong.
    public var reason: String

    /// An error at an optional row and column.
    public init(row: Int? = nil, column: Int? = nil, reason: String) {
        self.row = row
        self.column = column
        self.reason = reason
    }

    /// A one-line explanation with the location.
    public var description: String {
        switch (row, column) {
        case let (row?, column?): "row \(row), class \(column): \(reason)"
        case let (row?, nil): "row \(row): \(reason)"
        default: reason
        }
    }
}
