extension HNSWIndex {
    static let magic = "LPHNSW\u{0}\u{0}"
    static let formatVersion: UInt32 = 1

    /// The index as bytes, little-endian: magic `LPHNSW\0\0`, format version, metric, dimension,
    /// the parameters, ``efSearch``, the level generator's state, entry point and top level, then
    /// per node its id, level, tombstone flag, vector and bottom-layer links, then the upper-layer
    /// links of nodes above level 0 in node order. Reading it back gives an index that searches
    /// and grows exactly like this one.
    /// - Complexity: O(nodes · (d + m)).
    public func serialized() -> [UInt8] {
        let s = storage
        var writer = VectorIndexWriter(magic: Self.magic, version: Self.formatVersion)
        writer.write(MetricCode.code(of: s.metric))
        for value in [s.dimension, parameters.m, parameters.efConstruction, parameters.efSearch] { writer.write(UInt64(value)) }
        writer.write(parameters.seed)
        writer.write(UInt64(parameters.buildThreads))
        writer.write(UInt64(efSearch))
        writer.write(s.generator.state)
        writer.write(Int64(s.entry[0]))
        writer.write(Int64(s.entry[1]))
        writer.write(array: UnsafeBufferPointer(start: s.ids, count: s.slotCount))
        writer.write(array: UnsafeBufferPointer(start: s.levels, count: s.slotCount))
        let flags = (0..<s.slotCount).map { UInt8(s.deleted[$0] ? 1 : 0) }
        flags.withUnsafeBufferPointer { writer.write(array: $0) }
        // Vectors, then level-0 link lists, each gathered from the node blocks.
        writer.write(floatRows: s.slotCount, width: s.dimension) { UnsafePointer(s.vector($0)) }
        writer.write(rows: s.slotCount, width: s.level0Stride) { UnsafePointer(s.level0Links($0)) }
        var upperLinks: [Int32] = []
        for slot in 0..<s.slotCount where s.levels[slot] > 0 {
            upperLinks.append(contentsOf: UnsafeBufferPointer(start: s.upper[slot]!, count: Int(s.levels[slot]) * s.upperStride))
        }
        upperLinks.withUnsafeBufferPointer { writer.write(array: $0) }
        return writer.bytes
    }

    /// The index written by ``serialized()``.
    /// - Throws: ``VectorIndexError`` `.truncated` (offset and field) or `.corrupt` (wrong magic or
    ///   version, impossible parameters, a link to a missing node, a duplicate live id).
    /// - Complexity: O(nodes · (d + m)).
    public init(serialized bytes: [UInt8]) throws(VectorIndexError) {
        var reader = try VectorIndexReader(bytes: bytes, magic: Self.magic, maximumVersion: Self.formatVersion, kind: "HNSW index")
        let metric = try MetricCode.metric(try reader.read("metric"), reader: reader)
        let dimension = try reader.readCount("dimension", limit: 1 << 20)
        let m = try reader.readCount("m", limit: 1024)
        let efConstruction = try reader.readCount("efConstruction", limit: 1 << 30)
        let defaultEF = try reader.readCount("efSearch", limit: 1 << 30)
        let seed: UInt64 = try reader.read("seed")
        let threads = try reader.readCount("buildThreads", limit: 1 << 16)
        let efSearch = try reader.readCount("current efSearch", limit: 1 << 30)
        let state: UInt64 = try reader.read("generator state")
        let entryPoint: Int64 = try reader.read("entry point")
        let topLevel: Int64 = try reader.read("top level")
        guard dimension > 0, m >= 2, efConstruction >= 1, defaultEF >= 1, efSearch >= 1, threads >= 1 else {
            throw reader.corrupt("impossible parameters: dimension \(dimension), m \(m), efConstruction \(efConstruction), efSearch \(defaultEF)/\(efSearch), buildThreads \(threads)")
        }
        let ids: [Int64] = try reader.readArray("ids")
        let nodes = ids.count
        let levels: [UInt8] = try reader.readArray("levels", expected: nodes)
        let flags: [UInt8] = try reader.readArray("tombstones", expected: nodes)
        let vectors = try reader.readFloats("vectors", expected: nodes * dimension)
        let level0: [Int32] = try reader.readArray("level-0 links", expected: nodes * (2 * m + 1))
        let upperTotal = levels.reduce(0) { $0 + Int($1) } * (m + 1)
        let upper: [Int32] = try reader.readArray("upper links", expected: upperTotal)
        try reader.finish()
        guard (entryPoint == -1 && topLevel == -1 && nodes == 0)
            || (entryPoint >= 0 && entryPoint < nodes && topLevel == Int64(levels[Int(entryPoint)])) else {
            throw reader.corrupt("entry point \(entryPoint) at level \(topLevel) for \(nodes) nodes")
        }
        guard vectors.allSatisfy(\.isFinite) else { throw reader.corrupt("non-finite stored value") }
        func checkLinks(_ links: ArraySlice<Int32>, limit: Int, node: Int) throws(VectorIndexError) {
            let n = Int(links[links.startIndex])
            guard n >= 0, n <= limit else { throw reader.corrupt("node \(node) has \(n) links (at most \(limit))") }
            for link in links.dropFirst().prefix(n) where link < 0 || Int(link) >= nodes {
                throw reader.corrupt("node \(node) links to missing node \(link)")
            }
        }
        for node in 0..<nodes {
            try checkLinks(level0[(node * (2 * m + 1))..<((node + 1) * (2 * m + 1))], limit: 2 * m, node: node)
        }
        var upperOffset = 0
        for node in 0..<nodes {
            for _ in 0..<Int(levels[node]) {
                try checkLinks(upper[upperOffset..<(upperOffset + m + 1)], limit: m, node: node)
                upperOffset += m + 1
            }
        }
        let parameters = HNSWParameters(m: m, efConstruction: efConstruction, efSearch: defaultEF, seed: seed, buildThreads: threads)
        self.init(dimension: dimension, metric: metric, parameters: parameters)
        self.efSearch = efSearch
        let s = storage
        s.generator = SplitMix64(seed: state)
        s.reserve(nodes)
        vectors.withUnsafeBufferPointer { vectors in
            level0.withUnsafeBufferPointer { level0 in
                for node in 0..<nodes {
                    let block = s.nodes + node * s.nodeStride
                    block.initializeMemory(as: Int32.self, from: level0.baseAddress! + node * s.level0Stride, count: s.level0Stride)
                    (block + s.vectorOffset).initializeMemory(as: Float.self, from: vectors.baseAddress! + node * dimension, count: dimension)
                }
            }
        }
        upperOffset = 0
        for node in 0..<nodes {
            s.ids[node] = ids[node]
            s.levels[node] = levels[node]
            s.deleted[node] = flags[node] != 0
            let size = Int(levels[node]) * (m + 1)
            if size > 0 {
                let links = UnsafeMutablePointer<Int32>.allocate(capacity: size)
                upper.withUnsafeBufferPointer { links.initialize(from: $0.baseAddress! + upperOffset, count: size) }
                s.upper[node] = links
                upperOffset += size
            } else {
                s.upper[node] = nil
            }
            s.slotCount = node + 1
            if flags[node] == 0 {
                guard s.slotOfID.updateValue(Int32(node), forKey: ids[node]) == nil else {
                    throw reader.corrupt("id \(ids[node]) is live twice")
                }
                s.liveCount += 1
            }
        }
        s.entry[0] = Int(entryPoint)
        s.entry[1] = Int(topLevel)
    }
}
