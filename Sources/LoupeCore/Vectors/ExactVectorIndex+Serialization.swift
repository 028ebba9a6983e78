extension ExactVectorIndex {
    static let magic = "LPEXACT\u{0}"
    static let formatVersion: UInt32 = 1

    /// The index as bytes: magic `LPEXACT\0`, format version, metric, dimension, count, ids, and
    /// the stored (normalized) vectors, little-endian. About `4·d + 8` bytes per vector.
    /// - Complexity: O(n · d).
    public func serialized() -> [UInt8] {
        var writer = VectorIndexWriter(magic: Self.magic, version: Self.formatVersion)
        writer.write(MetricCode.code(of: metric))
        writer.write(UInt64(dimension))
        ids.withUnsafeBufferPointer { writer.write(array: $0) }
        vectors.withUnsafeBufferPointer { writer.write(floats: $0) }
        return writer.bytes
    }

    /// The index written by ``serialized()``.
    /// - Throws: ``VectorIndexError`` `.truncated` (offset and field) or `.corrupt` (wrong magic,
    ///   version, metric, counts, duplicate ids or non-finite values).
    /// - Complexity: O(n · d).
    public init(serialized bytes: [UInt8]) throws(VectorIndexError) {
        var reader = try VectorIndexReader(bytes: bytes, magic: Self.magic, maximumVersion: Self.formatVersion, kind: "exact vector index")
        let metric = try MetricCode.metric(try reader.read("metric"), reader: reader)
        let dimension = try reader.readCount("dimension", limit: 1 << 20)
        guard dimension > 0 else { throw reader.corrupt("dimension 0") }
        let ids: [Int64] = try reader.readArray("ids")
        let count = ids.count
        let vectors = try reader.readFloats("vectors", expected: count * dimension)
        try reader.finish()
        self.init(dimension: dimension, metric: metric)
        guard vectors.allSatisfy(\.isFinite) else { throw reader.corrupt("non-finite stored value") }
        self.ids = ids
        self.vectors = vectors
        squaredNorms = (0..<count).map { Self.squaredNorm(vectors, row: $0, dimension: dimension) }
        rowOfID.reserveCapacity(count)
        for (row, id) in ids.enumerated() {
            guard rowOfID.updateValue(row, forKey: id) == nil else { throw reader.corrupt("id \(id) appears twice") }
        }
    }

}
