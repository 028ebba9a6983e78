/// Appends little-endian fields to the byte image of a vector index.
struct VectorIndexWriter {
    private(set) var bytes: [UInt8] = []

    init(magic: String, version: UInt32) {
        bytes.append(contentsOf: Array(magic.utf8))
        write(version)
    }

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Float) { write(value.bitPattern) }

    /// A count, then the values (copied as they are on little-endian hosts).
    mutating func write<T: FixedWidthInteger>(array: UnsafeBufferPointer<T>) { write(array: array, counted: true) }

    /// A count, then the values' bit patterns.
    mutating func write(floats: UnsafeBufferPointer<Float>) {
        write(UInt64(floats.count))
        #if _endian(little)
        bytes.append(contentsOf: UnsafeRawBufferPointer(floats))
        #else
        for value in floats { write(value.bitPattern) }
        #endif
    }

    /// A count (`rows × width`), then `width` values from `row(i)` for each row in order: the
    /// same bytes as ``write(array:)`` of the concatenated rows, without building them.
    mutating func write<T: FixedWidthInteger>(rows: Int, width: Int, row: (Int) -> UnsafePointer<T>) {
        write(UInt64(rows * width))
        bytes.reserveCapacity(bytes.count + rows * width * MemoryLayout<T>.size)
        for i in 0..<rows { write(array: UnsafeBufferPointer(start: row(i), count: width), counted: false) }
    }

    /// A count (`rows × width`), then the bit patterns of `width` floats from `row(i)` per row.
    mutating func write(floatRows rows: Int, width: Int, row: (Int) -> UnsafePointer<Float>) {
        write(rows: rows, width: width) { UnsafeRawPointer(row($0)).assumingMemoryBound(to: UInt32.self) }
    }

    private mutating func write<T: FixedWidthInteger>(array: UnsafeBufferPointer<T>, counted: Bool) {
        if counted { write(UInt64(array.count)) }
        #if _endian(little)
        bytes.append(contentsOf: UnsafeRawBufferPointer(array))
        #else
        for value in array { write(value) }
        #endif
    }
}
