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
    mutating func write<T: FixedWidthInteger>(array: UnsafeBufferPointer<T>) {
        write(UInt64(array.count))
        #if _endian(little)
        bytes.append(contentsOf: UnsafeRawBufferPointer(array))
        #else
        for value in array { write(value) }
        #endif
    }

    /// A count, then the values' bit patterns.
    mutating func write(floats: UnsafeBufferPointer<Float>) {
        write(UInt64(floats.count))
        #if _endian(little)
        bytes.append(contentsOf: UnsafeRawBufferPointer(floats))
        #else
        for value in floats { write(value.bitPattern) }
        #endif
    }
}
