/// A row to add to a labeling project, with its priority.
public struct LabelingItemSpec: Hashable, Sendable {
    /// The row.
    public var rowID: Int64
    /// Higher is claimed first.
    public var priority: Int

    /// A spec value.
    public init(rowID: Int64, priority: Int) {
        self.rowID = rowID
        self.priority = priority
    }
}
