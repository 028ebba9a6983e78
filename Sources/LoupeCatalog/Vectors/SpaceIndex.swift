import LoupeCore

/// A vector index over the whole-row vectors of one embedding space (every dataset's rows in it),
/// under embedding ids, with where each vector belongs.
///
/// Below ``SpaceIndexCache/approximateFrom`` vectors it is an ``ExactVectorIndex`` (brute force
/// through BLAS, exact); from there an ``HNSWIndex``. Object-level vectors are not in it.
public struct SpaceIndex: Sendable {
    /// The index structure in use.
    public enum Kind: String, Sendable, Codable {
        /// ``ExactVectorIndex``.
        case exact
        /// ``HNSWIndex``.
        case hnsw
    }

    /// The structure, by kind.
    enum Storage: Sendable {
        case exact(ExactVectorIndex)
        case hnsw(HNSWIndex)
    }

    /// The space indexed.
    public let space: EmbeddingSpace
    /// How vectors are compared.
    public let metric: VectorMetric
    var storage: Storage
    /// The entries held, by embedding id.
    public internal(set) var entries: [Int64: EmbeddingEntry]
    /// The embedding id of each row's vector.
    public internal(set) var embeddingOfRow: [Int64: Int64]
    /// Vectors held per dataset.
    public internal(set) var vectorsPerDataset: [Int64: Int] = [:]

    /// An empty index of `kind`.
    init(space: EmbeddingSpace, metric: VectorMetric, kind: Kind, parameters: HNSWParameters) {
        self.space = space
        self.metric = metric
        switch kind {
        case .exact: storage = .exact(ExactVectorIndex(dimension: space.dimension, metric: metric))
        case .hnsw: storage = .hnsw(HNSWIndex(dimension: space.dimension, metric: metric, parameters: parameters))
        }
        entries = [:]
        embeddingOfRow = [:]
    }

    /// The structure in use.
    public var kind: Kind {
        switch storage {
        case .exact: .exact
        case .hnsw: .hnsw
        }
    }

    /// Vectors held.
    public var count: Int { entries.count }

    /// The stored vector of a row (normalized for cosine), or `nil` when the row has none.
    public func vector(ofRow rowID: Int64) -> [Float]? {
        embeddingOfRow[rowID].flatMap(vector(forEmbedding:))
    }

    /// The stored vector under an embedding id.
    func vector(forEmbedding id: Int64) -> [Float]? {
        switch storage {
        case .exact(let index): index.vector(for: id)
        case .hnsw(let index): index.vector(for: id)
        }
    }

    /// Adds (or replaces) vectors with their entries.
    mutating func add(_ added: [EmbeddingEntry], vectors: RowMajorMatrix) throws(VectorIndexError) {
        let ids = added.map(\.id)
        switch storage {
        case .exact(var index):
            storage = .exact(ExactVectorIndex(dimension: 1, metric: metric))  // release the copy before mutating
            defer { storage = .exact(index) }
            try index.add(ids: ids, vectors: vectors)
        case .hnsw(var index):
            storage = .exact(ExactVectorIndex(dimension: 1, metric: metric))
            defer { storage = .hnsw(index) }
            try index.add(ids: ids, vectors: vectors)
        }
        for entry in added {
            if let previous = entries.updateValue(entry, forKey: entry.id) { vectorsPerDataset[previous.datasetID, default: 0] -= 1 }
            embeddingOfRow[entry.rowID] = entry.id
            vectorsPerDataset[entry.datasetID, default: 0] += 1
        }
    }

    /// Removes embedding ids (replaced or deleted vectors).
    mutating func remove(_ ids: [Int64]) {
        switch storage {
        case .exact(var index):
            storage = .exact(ExactVectorIndex(dimension: 1, metric: metric))
            index.remove(ids: ids)
            storage = .exact(index)
        case .hnsw(var index):
            storage = .exact(ExactVectorIndex(dimension: 1, metric: metric))
            index.remove(ids: ids)
            storage = .hnsw(index)
        }
        for id in ids {
            guard let entry = entries.removeValue(forKey: id) else { continue }
            if embeddingOfRow[entry.rowID] == id { embeddingOfRow[entry.rowID] = nil }
            vectorsPerDataset[entry.datasetID, default: 0] -= 1
            if vectorsPerDataset[entry.datasetID] == 0 { vectorsPerDataset[entry.datasetID] = nil }
        }
    }

    /// The `k` nearest vectors to `query` among the embedding ids `accepts` lets through, best
    /// first. With an HNSW index and a filter that lets through few vectors (under
    /// `exactBelow`), the accepted vectors are searched exactly instead: a graph search would
    /// visit most of the graph to find them, and could miss some.
    /// - Complexity: exact O(n·d); HNSW about O(ef · m · log n) distance computations.
    func search(_ query: [Float], k: Int, accepted: Set<Int64>?, exactBelow: Int = 20_000) throws(VectorIndexError) -> [VectorSearchHit] {
        let filter: ((Int64) -> Bool)? = accepted.map { set in { set.contains($0) } }
        switch storage {
        case .exact(let index):
            return try index.search(vector: query, k: k, filter: filter)
        case .hnsw(let index):
            if let accepted, accepted.count < exactBelow {
                var subset = ExactVectorIndex(dimension: space.dimension, metric: metric)
                let ids = accepted.sorted().filter { index.contains(id: $0) }
                var values: [Float] = []
                values.reserveCapacity(ids.count * space.dimension)
                for id in ids { values += index.vector(for: id) ?? [] }
                try subset.add(ids: ids, vectors: RowMajorMatrix(rows: ids.count, columns: space.dimension, values: values))
                return try subset.search(vector: query, k: k)
            }
            return try index.search(vector: query, k: k, filter: filter)
        }
    }
}
