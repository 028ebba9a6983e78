/// An opaque position in a list, handed back by one page to ask for the next.
///
/// Lists are ordered by store id, so a cursor is stable under concurrent inserts: new items
/// land after it, and nothing is seen twice.
public struct PageCursor: Hashable, Sendable, CustomStringConvertible {
    /// The id of the last item of the previous page.
    public let lastID: Int64

    /// A cursor after the item with `lastID`.
    public init(lastID: Int64) {
        self.lastID = lastID
    }

    /// Reads a token written by `token`; `nil` when it is not one.
    public init?(token: String) {
        guard token.hasPrefix("c"), let id = Int64(token.dropFirst(), radix: 36), id >= 0 else { return nil }
        self.lastID = id
    }

    /// The opaque token form, for URLs and JSON.
    public var token: String { "c" + String(lastID, radix: 36) }

    /// The token.
    public var description: String { token }
}

/// Which page of a list to read.
public struct PageRequest: Hashable, Sendable {
    /// Start after this position; `nil` for the first page.
    public var after: PageCursor?
    /// At most this many items (clamped to 1…100,000).
    public var limit: Int

    /// A page request.
    public init(after: PageCursor? = nil, limit: Int = 1000) {
        self.after = after
        self.limit = min(max(limit, 1), 100_000)
    }
}

/// One page of a list and the cursor for the next, `nil` when this is the last page.
public struct Page<Item: Sendable>: Sendable {
    /// The items, in store-id order.
    public var items: [Item]
    /// Where the next page starts, or `nil` at the end.
    public var next: PageCursor?

    /// A page.
    public init(items: [Item], next: PageCursor?) {
        self.items = items
        self.next = next
    }
}
