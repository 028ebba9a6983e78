import Foundation

/// The tokens of a JSONL line: whitespace, literals, strings with their escapes, numbers, and the
/// failures that name where a line went wrong.
extension JSONLLineParser {
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
        guard peek == UInt8(ascii: ":") else { throw syntax("$", index < bytes.count ? "expected ':' after a name" : "the line ends inside an object") }
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
        guard end < bytes.count else { throw syntax(path, "the line ends inside a string") }
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
        throw syntax(path, "the line ends inside a string")
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
        guard index + 1 < bytes.count else { throw syntax(path, "the line ends inside a string") }
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
        guard index + 4 <= bytes.count else { throw syntax(path, "the line ends inside a \\u escape") }
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
        Failure(path: path, message: "invalid JSON at column \(index + 1): \(message)", isSyntax: true)
    }

    func typeMismatch(_ path: String, expected: String) -> Failure {
        let found: String
        switch peek {
        case UInt8(ascii: "\""): found = "a string"
        case UInt8(ascii: "{"): found = "an object"
        case UInt8(ascii: "["): found = "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): found = "a boolean"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): found = "a number"
        case 0: return syntax(path, "the line ends where a value was expected")
        default: return syntax(path, "expected a value")
        }
        return Failure(path: path, message: "expected \(expected), found \(found)")
    }
}
