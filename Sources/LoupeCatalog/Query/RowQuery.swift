/// One page of the rows a filter selects, with how many it selects in all.
public struct RowQuery: Sendable {
    /// Rows the filter selects in all.
    public var count: Int
    /// The requested page of them, in sort order.
    public var rows: [DataRow]

    /// A result.
    public init(count: Int, rows: [DataRow]) {
        self.count = count
        self.rows = rows
    }
}
