/// `If-None-Match` handling shared by the asset and UI routes.
enum EntityTag {
    /// Whether an `If-None-Match` list names `etag` (weak comparison) or is `*`.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || (tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag) == etag
        }
    }
}
