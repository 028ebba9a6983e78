import Foundation

/// The header of a NumPy `.npy` file: format version, dtype, memory order and shape.
///
/// Layout (NumPy's `numpy.lib.format`): the magic string `\x93NUMPY`, a major and a minor version
/// byte, the header length as a little-endian `UInt16` (version 1.0) or `UInt32` (2.0 and 3.0),
/// then the header: a Python dict literal such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (21, 384), }`, padded with spaces and
/// ended by `\n` (Latin-1 in versions 1 and 2, UTF-8 in version 3). The array data follows.
public struct NPYHeader: Hashable, Sendable {
    /// Format version: 1, 2 or 3.
    public var majorVersion: Int
    /// Minor format version (0).
    public var minorVersion: Int
    /// The dtype string, like `<f4` (little-endian float32) or `>f8` (big-endian float64).
    public var descr: String
    /// `true` when the data is in column-major (Fortran) order.
    public var fortranOrder: Bool
    /// The array's shape; `[]` for a scalar.
    public var shape: [Int]
    /// Byte offset of the array data in the file.
    public var dataOffset: Int

    /// A header value.
    public init(majorVersion: Int, minorVersion: Int, descr: String, fortranOrder: Bool, shape: [Int], dataOffset: Int) {
        self.majorVersion = majorVersion
        self.minorVersion = minorVersion
        self.descr = descr
        self.fortranOrder = fortranOrder
        self.shape = shape
        self.dataOffset = dataOffset
    }

    /// The magic string every `.npy` file starts with.
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Reads the header at the start of `data`.
    /// - Throws: `ImportError` when the file is not a `.npy` file, has an unknown version, or its
    ///   header is truncated or not the expected dict.
    public init(parsing data: Data, file: String) throws(ImportError) {
        func fail(_ message: String) -> ImportError { ImportError(file: file, message: message) }
        guard data.count >= 10, data.prefix(6).elementsEqual(Self.magic) else {
            throw fail("not a NumPy .npy file: it does not start with the magic string \\x93NUMPY")
        }
        let start = data.startIndex
        let major = Int(data[start + 6]), minor = Int(data[start + 7])
        let lengthStart: Int
        let headerLength: Int
        switch major {
        case 1:
            headerLength = Int(data[start + 8]) | Int(data[start + 9]) << 8
            lengthStart = 10
        case 2, 3:
            guard data.count >= 12 else { throw fail("the .npy header is truncated") }
            headerLength = (0..<4).reduce(0) { $0 | Int(data[start + 8 + $1]) << (8 * $1) }
            lengthStart = 12
        default:
            throw fail("unsupported .npy format version \(major).\(minor): expected 1.0, 2.0 or 3.0")
        }
        guard lengthStart + headerLength <= data.count else {
            throw fail("the .npy header is truncated: it announces \(headerLength) bytes, the file has \(data.count - lengthStart) after the length")
        }
        let raw = data[(start + lengthStart)..<(start + lengthStart + headerLength)]
        let text: String
        if major == 3 {
            guard let decoded = String(bytes: raw, encoding: .utf8) else { throw fail("the .npy header is not valid UTF-8") }
            text = decoded
        } else {
            text = String(raw.map { Character(Unicode.Scalar($0)) })
        }
        let dict: [String: NPYLiteral]
        do throws(NPYLiteral.ParseError) {
            dict = try NPYLiteral.parseDict(text)
        } catch {
            throw fail("the .npy header is not a valid dict literal (\(error.message)): \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard case .string(let descr)? = dict["descr"] else {
            if let value = dict["descr"] { throw fail("header 'descr': expected a dtype string like '<f4', found \(value.summary) (a structured array?)") }
            throw fail("the .npy header has no 'descr'")
        }
        guard case .bool(let fortranOrder)? = dict["fortran_order"] else { throw fail("the .npy header has no boolean 'fortran_order'") }
        guard case .tuple(let items)? = dict["shape"] else { throw fail("the .npy header has no 'shape' tuple") }
        var shape: [Int] = []
        for item in items {
            guard case .integer(let size) = item, size >= 0 else { throw fail("header 'shape': expected non-negative integers") }
            shape.append(size)
        }
        self.init(majorVersion: major, minorVersion: minor, descr: descr, fortranOrder: fortranOrder, shape: shape,
                  dataOffset: lengthStart + headerLength)
    }
}

/// The Python literals of a `.npy` header: strings, booleans, `None`, integers, and tuples or lists.
enum NPYLiteral: Equatable {
    case string(String)
    case bool(Bool)
    case none
    case integer(Int)
    case tuple([NPYLiteral])
    case list([NPYLiteral])

    struct ParseError: Error {
        var message: String
    }

    /// How a value reads in a message.
    var summary: String {
        switch self {
        case .string(let text): "'\(text)'"
        case .bool(let flag): flag ? "True" : "False"
        case .none: "None"
        case .integer(let value): String(value)
        case .tuple: "a tuple"
        case .list: "a list"
        }
    }

    /// `{'key': value, …}` with optional trailing comma and surrounding whitespace.
    static func parseDict(_ text: String) throws(ParseError) -> [String: NPYLiteral] {
        var scanner = Scanner(characters: Array(text.unicodeScalars))
        scanner.skipSpace()
        try scanner.expect("{")
        var result: [String: NPYLiteral] = [:]
        while true {
            scanner.skipSpace()
            if scanner.take("}") { break }
            guard case .string(let key) = try scanner.value() else { throw ParseError(message: "expected a quoted key") }
            scanner.skipSpace()
            try scanner.expect(":")
            result[key] = try scanner.value()
            scanner.skipSpace()
            if scanner.take(",") { continue }
            try scanner.expect("}")
            break
        }
        scanner.skipSpace()
        guard scanner.atEnd else { throw ParseError(message: "text after the closing brace") }
        return result
    }

    private struct Scanner {
        let characters: [Unicode.Scalar]
        var index = 0

        var atEnd: Bool { index >= characters.count }

        mutating func skipSpace() {
            while index < characters.count, characters[index].properties.isWhitespace { index += 1 }
        }

        mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            guard index < characters.count, characters[index] == scalar else { return false }
            index += 1
            return true
        }

        mutating func expect(_ scalar: Unicode.Scalar) throws(ParseError) {
            guard take(scalar) else { throw ParseError(message: "expected '\(scalar)'") }
        }

        mutating func value() throws(ParseError) -> NPYLiteral {
            skipSpace()
            guard index < characters.count else { throw ParseError(message: "the header ends where a value was expected") }
            let first = characters[index]
            switch first {
            case "'", "\"":
                index += 1
                var text = ""
                while index < characters.count, characters[index] != first {
                    if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                    text.unicodeScalars.append(characters[index])
                    index += 1
                }
                try expect(first)
                return .string(text)
            case "(", "[":
                index += 1
                let close: Unicode.Scalar = first == "(" ? ")" : "]"
                var items: [NPYLiteral] = []
                while true {
                    skipSpace()
                    if take(close) { break }
                    items.append(try value())
                    skipSpace()
                    if take(",") { continue }
                    try expect(close)
                    break
                }
                return first == "(" ? .tuple(items) : .list(items)
            default:
                var word = ""
                while index < characters.count, characters[index].properties.isAlphabetic || ("0"..."9").contains(characters[index])
                        || characters[index] == "-" {
                    word.unicodeScalars.append(characters[index])
                    index += 1
                }
                switch word {
                case "True": return .bool(true)
                case "False": return .bool(false)
                case "None": return .none
                default:
                    // Python 2 NumPy wrote long integers as `3L`.
                    let digits = word.hasSuffix("L") ? String(word.dropLast()) : word
                    guard let value = Int(digits) else { throw ParseError(message: "unexpected '\(word.isEmpty ? String(first) : word)'") }
                    return .integer(value)
                }
            }
        }
    }
}
