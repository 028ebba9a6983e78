/// What adding a batch to a labeling project did.
public struct LabelingBatchResult: Hashable, Sendable, Codable {
    /// Rows that became new items.
    public var added: Int
    /// Existing items whose priority and batch were replaced (only when asked).
    public var updated: Int
    /// Existing items left as they were.
    public var unchanged: Int

    /// A result value.
    public init(added: Int, updated: Int, unchanged: Int) {
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
    }
}
