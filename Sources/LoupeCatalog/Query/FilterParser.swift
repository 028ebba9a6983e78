/// The filter language's parser (`docs/query.md`): filter text to a `FilterExpression`, sort text
/// to `SortKey`s.
///
/// Precedence, loosest first: `or`, `and`, `not`; `and` and `or` group to the left
/// (`a or b or c` is `.or(.or(a, b), c)`). Keywords are lowercase. Values are checked against the
/// field's type where it is known (strings for text fields, numbers for numeric fields, `true` or
/// `false` for `correct`); metadata takes any literal, its kind is checked by the store.
///
/// Every input returns an expression or throws a `FilterSyntaxError` with the 0-based character
/// offset of the offending token: no input crashes or hangs. Nesting (`(` and `not`) is capped at
/// `maximumNesting` and the number of conditions at `maximumConditions`, which also bounds the
/// depth of the tree every later recursive walk sees.
public enum FilterParser {
    /// The most `(` and `not` that may enclose one another.
    public static let maximumNesting = 100

    /// The most conditions (predicates) one filter may hold; long value lists belong in `in [...]`.
    public static let maximumConditions = 1000

    /// Parses filter text such as `meta.camera = "x100" and run("baseline").fp >= 2`.
    /// - Throws: `FilterSyntaxError` at the first token that does not fit, with a hint where one
    ///   helps (`did you mean gt.class?`, `use = to compare`).
    /// - Complexity: O(n) in the length of the text.
    public static func parse(_ text: String) throws(FilterSyntaxError) -> FilterExpression {
        var state = State(text, subject: "filter")
        do {
            return try state.filter()
        } catch {
            throw error.locating(in: text)
        }
    }

    /// Parses sort text: comma-separated fields, each optionally followed by `asc` or `desc` or
    /// prefixed with `-` for descending (`-run("A").fp, key`). Blank text is no sort keys.
    /// - Throws: `FilterSyntaxError` as `parse` does.
    /// - Complexity: O(n) in the length of the text.
    public static func parseSort(_ text: String) throws(FilterSyntaxError) -> [SortKey] {
        var state = State(text, subject: "sort")
        do {
            return try state.sortKeys()
        } catch {
            throw error.locating(in: text)
        }
    }
}

extension FilterParser {
    /// The parser's cursor: the lexer, one token of lookahead, and the nesting and condition counts.
    /// Positions in errors thrown from here are scalar offsets until `parse` locates them.
    struct State {
        var lexer: FilterLexer
        var lookahead: FilterToken?
        /// `filter` or `sort`, for "the end of the filter".
        let subject: String
        var depth = 0
        var conditions = 0

        init(_ text: String, subject: String) {
            lexer = FilterLexer(text)
            self.subject = subject
        }

        mutating func peek() throws(FilterSyntaxError) -> FilterToken {
            if let lookahead { return lookahead }
            let token = try lexer.next()
            lookahead = token
            return token
        }

        @discardableResult
        mutating func advance() throws(FilterSyntaxError) -> FilterToken {
            let token = try peek()
            lookahead = nil
            return token
        }

        // MARK: - Expressions

        /// The whole filter: one expression and the end of the text.
        mutating func filter() throws(FilterSyntaxError) -> FilterExpression {
            if try peek().kind == .end {
                throw FilterSyntaxError(position: 0, message: "empty filter", hint: #"write a condition such as split = "val""#)
            }
            let expression = try orExpression()
            let next = try peek()
            if next.kind == .end { return expression }
            if next.isSymbol(")") {
                throw FilterSyntaxError(position: next.start, message: "unmatched ')'", hint: "remove it or add the '(' it closes")
            }
            throw expected("and, or or the end of the filter", found: next)
        }

        /// `andExpr ("or" andExpr)*`, grouped to the left.
        mutating func orExpression() throws(FilterSyntaxError) -> FilterExpression {
            var expression = try andExpression()
            while try peek().isWord("or") {
                advanceKnown()
                expression = .or(expression, try andExpression())
            }
            return expression
        }

        /// `unary ("and" unary)*`, grouped to the left.
        mutating func andExpression() throws(FilterSyntaxError) -> FilterExpression {
            var expression = try unary()
            while try peek().isWord("and") {
                advanceKnown()
                expression = .and(expression, try unary())
            }
            return expression
        }

        /// `"not" unary | "(" expr ")" | predicate`.
        mutating func unary() throws(FilterSyntaxError) -> FilterExpression {
            let token = try peek()
            if token.isWord("not") {
                advanceKnown()
                try enter(token)
                defer { depth -= 1 }
                return .not(try unary())
            }
            if token.isSymbol("(") {
                advanceKnown()
                try enter(token)
                defer { depth -= 1 }
                let expression = try orExpression()
                let close = try advance()
                if close.isSymbol(")") { return expression }
                if close.kind == .end {
                    throw FilterSyntaxError(position: token.start, message: "unclosed '('", hint: "add the ')' that closes it")
                }
                throw expected("')', and or or", found: close)
            }
            return try predicate()
        }

        /// Discards the token `peek()` just returned.
        mutating func advanceKnown() {
            lookahead = nil
        }

        /// One more level of nesting, refused past `maximumNesting`.
        private mutating func enter(_ token: FilterToken) throws(FilterSyntaxError) {
            depth += 1
            guard depth <= FilterParser.maximumNesting else {
                throw FilterSyntaxError(
                    position: token.start, message: "nesting deeper than \(FilterParser.maximumNesting) levels",
                    hint: "remove redundant parentheses and double negations")
            }
        }

        // MARK: - Predicates

        /// `field OP value | field in [...] | field between v and v | field ~ "s" |
        /// field is [not] null | boolField`.
        mutating func predicate() throws(FilterSyntaxError) -> FilterExpression {
            let start = try peek()
            conditions += 1
            guard conditions <= FilterParser.maximumConditions else {
                throw FilterSyntaxError(
                    position: start.start, message: "more than \(FilterParser.maximumConditions) conditions",
                    hint: "write a long list of values as field in [v1, v2, …]")
            }
            let field = try field()
            let type = FilterFieldType(field)
            let token = try peek()
            switch token.kind {
            case .symbol(let text) where ComparisonOperator(rawValue: text) != nil:
                let comparison = ComparisonOperator(rawValue: text)!
                if type == .bool && comparison != .equal && comparison != .notEqual {
                    throw FilterSyntaxError(
                        position: token.start, message: "\(shown(field)) is true or false: it takes = or !=, not \(text)")
                }
                advanceKnown()
                return .compare(field, comparison, try value(for: field))
            case .identifier("in"):
                advanceKnown()
                let open = try advance()
                guard open.isSymbol("[") else {
                    let example = switch open.kind {
                    case .string, .number, .identifier("true"), .identifier("false"): describe(open)
                    default: type.example
                    }
                    throw expected("'[' after in", found: open, hint: "write \(shown(field)) in [\(example), …]")
                }
                var values = [try value(for: field)]
                while true {
                    let next = try advance()
                    if next.isSymbol("]") { return .oneOf(field, values) }
                    guard next.isSymbol(",") else { throw expected("',' or ']'", found: next) }
                    values.append(try value(for: field))
                }
            case .identifier("between"):
                guard type == .number || type == .any else {
                    throw FilterSyntaxError(
                        position: token.start, message: "between needs a numeric field; \(shown(field)) is \(type.name)")
                }
                advanceKnown()
                let low = try value(for: field)
                let and = try advance()
                guard and.isWord("and") else {
                    throw expected("and between the bounds", found: and, hint: "write \(shown(field)) between 1 and 5")
                }
                return .between(field, low, try value(for: field))
            case .symbol("~"):
                guard type == .text || type == .any else {
                    throw FilterSyntaxError(
                        position: token.start, message: "~ (contains) needs a text field; \(shown(field)) is \(type.name)")
                }
                advanceKnown()
                let needle = try advance()
                guard case .string(let text) = needle.kind else {
                    throw expected("a string after ~", found: needle, hint: valueHint(needle, for: field))
                }
                return .contains(field, text)
            case .identifier("is"):
                advanceKnown()
                var next = try advance()
                let negated = next.isWord("not")
                if negated { next = try advance() }
                guard next.isWord("null") else {
                    throw expected(negated ? "null after is not" : "null or not null after is", found: next)
                }
                return .isNull(field, !negated)
            default:
                if token.isWord("not") {
                    throw expected("an operator after \(shown(field))", found: token, hint: "put not before the condition: not \(shown(field)) …")
                }
                if case .symbol(let text) = token.kind, Self.misspellings[text] != nil {
                    throw expected("an operator after \(shown(field))", found: token)
                }
                if case .metadata = field, token.isSymbol(".") {
                    throw expected("an operator after \(shown(field))", found: token,
                                   hint: #"quote a metadata name that has dots: meta."camera.model""#)
                }
                // A bare boolean field (or metadata, whose kind the store checks) means `= true`.
                if type == .bool || type == .any { return .compare(field, .equal, .bool(true)) }
                throw expected("an operator after \(shown(field)) (=, !=, <, <=, >, >=, in, between, ~ or is)", found: token)
            }
        }

        /// A literal the field's type accepts.
        mutating func value(for field: FilterField) throws(FilterSyntaxError) -> FilterValue {
            let type = FilterFieldType(field)
            let token = try advance()
            let value: FilterValue
            switch token.kind {
            case .number(let number): value = .number(number)
            case .string(let text): value = .string(text)
            case .identifier("true"): value = .bool(true)
            case .identifier("false"): value = .bool(false)
            default: throw expected("\(type.expectedValue) for \(shown(field))", found: token, hint: valueHint(token, for: field))
            }
            guard type.accepts(value) else {
                throw expected("\(type.expectedValue) for \(shown(field))", found: token, hint: valueHint(token, for: field))
            }
            return value
        }
    }
}

extension FilterSyntaxError {
    /// The same error with its scalar offset in `text` turned into a character offset (the
    /// character that holds that scalar, or `text.count` at the end).
    func locating(in text: String) -> FilterSyntaxError {
        var scalars = 0
        var characters = 0
        for character in text {
            scalars += character.unicodeScalars.count
            if scalars > position { break }
            characters += 1
        }
        return FilterSyntaxError(position: characters, message: message, hint: hint)
    }
}
