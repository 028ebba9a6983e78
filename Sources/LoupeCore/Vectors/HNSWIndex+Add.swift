extension HNSWIndex {
    /// Batches smaller than this are inserted on one thread.
    static let parallelThreshold = 1000

    /// Adds or replaces vectors; see ``VectorIndex/add(ids:vectors:)``. Levels are drawn from the
    /// seeded generator in row order before any insertion, so they do not depend on threads.
    /// - Complexity: about O(rows · efConstruction · m · log n) distance computations, spread over
    ///   ``HNSWParameters/buildThreads`` threads for batches of 1,000 rows or more.
    public mutating func add(ids newIDs: [Int64], vectors matrix: RowMajorMatrix) throws(VectorIndexError) {
        guard newIDs.count == matrix.rows else {
            throw VectorIndexError(code: .idCountMismatch, message: "\(newIDs.count) ids for \(matrix.rows) vectors")
        }
        let prepared = try VectorKernels.prepared(matrix, dimension: dimension, metric: metric, what: "vector")
        guard matrix.rows > 0 else { return }
        makeUnique()
        var lastRow: [Int64: Int] = [:]
        lastRow.reserveCapacity(newIDs.count)
        for (row, id) in newIDs.enumerated() { lastRow[id] = row }
        let storage = storage
        storage.reserve(storage.slotCount + lastRow.count)
        var slots: [Int32] = []
        slots.reserveCapacity(lastRow.count)
        prepared.values.withUnsafeBufferPointer { values in
            for (row, id) in newIDs.enumerated() where lastRow[id] == row {
                _ = storage.tombstone(id: id)
                slots.append(storage.appendSlot(id: id, vector: values.baseAddress! + row * dimension))
            }
        }
        let threads = slots.count >= Self.parallelThreshold ? parameters.buildThreads : 1
        let graph = storage.graph(locking: threads > 1)
        var scratch = HNSWScratch(slotCount: graph.slotCount, m: parameters.m, ef: parameters.efConstruction)
        var start = 0
        if threads > 1 {
            // The first node of an empty graph becomes the entry point alone.
            if graph.entry[0] < 0 {
                graph.insert(slots[0], scratch: &scratch)
                start = 1
            }
            let remaining = slots[start...]
            let m = parameters.m, ef = parameters.efConstruction
            _ = ConcurrentMap.map(count: threads) { worker in
                var local = HNSWScratch(slotCount: graph.slotCount, m: m, ef: ef)
                var index = remaining.startIndex + worker
                while index < remaining.endIndex {
                    graph.insert(remaining[index], scratch: &local)
                    index += threads
                }
            }
        } else {
            for slot in slots { graph.insert(slot, scratch: &scratch) }
        }
    }
}
