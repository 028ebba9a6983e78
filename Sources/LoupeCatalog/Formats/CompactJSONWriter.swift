/// Writes compact JSON into a byte buffer, commas placed by itself: the bytes `JSONLExporter`
/// emits and the server's row pages, with a fixed field order and number format so that output is
/// byte-for-byte deterministic. Strings escape `"`, `\\`, `\b \f \n \r \t` and other control
/// characters (`\u00xx`) and nothing else: `/` and non-ASCII go as they are.
public struct CompactJSONWriter: Sendable {
    /// How numbers are written.
    public enum NumberStyle: Sendable {
        /// Shortest round-trip form, integral values below 2^53 as integers (`100000000000000000`):
        /// what JSONL files hold.
        case integralAsInteger
        /// Swift's shortest round-trip form with a trailing `.0` dropped (`1e+17`, `3`): what
        /// Foundation's `JSONEncoder` writes, so the server's pages match its other responses.
        case foundation
    }

    /// The text so far.
    public private(set) var bytes: [UInt8] = []
    /// How numbers are written.
    public let numberStyle: NumberStyle
    /// For each open object or array, innermost in bit 0: whether it has a member already (so
    /// the next needs a comma). A bit stack, as this is checked before every value written;
    /// nesting deeper than 64 levels keeps the outer levels' bits in `deeperMembers`.
    private var hasMember: UInt64 = 0
    /// Open objects and arrays.
    private var depth = 0
    /// The bits shifted out of `hasMember` beyond 64 levels, outermost first.
    private var deeperMembers: [Bool] = []
    /// A key was just written: the value that follows takes no comma.
    private var afterKey = false

    /// An empty writer with room for `capacity` bytes.
    public init(numberStyle: NumberStyle = .integralAsInteger, capacity: Int = 0) {
        self.numberStyle = numberStyle
        bytes.reserveCapacity(capacity)
    }

    /// Opens an object.
    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); open() }
    /// Closes the innermost object.
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); close() }
    /// Opens an array.
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); open() }
    /// Closes the innermost array.
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); close() }
    /// Ends a JSON Lines record.
    public mutating func newline() { bytes.append(0x0A) }

    /// `"name":`, the start of an object member.
    public mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// A string value.
    public mutating func string(_ text: String) { separate(); appendString(text) }
    /// `true` or `false`.
    public mutating func bool(_ flag: Bool) { separate(); bytes.append(contentsOf: (flag ? "true" : "false").utf8) }
    /// A finite number in the writer's `numberStyle`.
    public mutating func number(_ value: Double) {
        separate()
        switch numberStyle {
        case .integralAsInteger: bytes.append(contentsOf: Self.format(value).utf8)
        case .foundation:
            precondition(value.isFinite, "JSON has no non-finite numbers")
            let text = value.description
            bytes.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
        }
    }
    /// `null`.
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }
    /// An integer.
    public mutating func integer(_ value: Int) { separate(); bytes.append(contentsOf: String(value).utf8) }

    /// A metadata or attribute value: dates as ISO 8601 strings in UTC.
    public mutating func value(_ value: MetadataValue) {
        switch value {
        case .string(let text): string(text)
        case .number(let number): self.number(number)
        case .bool(let flag): bool(flag)
        case .date(let date): string(ISO8601.string(from: date))
        }
    }

    /// An object of scalars with its keys sorted by their UTF-8 bytes.
    public mutating func object(_ values: [String: MetadataValue]) {
        beginObject()
        for (name, member) in values.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            key(name)
            value(member)
        }
        endObject()
    }

    /// An array of numbers.
    public mutating func numbers(_ values: [Double]) {
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
        guard depth > 0 else { return }
        if hasMember & 1 != 0 { bytes.append(UInt8(ascii: ",")) }
        hasMember |= 1
    }

    private mutating func open() {
        if depth >= 64 { deeperMembers.append(hasMember >> 63 != 0) }
        hasMember <<= 1
        depth += 1
    }

    private mutating func close() {
        depth -= 1
        hasMember >>= 1
        if depth >= 64, let outer = deeperMembers.popLast(), outer { hasMember |= 1 << 63 }
    }

    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Runs of bytes that need no escape are copied whole.
            var plainStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
                plainStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
