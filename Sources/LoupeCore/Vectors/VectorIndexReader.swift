/// Reads the fields ``VectorIndexWriter`` wrote, throwing ``VectorIndexError`` with the byte
/// offset and the field's name when the buffer ends early or holds an impossible value.
struct VectorIndexReader {
    private let bytes: [UInt8]
    private(set) var offset = 0
    private let kind: String

    /// Checks the magic and the version (at most `version`).
    init(bytes: [UInt8], magic: String, maximumVersion: UInt32, kind: String) throws(VectorIndexError) {
        self.bytes = bytes
        self.kind = kind
        let expected = Array(magic.utf8)
        guard bytes.count >= expected.count else {
            throw VectorIndexError(code: .truncated, message: "\(kind): \(bytes.count) bytes end before the \(expected.count)-byte magic")
        }
        guard Array(bytes[0..<expected.count]) == expected else {
            throw VectorIndexError(code: .corrupt, message: "\(kind): the buffer does not start with \"\(magic)\"")
        }
        offset = expected.count
        let version: UInt32 = try read("version")
        guard version >= 1 && version <= maximumVersion else {
            throw VectorIndexError(code: .corrupt, message: "\(kind): unknown format version \(version) (this build reads 1...\(maximumVersion))")
        }
    }

    private func need(_ size: Int, _ field: String) throws(VectorIndexError) {
        guard size >= 0, bytes.count - offset >= size else {
            throw VectorIndexError(code: .truncated,
                                   message: "\(kind): buffer of \(bytes.count) bytes ends at offset \(offset) while reading \(field) (\(size) bytes needed)")
        }
    }

    mutating func read<T: FixedWidthInteger>(_ field: String) throws(VectorIndexError) -> T {
        let size = MemoryLayout<T>.size
        try need(size, field)
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { target in
            for i in 0..<size { target[i] = bytes[offset + i] }
        }
        offset += size
        return T(littleEndian: value)
    }

    mutating func read(_ field: String) throws(VectorIndexError) -> Float {
        Float(bitPattern: try read(field) as UInt32)
    }

    /// A count, checked against `limit` so a corrupt length cannot ask for unbounded memory.
    mutating func readCount(_ field: String, limit: Int) throws(VectorIndexError) -> Int {
        let value: UInt64 = try read(field)
        guard value <= UInt64(limit) else {
            throw VectorIndexError(code: .corrupt, message: "\(kind): \(field) is \(value), more than \(limit) (offset \(offset - 8))")
        }
        return Int(value)
    }

    /// A count (equal to `expected` when given) and that many values.
    mutating func readArray<T: FixedWidthInteger>(_ field: String, expected: Int? = nil) throws(VectorIndexError) -> [T] {
        let count = try readCount("\(field) count", limit: 1 << 40)
        guard expected == nil || count == expected else {
            throw VectorIndexError(code: .corrupt, message: "\(kind): \(field) holds \(count) values, \(expected ?? count) expected")
        }
        try need(count * MemoryLayout<T>.size, field)
        var result = [T](repeating: 0, count: count)
        result.withUnsafeMutableBytes { target in
            bytes.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count * MemoryLayout<T>.size)]))
            }
        }
        offset += count * MemoryLayout<T>.size
        return result.map { T(littleEndian: $0) }
    }

    mutating func readFloats(_ field: String, expected: Int?) throws(VectorIndexError) -> [Float] {
        let bits: [UInt32] = try readArray(field, expected: expected)
        return bits.map { Float(bitPattern: $0) }
    }

    /// Throws unless every byte was read.
    func finish() throws(VectorIndexError) {
        guard offset == bytes.count else {
            throw VectorIndexError(code: .corrupt, message: "\(kind): \(bytes.count - offset) unexpected bytes after offset \(offset)")
        }
    }

    func corrupt(_ message: String) -> VectorIndexError {
        VectorIndexError(code: .corrupt, message: "\(kind): \(message)")
    }
}
