/// An approximate vector index: a Hierarchical Navigable Small World graph of our own
/// implementation (Malkov & Yashunin, "Efficient and robust approximate nearest neighbor search
/// using Hierarchical Navigable Small World graphs", IEEE TPAMI 2018), following hnswlib's
/// choices (heuristic neighbour selection, `2·m` links on the bottom layer, tombstone deletes,
/// each node's vector stored next to its bottom-layer links, prefetching) and C distance kernels
/// chosen at run time by CPU features (``VectorKernels``).
///
/// - Adds are incremental and may run on ``HNSWParameters/buildThreads`` threads (per-node
///   locks, hnswlib's scheme); with one thread the graph is deterministic for a seed and an
///   insertion order. Adding an id that is present tombstones its old node and inserts the new
///   vector as a new node.
/// - Removing tombstones the node: it stays in the graph and keeps routing searches (so the graph
///   stays navigable) but never appears in results. Tombstones keep their memory;
///   ``compacted()`` rebuilds without them.
/// - Filtered search traverses through filtered-out nodes and returns only accepted ones. With a
///   very selective filter (say under 1% of the index) the search visits most of the graph; the
///   caller should then search an ``ExactVectorIndex`` over the accepted ids instead.
/// - A value type: copies share storage until one of them is mutated (copy-on-write).
///
/// Memory per vector: `4·d` (vector) `+ 4·(2m + 1)` (bottom links) `+ 18` (id, level, tombstone,
/// upper-link pointer) bytes, plus about `4·(m + 1)/(m − 1)` bytes of upper links on average and
/// the id dictionary (~32); for d = 128, m = 16 about 700 bytes, ~0.7 GB per million vectors
/// (``memoryBytes`` measured 717 MB for 1,000,000 × 128).
///
/// - Complexity: insert about O(efConstruction · m · log n) distance computations; search about
///   O(ef · m · log n) (more with a selective filter or many tombstones).
public struct HNSWIndex: VectorIndex, Sendable {
    var storage: HNSWStorage
    /// The parameters the index was created with.
    public let parameters: HNSWParameters
    /// Candidate list size of searches (at least `k` is used); starts as ``HNSWParameters/efSearch``.
    public var efSearch: Int

    /// Columns of every vector.
    public var dimension: Int { storage.dimension }
    /// How vectors are compared.
    public var metric: VectorMetric { storage.metric }
    /// Number of live (searchable) ids.
    public var count: Int { storage.liveCount }
    /// Number of nodes in the graph, tombstones included.
    public var nodeCount: Int { storage.slotCount }
    /// Approximate bytes held by the index (vectors, links, per-node values, id dictionary).
    public var memoryBytes: Int { storage.memoryBytes }

    /// An empty index.
    /// - Precondition: `dimension > 0`.
    public init(dimension: Int, metric: VectorMetric, parameters: HNSWParameters = HNSWParameters()) {
        precondition(dimension > 0, "HNSWIndex: dimension \(dimension) must be positive")
        storage = HNSWStorage(dimension: dimension, metric: metric, m: parameters.m,
                              efConstruction: parameters.efConstruction, seed: parameters.seed)
        self.parameters = parameters
        efSearch = parameters.efSearch
    }

    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Whether `id` is live in the index.
    /// - Complexity: O(1).
    public func contains(id: Int64) -> Bool { storage.slotOfID[id] != nil }

    /// The stored vector of `id` (normalized for cosine), or `nil`.
    /// - Complexity: O(d).
    public func vector(for id: Int64) -> [Float]? {
        guard let slot = storage.slotOfID[id] else { return nil }
        let start = storage.vector(Int(slot))
        return Array(UnsafeBufferPointer(start: start, count: dimension))
    }

    /// Tombstones `ids`; absent ids are ignored. Returns how many were removed.
    /// - Complexity: O(1) per id.
    @discardableResult
    public mutating func remove(ids: [Int64]) -> Int {
        makeUnique()
        return ids.reduce(0) { $0 + (storage.tombstone(id: $1) ? 1 : 0) }
    }

    /// A new index holding only the live vectors (same parameters and ``efSearch``), rebuilt in
    /// slot order: what to do when tombstones pass a large share of ``nodeCount``.
    /// - Complexity: a full build of ``count`` vectors.
    public func compacted() -> HNSWIndex {
        var fresh = HNSWIndex(dimension: dimension, metric: metric, parameters: parameters)
        fresh.efSearch = efSearch
        var ids: [Int64] = []
        var values: [Float] = []
        ids.reserveCapacity(count)
        values.reserveCapacity(count * dimension)
        for slot in 0..<storage.slotCount where !storage.deleted[slot] {
            ids.append(storage.ids[slot])
            values.append(contentsOf: UnsafeBufferPointer(start: storage.vector(slot), count: dimension))
        }
        // Stored vectors are finite, of the right dimension and already normalized.
        try! fresh.add(ids: ids, vectors: RowMajorMatrix(rows: ids.count, columns: dimension, values: values))
        return fresh
    }
}
