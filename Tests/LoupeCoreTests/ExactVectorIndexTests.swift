import LoupeCore
import Testing

@Suite("Exact vector index against NumPy brute force")
struct ExactVectorIndexTests {
    /// Hits equal the oracle's pairs: same ids where scores are apart, scores within `tolerance`.
    func expectMatches(_ hits: [VectorSearchHit], _ expected: [[Double]], tolerance: Double = 1e-4,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(hits.count == expected.count, sourceLocation: sourceLocation)
        for (position, (hit, pair)) in zip(hits, expected).enumerated() {
            #expect(abs(Double(hit.score) - pair[1]) <= tolerance, "position \(position)", sourceLocation: sourceLocation)
            let nearTie = expected.contains { $0[0] != pair[0] && abs($0[1] - pair[1]) <= tolerance }
            #expect(hit.id == Int64(pair[0]) || nearTie, "position \(position): \(hit.id) vs \(pair[0])", sourceLocation: sourceLocation)
        }
    }

    @Test("every metric, k below and above the count, with a filter", arguments: VectorMetric.allCases)
    func matchesOracle(metric: VectorMetric) throws {
        var base = VectorTestData.clustered(count: 300, dimension: 19, clusters: 6, seed: 11)
        // A zero vector: cosine similarity 0 with every query.
        for column in 0..<19 { base.values[7 * 19 + column] = 0 }
        let queries = VectorTestData.clustered(count: 9, dimension: 19, clusters: 6, seed: 12)
        let ids = VectorTestData.ids(300, offset: 1_000)
        var index = ExactVectorIndex(dimension: 19, metric: metric)
        try index.add(ids: ids, vectors: base)
        let allowed = ids.filter { $0 % 3 == 0 }
        let allowedSet = Set(allowed)
        let cases = [
            VectorSearchOracle.Case(kind: "search", metric: metric.rawValue, ids: ids, base: VectorSearchOracle.rows(base),
                                    queries: VectorSearchOracle.rows(queries), k: 10),
            VectorSearchOracle.Case(kind: "search", metric: metric.rawValue, ids: ids, base: VectorSearchOracle.rows(base),
                                    queries: VectorSearchOracle.rows(queries), k: 400),
            VectorSearchOracle.Case(kind: "search", metric: metric.rawValue, ids: ids, base: VectorSearchOracle.rows(base),
                                    queries: VectorSearchOracle.rows(queries), k: 25, allowed: allowed),
        ]
        let expected = try VectorSearchOracle.run(cases)
        let top = try index.search(queries: queries, k: 10)
        let all = try index.search(queries: queries, k: 400)
        let filtered = try index.search(queries: queries, k: 25, filter: { allowedSet.contains($0) })
        for row in 0..<9 {
            expectMatches(top[row], expected[0][row])
            #expect(all[row].count == 300)
            expectMatches(all[row], expected[1][row])
            expectMatches(filtered[row], expected[2][row])
            #expect(filtered[row].allSatisfy { allowedSet.contains($0.id) })
        }
        if metric == .cosine {
            #expect(all[0].first { $0.id == 1_007 }?.score == 0)
        }
    }

    @Test("a query block and a database block boundary do not change results")
    func manyQueries() throws {
        let base = VectorTestData.clustered(count: 9_000, dimension: 8, clusters: 20, seed: 3)
        let queries = VectorTestData.clustered(count: 1_100, dimension: 8, clusters: 20, seed: 4)
        var index = ExactVectorIndex(dimension: 8, metric: .l2)
        try index.add(ids: VectorTestData.ids(9_000), vectors: base)
        let batch = try index.search(queries: queries, k: 5)
        for row in [0, 1_023, 1_024, 1_099] {
            let single = try index.search(vector: Array(queries.row(row)), k: 5)
            #expect(batch[row] == single)
        }
    }

    @Test("ties are ordered by id and k <= 0 gives empty results")
    func ties() throws {
        var index = ExactVectorIndex(dimension: 2, metric: .innerProduct)
        try index.add(ids: [9, 4, 7, 1], vectors: RowMajorMatrix(rows: 4, columns: 2, values: [1, 0, 1, 0, 1, 0, 0, 1]))
        let hits = try index.search(vector: [1, 0], k: 3)
        #expect(hits.map(\.id) == [4, 7, 9])
        #expect(try index.search(vector: [1, 0], k: 0).isEmpty)
        #expect(try ExactVectorIndex(dimension: 2, metric: .l2).search(vector: [1, 0], k: 3).isEmpty)
    }

    @Test("remove, re-add replaces, duplicate ids in one batch keep the last row")
    func mutations() throws {
        var index = ExactVectorIndex(dimension: 2, metric: .l2)
        try index.add(ids: [1, 2, 3, 2], vectors: RowMajorMatrix(rows: 4, columns: 2, values: [0, 0, 5, 5, 9, 9, 1, 1]))
        #expect(index.count == 3)
        #expect(index.vector(for: 2) == [1, 1])
        #expect(index.remove(ids: [1, 42]) == 1)
        #expect(!index.contains(id: 1) && index.count == 2)
        #expect(try index.search(vector: [0, 0], k: 5).map(\.id) == [2, 3])
        try index.add(ids: [3], vectors: RowMajorMatrix(rows: 1, columns: 2, values: [0.5, 0]))
        let hits = try index.search(vector: [0, 0], k: 5)
        #expect(hits == [VectorSearchHit(id: 3, score: -0.25), VectorSearchHit(id: 2, score: -2)])
    }

    @Test("bad input throws with context")
    func badInput() throws {
        var index = ExactVectorIndex(dimension: 3, metric: .cosine)
        #expect(throws: VectorIndexError.self) { try index.add(ids: [1], vectors: RowMajorMatrix(rows: 1, columns: 2, values: [1, 2])) }
        #expect(throws: VectorIndexError.self) { try index.add(ids: [1, 2], vectors: RowMajorMatrix(rows: 1, columns: 3, values: [1, 2, 3])) }
        do {
            try index.add(ids: [1, 2], vectors: RowMajorMatrix(rows: 2, columns: 3, values: [1, 2, 3, 4, .nan, 6]))
            Issue.record("NaN accepted")
        } catch {
            #expect(error.code == .nonFiniteValue)
            #expect(error.message.contains("row 1, column 1"))
        }
        #expect(index.count == 0)
        #expect(throws: VectorIndexError.self) { try index.search(vector: [1, 2], k: 1) }
    }

    @Test("serialization round trip; truncated and foreign buffers are errors")
    func serialization() throws {
        var index = ExactVectorIndex(dimension: 5, metric: .cosine)
        try index.add(ids: VectorTestData.ids(50, offset: -20), vectors: VectorTestData.clustered(count: 50, dimension: 5, clusters: 3, seed: 9))
        index.remove(ids: [-20, 3])
        let bytes = index.serialized()
        let copy = try ExactVectorIndex(serialized: bytes)
        #expect(copy == index)
        let query = VectorTestData.clustered(count: 4, dimension: 5, clusters: 3, seed: 10)
        #expect(try copy.search(queries: query, k: 7) == index.search(queries: query, k: 7))
        for cut in [0, 4, 13, bytes.count / 2, bytes.count - 1] {
            do {
                _ = try ExactVectorIndex(serialized: Array(bytes.prefix(cut)))
                Issue.record("a \(cut)-byte prefix was accepted")
            } catch {
                #expect(error.code == .truncated, "\(cut): \(error)")
                #expect(error.message.contains("offset") || cut < 8)
            }
        }
        #expect(throws: VectorIndexError.self) { try ExactVectorIndex(serialized: bytes + [0]) }
        #expect(throws: VectorIndexError.self) { try HNSWIndex(serialized: bytes) }
    }

    @Test("the exact k-NN graph excludes each row itself and matches NumPy", arguments: VectorMetric.allCases)
    func neighborGraph(metric: VectorMetric) throws {
        var rows = VectorTestData.clustered(count: 120, dimension: 6, clusters: 4, seed: 21)
        // Two identical rows are each other's nearest neighbour, at distance 0 (cosine, L2).
        for column in 0..<6 { rows.values[5 * 6 + column] = rows.values[9 * 6 + column] }
        let graph = try ExactVectorIndex.neighborGraph(of: rows, k: 8, metric: metric)
        let expected = try VectorSearchOracle.run([.init(kind: "graph", metric: metric.rawValue, rows: VectorSearchOracle.rows(rows), k: 8)])[0]
        for row in 0..<120 {
            #expect(!graph.neighbors(of: row).contains(Int32(row)))
            let hits = zip(graph.neighbors(of: row), graph.distances(of: row)).map { VectorSearchHit(id: Int64($0), score: -$1) }
            expectMatches(hits, expected[row].map { [$0[0], -$0[1]] })
        }
        if metric != .innerProduct {
            #expect(graph.neighbors(of: 5).first == 9 && graph.distances(of: 5).first! < 1e-5)
        }
        let small = try ExactVectorIndex.neighborGraph(of: RowMajorMatrix(rows: 3, columns: 1, values: [0, 1, 3]), k: 4, metric: .l2)
        #expect(small.neighbors == [1, 2, -1, -1, 0, 2, -1, -1, 1, 0, -1, -1])
        #expect(small.distances == [1, 9, .infinity, .infinity, 1, 4, .infinity, .infinity, 4, 9, .infinity, .infinity])
    }
}
