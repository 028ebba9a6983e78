extension FilterParser.State {
    /// `key ("," key)*` with `key := ["-"] field ["asc" | "desc"]`; blank text is no keys.
    mutating func sortKeys() throws(FilterSyntaxError) -> [SortKey] {
        if try peek().kind == .end { return [] }
        var keys: [SortKey] = []
        while true {
            let dash = try peek().isSymbol("-")
            if dash { advanceKnown() }
            let field = try field()
            var descending = dash
            let direction = try peek()
            let hasDirection = direction.isWord("asc") || direction.isWord("desc")
            if hasDirection {
                if dash {
                    throw FilterSyntaxError(
                        position: direction.start, message: "both '-' and \(direction.isWord("asc") ? "asc" : "desc") on \(shown(field))",
                        hint: "write -\(shown(field)) or \(shown(field)) desc")
                }
                advanceKnown()
                descending = direction.isWord("desc")
            }
            keys.append(SortKey(field: field, descending: descending))
            let separator = try advance()
            if separator.kind == .end { return keys }
            guard separator.isSymbol(",") else {
                throw expected(
                    hasDirection ? "',' or the end of the sort" : "',', asc, desc or the end of the sort", found: separator,
                    hint: separator.isWord("and") ? "separate sort keys with ','" : nil)
            }
        }
    }
}
