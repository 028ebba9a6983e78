import Foundation

/// A byte-level JSON reader over a buffer: the caller pulls the values it expects, and every
/// failure names a JSON path (and the column or offset, for malformed JSON).
///
/// It accepts exactly RFC 8259 JSON (no comments, no trailing commas, no `NaN`). Numbers are read
/// exactly (a fast path for up to 15 significant digits, `strtod` otherwise). Used for the JSONL
/// line format and for large whole-file documents such as COCO results, where `JSONDecoder`
/// costs several times more than the work done with the values.
struct JSONScanner {
    /// Why the input could not be read, and where (a JSON path; the column for syntax errors).
    struct Failure: Error {
        var path: String
        var message: String
        /// The input is not well-formed JSON (rather than JSON of the wrong shape).
        var isSyntax = false
        /// The byte offset where reading stopped.
        var offset = 0
        /// For syntax errors, what was wrong, without the position.
        var reason = ""
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: Tokens

    var peek: UInt8 { index < bytes.count ? bytes[index] : 0 }

    mutating func skipSpace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else { return }
            index += 1
        }
    }

    mutating func colon() throws(Failure) {
        skipSpace()
        guard peek == UInt8(ascii: ":") else { throw syntax("$", index < bytes.count ? "expected ':' after a name" : "the input ends inside an object") }
        index += 1
        skipSpace()
    }

    /// Consumes `null` if it is next.
    mutating func null() throws(Failure) -> Bool {
        guard peek == UInt8(ascii: "n") else { return false }
        try literal("null", "$")
        return true
    }

    mutating func literalBool(_ path: String) throws(Failure) -> Bool {
        if peek == UInt8(ascii: "t") { try literal("true", path); return true }
        try literal("false", path)
        return false
    }

    mutating func literal(_ word: StaticString, _ path: String) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
              memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 else {
            throw syntax(path, "expected '\(word)'")
        }
        index += count
    }

    /// A string at `index` (which holds the opening quote).
    mutating func string(path: String) throws(Failure) -> String {
        let start = index + 1
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            end += 1
        }
        guard end < bytes.count else { throw syntax(path, "the input ends inside a string") }
        if bytes[end] == UInt8(ascii: "\"") {
            index = end + 1
            return try Self.text(UnsafeBufferPointer(rebasing: bytes[start..<end]), path: path)
        }
        index = end
        var buffer = Array(bytes[start..<end])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return try buffer.withUnsafeBufferPointer { (raw) throws(Failure) in try Self.text(raw, path: path) }
            case UInt8(ascii: "\\"):
                try escape(into: &buffer, path: path)
            case ..<0x20:
                throw syntax(path, "a control character inside a string (escape it)")
            default:
                buffer.append(byte)
                index += 1
            }
        }
        throw syntax(path, "the input ends inside a string")
    }

    /// The string of UTF-8 bytes, refusing invalid UTF-8 (`String(decoding:)` would repair it).
    static func text(_ raw: UnsafeBufferPointer<UInt8>, path: String) throws(Failure) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        var ascii = true
        for byte in raw where byte >= 0x80 {
            ascii = false
            break
        }
        guard ascii || text.utf8.elementsEqual(raw) else {
            throw Failure(path: path, message: "the string is not valid UTF-8")
        }
        return text
    }

    mutating func escape(into buffer: inout [UInt8], path: String) throws(Failure) {
        guard index + 1 < bytes.count else { throw syntax(path, "the input ends inside a string") }
        let code = bytes[index + 1]
        index += 2
        switch code {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(code)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4(path)
            if (0xD800..<0xDC00).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw syntax(path, "an unpaired surrogate in a \\u escape")
                }
                index += 2
                let low = try hex4(path)
                guard (0xDC00..<0xE000).contains(low) else { throw syntax(path, "an unpaired surrogate in a \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw syntax(path, "an unpaired surrogate in a \\u escape")
            }
            buffer.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        default:
            index -= 1
            throw syntax(path, "an invalid escape '\\\(Character(Unicode.Scalar(code)))'")
        }
    }

    mutating func hex4(_ path: String) throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw syntax(path, "the input ends inside a \\u escape") }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw syntax(path, "expected four hex digits after \\u")
            }
            value = value << 4 | digit
        }
        index += 4
        return value
    }

    /// A JSON number as a finite `Double` (exact when it has at most 15 significant digits and a
    /// small exponent; otherwise through `strtod`, which rounds correctly).
    mutating func number(_ path: String) throws(Failure) -> Double {
        let start = index
        if peek == UInt8(ascii: "N") || peek == UInt8(ascii: "I")
            || (peek == UInt8(ascii: "-") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "I")) {
            throw syntax(path, "NaN and Infinity are not JSON numbers "
                + "(Python's json module writes them for float('nan') and float('inf')); expected a finite number")
        }
        var negative = false
        if peek == UInt8(ascii: "-") { negative = true; index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let integerStart = index
        while index < bytes.count, isDigit(bytes[index]) {
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[index] - UInt8(ascii: "0")) } else { exponent += 1 }
            if mantissa > 0 || digits > 0 { digits += 1 }
            index += 1
        }
        let integerDigits = index - integerStart
        guard integerDigits > 0 else {
            index = start
            if index < bytes.count, !isDigit(bytes[index]), bytes[index] != UInt8(ascii: "-") {
                throw typeMismatch(path, expected: "a number")
            }
            throw syntax(path, "expected a number")
        }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") { throw syntax(path, "a number with a leading zero") }
        if peek == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[index] - UInt8(ascii: "0"))
                    exponent -= 1
                    if mantissa > 0 { digits += 1 }
                }
                index += 1
            }
            guard index > fractionStart else { throw syntax(path, "expected digits after '.'") }
        }
        var exact = digits <= 15
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            var exponentSign = 1
            if peek == UInt8(ascii: "+") { index += 1 } else if peek == UInt8(ascii: "-") { exponentSign = -1; index += 1 }
            let exponentStart = index
            var written = 0
            while index < bytes.count, isDigit(bytes[index]) {
                if written < 100_000 { written = written * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                index += 1
            }
            guard index > exponentStart else { throw syntax(path, "expected digits in the exponent") }
            exponent += exponentSign * written
        }
        var value: Double
        if exact, exponent >= -22, exponent <= 22 {
            value = Double(mantissa)
            value = exponent < 0 ? value / Self.powersOfTen[-exponent] : value * Self.powersOfTen[exponent]
            if negative { value = -value }
        } else {
            exact = false
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            value = strtod(text, nil)
        }
        guard value.isFinite else { throw Failure(path: path, message: "the number is too large for a 64-bit float") }
        return value
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    // MARK: Failures

    func syntax(_ path: String, _ message: String) -> Failure {
        Failure(path: path, message: "invalid JSON at column \(index + 1): \(message)", isSyntax: true, offset: index, reason: message)
    }

    func typeMismatch(_ path: String, expected: String) -> Failure {
        let found: String
        switch peek {
        case UInt8(ascii: "\""): found = "a string"
        case UInt8(ascii: "{"): found = "an object"
        case UInt8(ascii: "["): found = "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): found = "a boolean"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): found = "a number"
        case 0: return syntax(path, "the input ends where a value was expected")
        default: return syntax(path, "expected a value")
        }
        return Failure(path: path, message: "expected \(expected), found \(found)", offset: index)
    }

    // MARK: Typed values

    mutating func optionalString(_ path: String) throws(Failure) -> String? {
        if try null() { return nil }
        guard peek == UInt8(ascii: "\"") else { throw typeMismatch(path, expected: "a string") }
        return try string(path: path)
    }

    mutating func optionalStrings(_ path: String) throws(Failure) -> [String]? {
        if try null() { return nil }
        guard peek == UInt8(ascii: "[") else { throw typeMismatch(path, expected: "an array of strings") }
        var result: [String] = []
        try elements(path) { (parser: inout JSONScanner, position: Int) throws(Failure) in
            guard parser.peek == UInt8(ascii: "\"") else { throw parser.typeMismatch("\(path)[\(position)]", expected: "a string") }
            result.append(try parser.string(path: "\(path)[\(position)]"))
        }
        return result
    }

    mutating func optionalNumber(_ path: String) throws(Failure) -> Double? {
        if try null() { return nil }
        return try number(path)
    }

    mutating func optionalInteger(_ path: String) throws(Failure) -> Int? {
        if try null() { return nil }
        return try integer(path)
    }

    /// Calls `element` for each element of the array at `index` (which holds `[`).
    mutating func elements(_ path: String,
                                   _ element: (inout JSONScanner, Int) throws(Failure) -> Void) throws(Failure) {
        index += 1
        skipSpace()
        if peek == UInt8(ascii: "]") { index += 1; return }
        var position = 0
        while true {
            skipSpace()
            try element(&self, position)
            position += 1
            skipSpace()
            if peek == UInt8(ascii: ",") { index += 1; continue }
            if peek == UInt8(ascii: "]") { index += 1; return }
            throw syntax(path, index < bytes.count ? "expected ',' or ']' in the array" : "the input ends inside an array")
        }
    }

    /// Any value, as a tree.
    mutating func value(path: String, depth: Int) throws(Failure) -> JSONLValue {
        guard depth < 256 else { throw syntax(path, "nesting deeper than 256 levels") }
        switch peek {
        case UInt8(ascii: "{"):
            index += 1
            var members: [(key: String, value: JSONLValue)] = []
            skipSpace()
            if peek == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw syntax(path, "expected a quoted name") }
                let name = try string(path: path)
                try colon()
                members.append((name, try value(path: path + "." + name, depth: depth + 1)))
                skipSpace()
                if peek == UInt8(ascii: ",") { index += 1; continue }
                if peek == UInt8(ascii: "}") { index += 1; return .object(members) }
                throw syntax(path, index < bytes.count ? "expected ',' or '}' in the object" : "the input ends inside an object")
            }
        case UInt8(ascii: "["):
            var items: [JSONLValue] = []
            try elements(path) { (parser: inout JSONScanner, position: Int) throws(Failure) in
                items.append(try parser.value(path: "\(path)[\(position)]", depth: depth + 1))
            }
            return .array(items)
        case UInt8(ascii: "\""): return .string(try string(path: path))
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try literalBool(path))
        case UInt8(ascii: "n"): try literal("null", path); return .null
        default: return .number(try number(path))
        }
    }

    /// Skips any value without building it (strings are still checked for escapes and UTF-8).
    mutating func skipValue(path: String, depth: Int) throws(Failure) {
        guard depth < 256 else { throw syntax(path, "nesting deeper than 256 levels") }
        switch peek {
        case UInt8(ascii: "{"):
            try members(path) { (scanner: inout JSONScanner, name: String) throws(Failure) in
                try scanner.skipValue(path: path, depth: depth + 1)
            }
        case UInt8(ascii: "["):
            try elements(path) { (scanner: inout JSONScanner, _: Int) throws(Failure) in
                try scanner.skipValue(path: path, depth: depth + 1)
            }
        case UInt8(ascii: "\""): try skipString(path: path)
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try literalBool(path)
        case UInt8(ascii: "n"): try literal("null", path)
        default: _ = try number(path)
        }
    }

    /// Skips a string at `index` (which holds the opening quote), validating its escapes.
    mutating func skipString(path: String) throws(Failure) {
        var end = index + 1
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { index = end + 1; return }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
            end += 1
        }
        _ = try string(path: path)
    }

    /// Calls `member` with each name of the object at `index` (which holds `{`); `member` must
    /// consume the value. Names are not checked for repeats.
    mutating func members(_ path: String,
                          _ member: (inout JSONScanner, String) throws(Failure) -> Void) throws(Failure) {
        guard peek == UInt8(ascii: "{") else { throw typeMismatch(path, expected: "an object") }
        index += 1
        skipSpace()
        if peek == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else {
                throw syntax(path, index < bytes.count ? "expected a quoted name" : "the input ends inside an object")
            }
            let name = try string(path: path)
            try colon()
            try member(&self, name)
            skipSpace()
            if peek == UInt8(ascii: ",") { index += 1; continue }
            if peek == UInt8(ascii: "}") { index += 1; return }
            throw syntax(path, index < bytes.count ? "expected ',' or '}' in the object" : "the input ends inside an object")
        }
    }

    /// An integer-valued number (a JSON number without a fractional part, within ±9e15).
    mutating func integer(_ path: String) throws(Failure) -> Int {
        guard peek == UInt8(ascii: "-") || (peek >= UInt8(ascii: "0") && peek <= UInt8(ascii: "9")) else {
            throw typeMismatch(path, expected: "an integer")
        }
        let value = try number(path)
        guard value.rounded() == value, abs(value) < 9e15 else {
            throw Failure(path: path, message: "expected an integer, found \(value)", offset: index)
        }
        return Int(value)
    }

    /// Expects the end of the input after the value read last.
    mutating func end(_ path: String) throws(Failure) {
        skipSpace()
        guard index == bytes.count else { throw syntax(path, "unexpected text after the value") }
    }
}

extension JSONScanner.Failure {
    /// The failure as an import error for a whole-file document: the JSON path, and for malformed
    /// JSON the 1-based line and column computed from the offset in `document`.
    func importError(file: String, document: UnsafeBufferPointer<UInt8>) -> ImportError {
        guard isSyntax else { return ImportError(file: file, location: .jsonPath(path), message: message) }
        var line = 1
        var lineStart = 0
        for position in 0..<min(offset, document.count) where document[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        return ImportError(file: file, location: .lineAndPath(line, path),
                           message: "invalid JSON at column \(offset - lineStart + 1): \(reason)")
    }
}
