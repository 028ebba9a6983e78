extension Page {
    /// Every item of a paged list, reading pages of `limit` items in order.
    /// - Parameter fetch: one page of the list after a cursor.
    public static func all(limit: Int = 50_000, _ fetch: (PageRequest) async throws -> Page<Item>) async throws -> [Item] {
        var items: [Item] = []
        var cursor: PageCursor?
        repeat {
            let page = try await fetch(PageRequest(after: cursor, limit: limit))
            items += page.items
            cursor = page.next
        } while cursor != nil
        return items
    }
}
