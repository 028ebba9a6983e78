/// Writes compact JSON into a byte buffer: the bytes `JSONLExporter` emits, with a fixed field
/// order and number format so that output is byte-for-byte deterministic.
struct JSONLWriter {
    private(set) var bytes: [UInt8] = []
    /// For each open object or array: whether it has a member already (so the next needs a comma).
    private var hasMember: [Bool] = []
    /// A key was just written: the value that follows takes no comma.
    private var afterKey = false

    mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); hasMember.append(false) }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); hasMember.removeLast() }
    mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); hasMember.append(false) }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); hasMember.removeLast() }
    mutating func newline() { bytes.append(0x0A) }

    /// `"name":`, the start of an object member.
    mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    mutating func string(_ text: String) { separate(); appendString(text) }
    mutating func bool(_ flag: Bool) { separate(); bytes.append(contentsOf: (flag ? "true" : "false").utf8) }
    mutating func number(_ value: Double) { separate(); bytes.append(contentsOf: Self.format(value).utf8) }
    mutating func integer(_ value: Int) { separate(); bytes.append(contentsOf: String(value).utf8) }

    /// A metadata or attribute value: dates as ISO 8601 strings in UTC.
    mutating func value(_ value: MetadataValue) {
        switch value {
        case .string(let text): string(text)
        case .number(let number): self.number(number)
        case .bool(let flag): bool(flag)
        case .date(let date): string(ISO8601.string(from: date))
        }
    }

    /// An object of scalars with its keys sorted.
    mutating func object(_ values: [String: MetadataValue]) {
        beginObject()
        for name in values.keys.sorted() {
            key(name)
            value(values[name]!)
        }
        endObject()
    }

    /// An array of numbers.
    mutating func numbers(_ values: [Double]) {
        beginArray()
        for value in values { number(value) }
        endArray()
    }

    /// A finite number in its shortest round-trip form; integral values below 2^53 without a
    /// fraction (`3`, not `3.0`).
    /// - Precondition: `value` is finite.
    static func format(_ value: Double) -> String {
        precondition(value.isFinite, "JSON has no non-finite numbers")
        if value.rounded() == value, abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return String(value)
    }

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard !hasMember.isEmpty else { return }
        if hasMember[hasMember.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
    }

    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
