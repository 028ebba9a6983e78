/// JSON text written straight into bytes, byte for byte what `APIJSON.encoder()` writes for the
/// same values (keys sorted by their UTF-8 bytes, `/` unescaped, doubles as their shortest
/// round-trip form with a trailing `.0` dropped), for the responses that carry many rows, where
/// Foundation's encoder (a tree of boxed values, a snake_case conversion per key) cost more
/// than the database. Tests hold the two to the same output.
struct JSONBytes {
    /// The text so far.
    private(set) var bytes: [UInt8] = []

    /// An empty text with room for `capacity` bytes.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes ASCII punctuation or a literal such as `{`, `,` or `null`.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Writes `"name":` for a key that needs no escaping (a view's own snake_case key).
    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// Writes a string literal: `"` and `\` escaped, `\b \f \n \r \t` as such, other control
    /// characters as `\u00xx`; everything else, `/` and non-ASCII included, as it is.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var plainStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
                plainStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes an integer.
    mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes a finite double as its shortest round-trip text, `3` rather than `3.0`.
    mutating func number(_ value: Double) {
        precondition(value.isFinite, "JSON has no NaN or infinity")
        let text = value.description
        bytes.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
    }

    /// Writes `true` or `false`.
    mutating func bool(_ value: Bool) {
        value ? raw("true") : raw("false")
    }
}

/// A response view that writes its own JSON (`JSONBytes`), identical to its `Encodable` form
/// under `APIJSON.encoder()`, which `JSONResponse` then skips.
protocol DirectJSONEncodable: Encodable {
    /// Appends the view's JSON.
    func writeJSON(to json: inout JSONBytes)
}
