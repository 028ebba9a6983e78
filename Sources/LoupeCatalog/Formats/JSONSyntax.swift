/// Finds the first syntax error in a JSON document, with its line and column.
///
/// Foundation's `JSONDecoder` reports "not valid JSON" without a position; importers call this
/// only after a decode fails, to tell the user where the file is broken (a truncated file ends
/// "inside an array", a stray comma names its line).
enum JSONSyntax {
    /// A syntax error: 1-based line and column and what was expected there.
    struct Failure: Error {
        var line: Int
        var column: Int
        var message: String
    }

    /// The first syntax error in `bytes`, or `nil` when the document is well formed.
    static func firstError(in bytes: some Collection<UInt8>) -> Failure? {
        var scanner = Scanner(bytes: Array(bytes))
        do throws(Failure) {
            scanner.skipSpace()
            try scanner.value(depth: 0)
            scanner.skipSpace()
            if scanner.index < scanner.bytes.count { throw scanner.failure("expected the end of the document") }
            return nil
        } catch {
            return error
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func failure(_ message: String) -> Failure {
            var line = 1, column = 1
            for byte in bytes[..<min(index, bytes.count)] {
                if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
            }
            return Failure(line: line, column: column, message: message)
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) throws(Failure) {
            guard depth < 512 else { throw failure("nesting deeper than 512 levels") }
            guard index < bytes.count else { throw failure("the file ends where a value was expected") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw failure("expected a value, found '\(Character(UnicodeScalar(bytes[index])))'")
            }
        }

        mutating func object(depth: Int) throws(Failure) {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
            while true {
                skipSpace()
                guard index < bytes.count else { throw failure("the file ends inside an object") }
                guard bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
                try string()
                skipSpace()
                guard index < bytes.count else { throw failure("the file ends inside an object") }
                guard bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':' after a key") }
                index += 1
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                guard index < bytes.count else { throw failure("the file ends inside an object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return }
                throw failure("expected ',' or '}' in an object")
            }
        }

        mutating func array(depth: Int) throws(Failure) {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
            while true {
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                guard index < bytes.count else { throw failure("the file ends inside an array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return }
                throw failure("expected ',' or ']' in an array")
            }
        }

        mutating func string() throws(Failure) {
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { index += 1; return }
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte < 0x20 { throw failure("control character inside a string") }
                index += 1
            }
            throw failure("the file ends inside a string")
        }

        mutating func literal(_ word: String) throws(Failure) {
            for expected in word.utf8 {
                guard index < bytes.count, bytes[index] == expected else { throw failure("expected '\(word)'") }
                index += 1
            }
        }

        mutating func number() throws(Failure) {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            var digits = 0
            func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 48 && bytes[i] <= 57 }
            while isDigit(index) { index += 1; digits += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var fraction = 0
                while isDigit(index) { index += 1; fraction += 1 }
                if fraction == 0 { throw failure("expected digits after '.'") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                var exponent = 0
                while isDigit(index) { index += 1; exponent += 1 }
                if exponent == 0 { throw failure("expected digits in an exponent") }
            }
            if digits == 0 { index = start; throw failure("expected a number") }
        }
    }
}
