import LoupeCore
import Testing

@Suite("HNSW index: recall against the exact index")
struct HNSWIndexTests {
    static let dimension = 32

    /// A seeded clustered set with ids `0..<count`, the exact index over it and queries.
    static func fixture(count: Int, metric: VectorMetric = .l2, seed: UInt64 = 5)
        throws -> (base: RowMajorMatrix, exact: ExactVectorIndex, queries: RowMajorMatrix) {
        // Queries are further draws from the same mixture.
        let all = VectorTestData.clustered(count: count + 200, dimension: dimension, clusters: 25, seed: seed)
        let base = RowMajorMatrix(rows: count, columns: dimension, values: Array(all.values[..<(count * dimension)]))
        let queries = RowMajorMatrix(rows: 200, columns: dimension, values: Array(all.values[(count * dimension)...]))
        var exact = ExactVectorIndex(dimension: dimension, metric: metric)
        try exact.add(ids: VectorTestData.ids(count), vectors: base)
        return (base, exact, queries)
    }

    static func build(_ base: RowMajorMatrix, metric: VectorMetric = .l2, parameters: HNSWParameters) throws -> HNSWIndex {
        var index = HNSWIndex(dimension: dimension, metric: metric, parameters: parameters)
        try index.add(ids: VectorTestData.ids(base.rows), vectors: base)
        return index
    }

    @Test("recall@10 >= 0.95 on 5,000 × 32 clustered points, built on two threads", arguments: VectorMetric.allCases)
    func recall(metric: VectorMetric) throws {
        let (base, exact, queries) = try Self.fixture(count: 5_000, metric: metric)
        let index = try Self.build(base, metric: metric, parameters: HNSWParameters(m: 12, efConstruction: 64, efSearch: 48))
        #expect(index.count == 5_000)
        let approximate = try index.search(queries: queries, k: 10)
        let truth = try exact.search(queries: queries, k: 10)
        let recall = VectorTestData.recall(approximate, truth)
        #expect(recall >= 0.95, "recall@10 \(recall)")
        for hits in approximate {
            #expect(hits.count == 10)
            #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) })
        }
        // Scores are the exact similarities of the ids returned.
        let first = approximate[0][0]
        let direct = try exact.search(vector: Array(queries.row(0)), k: 5_000).first { $0.id == first.id }!
        #expect(abs(first.score - direct.score) < 1e-3)
    }

    @Test("filtered search and search after deletes keep recall and never return excluded ids")
    func filtersAndDeletes() throws {
        let (base, exact, queries) = try Self.fixture(count: 5_000, seed: 8)
        var index = try Self.build(base, parameters: HNSWParameters(m: 12, efConstruction: 64, efSearch: 64, buildThreads: 1))
        let keep: (Int64) -> Bool = { $0 % 4 != 1 }
        let filtered = try index.search(queries: queries, k: 10, filter: keep)
        #expect(filtered.allSatisfy { $0.count == 10 && $0.allSatisfy { keep($0.id) } })
        let filteredRecall = VectorTestData.recall(filtered, try exact.search(queries: queries, k: 10, filter: keep))
        #expect(filteredRecall >= 0.95, "filtered recall@10 \(filteredRecall)")

        let removed = VectorTestData.ids(5_000).filter { $0 % 3 == 0 }
        #expect(index.remove(ids: removed) == removed.count)
        #expect(index.count == 5_000 - removed.count && index.nodeCount == 5_000)
        var reference = exact
        reference.remove(ids: removed)
        let afterDeletes = try index.search(queries: queries, k: 10)
        #expect(afterDeletes.allSatisfy { $0.allSatisfy { $0.id % 3 != 0 } })
        let deleteRecall = VectorTestData.recall(afterDeletes, try reference.search(queries: queries, k: 10))
        #expect(deleteRecall >= 0.95, "recall@10 after deletes \(deleteRecall)")

        let compacted = index.compacted()
        #expect(compacted.count == index.count && compacted.nodeCount == index.count)
        let compactedRecall = VectorTestData.recall(try compacted.search(queries: queries, k: 10), try reference.search(queries: queries, k: 10))
        #expect(compactedRecall >= 0.95, "recall@10 after compaction \(compactedRecall)")
    }

    @Test("a single-threaded build is deterministic for a seed; another seed differs")
    func determinism() throws {
        let base = VectorTestData.clustered(count: 3_000, dimension: Self.dimension, clusters: 10, seed: 2)
        let parameters = HNSWParameters(m: 8, efConstruction: 40, seed: 42, buildThreads: 1)
        let first = try Self.build(base, parameters: parameters)
        let second = try Self.build(base, parameters: parameters)
        #expect(first.serialized() == second.serialized())
        var other = parameters
        other.seed = 43
        #expect(try Self.build(base, parameters: other).serialized() != first.serialized())
    }

    @Test("incremental adds, re-adding an id replaces it, copies are independent")
    func incremental() throws {
        let (base, exact, queries) = try Self.fixture(count: 6_000, seed: 13)
        var index = HNSWIndex(dimension: Self.dimension, metric: .l2, parameters: HNSWParameters(m: 12, efConstruction: 64, efSearch: 64))
        for start in stride(from: 0, to: 6_000, by: 1_500) {
            let rows = RowMajorMatrix(rows: 1_500, columns: Self.dimension, values: Array(base.values[(start * Self.dimension)..<((start + 1_500) * Self.dimension)]))
            try index.add(ids: VectorTestData.ids(1_500, offset: Int64(start)), vectors: rows)
        }
        let recall = VectorTestData.recall(try index.search(queries: queries, k: 10), try exact.search(queries: queries, k: 10))
        #expect(recall >= 0.95, "recall@10 after four batches \(recall)")

        let snapshot = index
        let target = Array(queries.row(0))
        try index.add(ids: [17], vectors: RowMajorMatrix(rows: 1, columns: Self.dimension, values: target))
        #expect(index.count == 6_000 && index.nodeCount == 6_001)
        #expect(index.vector(for: 17) == target)
        #expect(try index.search(vector: target, k: 1) == [VectorSearchHit(id: 17, score: 0)])
        #expect(snapshot.nodeCount == 6_000 && snapshot.vector(for: 17) == Array(base.row(17)))
    }

    @Test("serialization round trip searches and grows alike; truncated buffers are errors")
    func serialization() throws {
        let base = VectorTestData.clustered(count: 2_000, dimension: Self.dimension, clusters: 8, seed: 31)
        var index = try Self.build(base, metric: .cosine, parameters: HNSWParameters(m: 8, efConstruction: 32, buildThreads: 1))
        index.remove(ids: [3, 4, 5])
        index.efSearch = 80
        let bytes = index.serialized()
        var copy = try HNSWIndex(serialized: bytes)
        #expect(copy.serialized() == bytes)
        #expect(copy.efSearch == 80 && copy.count == 1_997 && copy.parameters == index.parameters)
        let queries = VectorTestData.clustered(count: 20, dimension: Self.dimension, clusters: 8, seed: 32)
        #expect(try copy.search(queries: queries, k: 10) == index.search(queries: queries, k: 10))
        let extra = VectorTestData.clustered(count: 50, dimension: Self.dimension, clusters: 8, seed: 33)
        try copy.add(ids: VectorTestData.ids(50, offset: 5_000), vectors: extra)
        try index.add(ids: VectorTestData.ids(50, offset: 5_000), vectors: extra)
        #expect(copy.serialized() == index.serialized())
        for cut in [3, 20, 90, bytes.count / 3, bytes.count - 2] {
            do {
                _ = try HNSWIndex(serialized: Array(bytes.prefix(cut)))
                Issue.record("a \(cut)-byte prefix was accepted")
            } catch {
                #expect(error.code == .truncated, "\(cut): \(error)")
            }
        }
        // The entry point (after magic, version, metric and eight 8-byte fields) beyond the nodes.
        var corrupt = bytes
        withUnsafeBytes(of: Int64(1 << 40).littleEndian) { corrupt.replaceSubrange(77..<85, with: $0) }
        #expect(throws: VectorIndexError.self) { try HNSWIndex(serialized: corrupt) }
        #expect(throws: VectorIndexError.self) { try ExactVectorIndex(serialized: bytes) }
    }

    @Test("empty index, k above the count, a filter that rejects everything")
    func edges() throws {
        var index = HNSWIndex(dimension: 2, metric: .innerProduct)
        #expect(try index.search(vector: [1, 0], k: 5).isEmpty)
        try index.add(ids: [7, 3, 5], vectors: RowMajorMatrix(rows: 3, columns: 2, values: [1, 0, 0, 1, 1, 0]))
        #expect(try index.search(vector: [1, 0], k: 10).map(\.id) == [5, 7, 3])
        #expect(try index.search(vector: [1, 0], k: 10, filter: { _ in false }).isEmpty)
        #expect(throws: VectorIndexError.self) { try index.search(vector: [1, .infinity], k: 1) }
    }

    @Test("the approximate k-NN graph agrees with the exact one")
    func neighborGraph() throws {
        let rows = VectorTestData.clustered(count: 3_000, dimension: 16, clusters: 12, seed: 40)
        let exact = try ExactVectorIndex.neighborGraph(of: rows, k: 10, metric: .cosine)
        let approximate = try HNSWIndex.neighborGraph(of: rows, k: 10, metric: .cosine,
                                                       parameters: HNSWParameters(m: 12, efConstruction: 64, efSearch: 40))
        var found = 0
        for row in 0..<3_000 {
            #expect(!approximate.neighbors(of: row).contains(Int32(row)))
            found += Set(approximate.neighbors(of: row)).intersection(exact.neighbors(of: row)).count
        }
        #expect(Double(found) / 30_000 >= 0.95)
    }
}
