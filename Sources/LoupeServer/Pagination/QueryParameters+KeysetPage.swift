import LoupeCatalog

extension QueryParameters {
    /// The store page a keyset-paged list asks for: `limit` (1…1000, default 100) and the store
    /// position in `cursor`, which must be a cursor of the list `scope`.
    /// - Throws: `APIError.badRequest` naming `limit` or `cursor`.
    func keysetPage(scope: String) throws(APIError) -> PageRequest {
        let limit = try integer("limit", default: ListCursor.defaultLimit, in: 1...ListCursor.maximumLimit)
        let after = try self["cursor"].map { token throws(APIError) in
            PageCursor(lastID: try ListCursor(token: token, scope: scope).position)
        }
        return PageRequest(after: after, limit: limit)
    }
}

extension Page {
    /// The API cursor of the page after this one in the list `scope`, `nil` on the last page.
    func nextCursor(scope: String) -> String? {
        next.map { ListCursor(position: $0.lastID, scope: scope).token }
    }
}
