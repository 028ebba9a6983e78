extension FilterParser.State {
    /// The filter language's keywords (case-sensitive, lowercase).
    static let keywords: Set<String> = ["and", "or", "not", "in", "between", "is", "null", "true", "false"]

    /// Operators of other languages that the lexer recognizes, with what to write instead.
    static let misspellings: [String: String] = [
        "==": "use = to compare", "&&": "use and", "||": "use or", "!": "use not, or != to compare",
        "<>": "use != to compare", "&": "use and", "|": "use or",
    ]

    /// "expected WHAT, found TOKEN" at the token, with `hint` or else the token's own hint.
    func expected(_ what: String, found token: FilterToken, hint: String? = nil) -> FilterSyntaxError {
        FilterSyntaxError(
            position: token.start, message: "expected \(what), found \(describe(token))", hint: hint ?? tokenHint(token))
    }

    /// A token as a message shows it: a word or number as written, a string quoted, a symbol in
    /// single quotes, `the end of the filter`.
    func describe(_ token: FilterToken) -> String {
        switch token.kind {
        case .end: "the end of the \(subject)"
        case .identifier(let name): FilterLexer.truncated(name)
        case .number: FilterLexer.truncated(spelling(of: token))
        case .string(let text): FilterLexer.truncated(FilterValue.string(text).description)
        case .symbol(let text): "'\(text)'"
        }
    }

    /// A fix for a token that is a habit from another language: `==`, `&&`, `AND`.
    func tokenHint(_ token: FilterToken) -> String? {
        switch token.kind {
        case .symbol(let text):
            return Self.misspellings[text]
        case .identifier(let name):
            let lower = name.lowercased()
            let isKeyword = Self.keywords.contains(lower) || lower == "asc" || lower == "desc"
            return lower != name && isKeyword ? "keywords are lowercase: write \(lower)" : nil
        default:
            return nil
        }
    }

    /// A fix for a token found where a value for `field` was expected.
    func valueHint(_ token: FilterToken, for field: FilterField) -> String? {
        let type = FilterFieldType(field)
        switch token.kind {
        case .identifier("null"):
            return "write \(shown(field)) is null"
        case .identifier(let name) where !Self.keywords.contains(name) && tokenHint(token) == nil:
            return type == .text || type == .any ? "strings are quoted: \(FilterValue.string(name))" : nil
        case .number where type == .text:
            return "quote it: \(FilterValue.string(spelling(of: token)))"
        case .string(let text) where type == .number:
            guard let number = Double(text), number.isFinite else { return nil }
            return "numbers are written without quotes: \(FilterValue.number(number))"
        case .string, .number:
            return type == .bool ? "write true or false" : nil
        default:
            return tokenHint(token)
        }
    }

    /// A field for a message, cut to 60 characters.
    func shown(_ field: FilterField) -> String {
        FilterLexer.truncated(field.description, to: 60)
    }

    /// The token's text as written.
    func spelling(of token: FilterToken) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: lexer.scalars[token.start..<min(token.end, lexer.scalars.count)])
        return String(view)
    }
}
