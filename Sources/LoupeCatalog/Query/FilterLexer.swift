/// One token of the filter language, with its place in the text (offsets in Unicode scalars;
/// `FilterParser` turns them into character offsets when it reports an error).
struct FilterToken: Equatable, Sendable {
    /// What the token is.
    enum Kind: Equatable, Sendable {
        /// A word: a field name, a keyword, `asc`, `desc`.
        case identifier(String)
        /// A finite number, JSON syntax.
        case number(Double)
        /// A quoted string, escapes resolved.
        case string(String)
        /// Punctuation or an operator, including the misspellings the parser explains
        /// (`==`, `&&`, `||`, `!`, `<>`, `&`, `|`).
        case symbol(String)
        /// The end of the text.
        case end
    }

    var kind: Kind
    /// The first scalar of the token.
    var start: Int
    /// One past the last scalar of the token.
    var end: Int

    /// Whether this is the identifier `word` (keywords are case-sensitive).
    func isWord(_ word: String) -> Bool { kind == .identifier(word) }

    /// Whether this is the symbol `text`.
    func isSymbol(_ text: String) -> Bool { kind == .symbol(text) }
}

/// The filter language's lexer: produces one token at a time, on demand, so that the parser can
/// read a metadata name (`meta.camera-model`, `meta.2x`) with its own rule.
///
/// Every input yields tokens or a `FilterSyntaxError` whose position is a scalar offset; each call
/// consumes at least one scalar or returns `.end`, so lexing always terminates.
/// - Complexity: O(n) over the whole text.
struct FilterLexer: Sendable {
    let scalars: [Unicode.Scalar]
    private(set) var offset = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The next token, after any whitespace.
    mutating func next() throws(FilterSyntaxError) -> FilterToken {
        skipWhitespace()
        let start = offset
        guard let first = peek() else { return FilterToken(kind: .end, start: start, end: start) }
        if Self.isIdentifierStart(first) {
            while let scalar = peek(), Self.isIdentifierContinue(scalar) { offset += 1 }
            return FilterToken(kind: .identifier(text(start..<offset)), start: start, end: offset)
        }
        if Self.isDigit(first) || (first == "-" && peek(at: 1).map(Self.isDigit) == true) {
            return try number()
        }
        if first == "\"" || first == "'" {
            return try string()
        }
        for symbol in Self.symbols where matches(symbol) {
            offset += symbol.unicodeScalars.count
            return FilterToken(kind: .symbol(symbol), start: start, end: offset)
        }
        throw FilterSyntaxError(position: start, message: "unexpected character \(Self.describe(first))")
    }

    /// A metadata name after `meta.`: a run of ASCII letters, digits, `_` and `-`, or a quoted
    /// string; `nil` when neither is there (the parser reports what it found instead).
    mutating func metadataName() throws(FilterSyntaxError) -> FilterToken? {
        skipWhitespace()
        let start = offset
        guard let first = peek() else { return nil }
        if first == "\"" || first == "'" { return try string() }
        while let scalar = peek(), Self.isNameScalar(scalar) { offset += 1 }
        guard offset > start else { return nil }
        return FilterToken(kind: .identifier(text(start..<offset)), start: start, end: offset)
    }

    // MARK: - Numbers and strings

    /// JSON's number syntax: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, finite, not
    /// followed by a letter, digit, `_` or `.`.
    private mutating func number() throws(FilterSyntaxError) -> FilterToken {
        let start = offset
        var valid = true
        if peek() == "-" { offset += 1 }
        let integerStart = offset
        skipDigits()
        if offset - integerStart > 1 && scalars[integerStart] == "0" { valid = false }
        if peek() == "." {
            offset += 1
            if skipDigits() == 0 { valid = false }
        }
        if peek() == "e" || peek() == "E" {
            offset += 1
            if peek() == "+" || peek() == "-" { offset += 1 }
            if skipDigits() == 0 { valid = false }
        }
        while let scalar = peek(), Self.isIdentifierContinue(scalar) || scalar == "." {
            offset += 1
            valid = false
        }
        let written = text(start..<offset)
        guard valid, let value = Double(written) else {
            throw FilterSyntaxError(
                position: start, message: "invalid number \(Self.truncated(written))",
                hint: "numbers are written as in JSON: 12, -3.5, 0.25, 1e3")
        }
        guard value.isFinite else {
            throw FilterSyntaxError(position: start, message: "number \(Self.truncated(written)) is out of range")
        }
        return FilterToken(kind: .number(value), start: start, end: offset)
    }

    /// A string in double or single quotes with the escapes `\" \' \\ \/ \n \t \r \uXXXX`
    /// (a surrogate pair for scalars beyond U+FFFF); any other character stands for itself.
    private mutating func string() throws(FilterSyntaxError) -> FilterToken {
        let start = offset
        let quote = scalars[offset]
        offset += 1
        var value = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw FilterSyntaxError(
                    position: start, message: "unterminated string",
                    hint: "close it with \(quote); write \\\(quote) for a quote inside it")
            }
            offset += 1
            if scalar == quote { break }
            guard scalar == "\\" else {
                value.append(scalar)
                continue
            }
            guard peek() != nil else {
                throw FilterSyntaxError(
                    position: start, message: "unterminated string",
                    hint: "close it with \(quote); write \\\\ for a backslash at its end")
            }
            value.append(try escape(at: offset - 1))
        }
        return FilterToken(kind: .string(String(value)), start: start, end: offset)
    }

    /// The scalar an escape stands for; `backslash` is the escape's position, `offset` is after it
    /// and before at least one more scalar.
    private mutating func escape(at backslash: Int) throws(FilterSyntaxError) -> Unicode.Scalar {
        let letter = scalars[offset]
        offset += 1
        switch letter {
        case "\"", "'", "\\", "/": return letter
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        default: break
        }
        guard letter == "u" else {
            let shown = Self.describe(letter)
            throw FilterSyntaxError(
                position: backslash,
                message: shown.hasPrefix("'") ? "invalid escape \\\(letter)" : "invalid escape: \\ before \(shown)",
                hint: #"escapes are \" \' \\ \/ \n \t \r \uXXXX; write \\ for a backslash"#)
        }
        let high = try hexQuad(escapeAt: backslash)
        if let scalar = Unicode.Scalar(high) { return scalar }
        // A surrogate: only a high one followed by `\u` and a low one makes a scalar.
        if (0xD800...0xDBFF).contains(high), peek() == "\\", peek(at: 1) == "u" {
            let secondStart = offset
            offset += 2
            let low = try hexQuad(escapeAt: secondStart)
            if (0xDC00...0xDFFF).contains(low),
               let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) {
                return scalar
            }
        }
        throw FilterSyntaxError(
            position: backslash, message: "invalid escape: unpaired surrogate",
            hint: #"write a character beyond U+FFFF as a pair such as \uD83D\uDE00, or as itself"#)
    }

    /// Four hex digits after `\u`.
    private mutating func hexQuad(escapeAt backslash: Int) throws(FilterSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let scalar = peek(), let digit = Self.hexValue(scalar) else {
                throw FilterSyntaxError(
                    position: backslash, message: "invalid escape: \\u takes four hex digits",
                    hint: #"for example \u00e9"#)
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    // MARK: - Scanning helpers

    /// Operators and punctuation, longest first so that `<=` wins over `<`.
    private static let symbols = ["==", "!=", "<=", ">=", "<>", "&&", "||", "=", "<", ">", "~", "!", "&", "|",
                                  "(", ")", "[", "]", ",", ".", "-"]

    private func peek(at distance: Int = 0) -> Unicode.Scalar? {
        offset + distance < scalars.count ? scalars[offset + distance] : nil
    }

    private func matches(_ symbol: String) -> Bool {
        var index = offset
        for scalar in symbol.unicodeScalars {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
        }
        return true
    }

    private mutating func skipWhitespace() {
        while let scalar = peek(), scalar.properties.isWhitespace { offset += 1 }
    }

    @discardableResult
    private mutating func skipDigits() -> Int {
        let start = offset
        while let scalar = peek(), Self.isDigit(scalar) { offset += 1 }
        return offset - start
    }

    private func text(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    static func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || isDigit(scalar)
    }

    /// A scalar of an unquoted metadata name.
    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierContinue(scalar) || scalar == "-"
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 48
        case "a"..."f": scalar.value - 87
        case "A"..."F": scalar.value - 55
        default: nil
        }
    }

    /// A scalar for a message: `'x'` when visible, else its code point (`U+0000`, `U+200B`).
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let category = scalar.properties.generalCategory
        let invisible = scalar.value < 0x20 || (0x7F...0xA0).contains(scalar.value) || scalar.properties.isWhitespace
            || category == .format || category == .nonspacingMark || category == .enclosingMark
            || category == .unassigned || category == .privateUse
        guard invisible else { return "'\(scalar)'" }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Text for a message, cut to `limit` characters.
    static func truncated(_ text: String, to limit: Int = 24) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
