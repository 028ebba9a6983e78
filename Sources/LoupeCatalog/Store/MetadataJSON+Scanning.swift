/// A flat JSON object of scalars read without Foundation: the shape every store writes metadata
/// in (`MetadataJSON.encode`). Reading a page of rows decodes one object per row, and
/// `JSONSerialization` (a tree of `Any`, bridged numbers) cost more than the query that found them.
extension MetadataJSON {
    /// One scalar of a flat object, as written.
    enum Scalar: Equatable {
        case string(String)
        /// The number's text, exactly as written (parsed by the caller).
        case number(Substring)
        case bool(Bool)
    }

    /// The members of a JSON object whose values are all strings, numbers or booleans, in the
    /// order written; `nil` for anything else (nesting, `null`, bad syntax, invalid escapes), which
    /// the caller hands to a full JSON parser instead.
    /// - Complexity: O(n) in the length of the text.
    static func scanFlatObject(_ json: String) -> [(name: String, value: Scalar)]? {
        var scanner = Scanner(bytes: Array(json.utf8))
        return scanner.flatObject()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func flatObject() -> [(name: String, value: Scalar)]? {
            skipSpace()
            guard consume(UInt8(ascii: "{")) else { return nil }
            var members: [(name: String, value: Scalar)] = []
            skipSpace()
            if consume(UInt8(ascii: "}")) { return finished() ? members : nil }
            while true {
                skipSpace()
                guard let name = string() else { return nil }
                skipSpace()
                guard consume(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                guard let value = scalar() else { return nil }
                members.append((name, value))
                skipSpace()
                if consume(UInt8(ascii: ",")) { continue }
                guard consume(UInt8(ascii: "}")) else { return nil }
                return finished() ? members : nil
            }
        }

        private mutating func finished() -> Bool {
            skipSpace()
            return index == bytes.count
        }

        private mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        private mutating func consume(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        private mutating func consume(word: String) -> Bool {
            let word = Array(word.utf8)
            guard index + word.count <= bytes.count, Array(bytes[index..<index + word.count]) == word else { return false }
            index += word.count
            return true
        }

        private mutating func scalar() -> Scalar? {
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""): return string().map(Scalar.string)
            case UInt8(ascii: "t"): return consume(word: "true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return consume(word: "false") ? .bool(false) : nil
            default: return number().map(Scalar.number)
            }
        }

        /// A number by JSON's grammar: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
        private mutating func number() -> Substring? {
            let start = index
            _ = consume(UInt8(ascii: "-"))
            if consume(UInt8(ascii: "0")) {
                // A leading zero stands alone.
            } else if digits() == 0 {
                return nil
            }
            if consume(UInt8(ascii: ".")), digits() == 0 { return nil }
            if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
                if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
                if digits() == 0 { return nil }
            }
            return Substring(decoding: bytes[start..<index], as: UTF8.self)
        }

        private mutating func digits() -> Int {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index - start
        }

        /// A string literal; escapes decoded, `\u` surrogate pairs joined, lone surrogates and
        /// raw control characters refused.
        private mutating func string() -> String? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            var text: [UInt8] = []
            var plainStart = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    text += bytes[plainStart..<index]
                    index += 1
                    return String(validating: text, as: UTF8.self)
                }
                if byte < 0x20 { return nil }
                guard byte == UInt8(ascii: "\\") else { index += 1; continue }
                text += bytes[plainStart..<index]
                index += 1
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    text += Array(String(Character(scalar)).utf8)
                default: return nil
                }
                plainStart = index
            }
            return nil
        }

        /// The scalar of `\uXXXX` (the `\u` already read), joining a surrogate pair.
        private mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let high = hex4() else { return nil }
            if (0xD800...0xDBFF).contains(high) {
                guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")), let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            return Unicode.Scalar(high)
        }

        private mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[index..<index + 4] {
                guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
                value = value << 4 | UInt32(digit)
            }
            index += 4
            return value
        }
    }
}
