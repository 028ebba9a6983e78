import Foundation
@testable import LoupeCore
import Testing

@Suite("UMAP's parallel descent, fast power and symmetric exact k-NN graph")
struct UMAPParallelTests {
    @Test("The layout is identical for 1, 2 and 3 descent threads; another seed differs")
    func independentOfThreads() {
        let (data, _) = EmbeddingFixtures.gaussianMixture(clusters: 4, perCluster: 150, dimensions: 8, separation: 4, seed: 5)
        let graph = EmbeddingFixtures.exactGraph(data, k: 10)
        let layouts = [1, 2, 3].map { UMAP(epochs: 80, seed: 9, threads: $0).embed(graph, data: data) }
        #expect(layouts[0] == layouts[1])
        #expect(layouts[0] == layouts[2])
        #expect(layouts[0].values.allSatisfy { $0.isFinite })
        #expect(UMAP(epochs: 80, seed: 10, threads: 2).embed(graph, data: data) != layouts[0])
    }

    @Test("Any split of the rows into chunks gives the same epoch")
    func chunkingDoesNotMatter() {
        let (data, _) = EmbeddingFixtures.gaussianMixture(clusters: 3, perCluster: 40, dimensions: 5, separation: 4, seed: 6)
        let set = FuzzySimplicialSet(graph: EmbeddingFixtures.exactGraph(data, k: 6))
        let epochsPerSample = set.weights.map { set.weights.max()! / $0 }
        func epoch(chunks: Int) -> [Float] {
            let descent = NegativeSamplingDescent(count: set.count, dimensions: 2, rowStarts: set.rowStarts, tails: set.columns,
                                                  epochsPerSample: epochsPerSample, negativeSampleRate: 5, a: 1.58, b: 0.9,
                                                  gamma: 1, seed: 3)
            defer { descent.deallocate() }
            var live = (0..<(set.count * 2)).map { Float($0 % 17) * 0.5 }
            let snapshot = live
            let ranges = descent.rowChunks(count: chunks)
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == set.count)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            for epoch in 0..<3 {
                live.withUnsafeMutableBufferPointer { live in
                    snapshot.withUnsafeBufferPointer { snapshot in
                        let points = NegativeSamplingDescent.Points(live: live.baseAddress!, snapshot: snapshot.baseAddress!)
                        for range in ranges.reversed() { descent.run(rows: range, epoch: epoch, alpha: 1, points: points) }
                    }
                }
            }
            return live
        }
        let whole = epoch(chunks: 1)
        #expect(epoch(chunks: 5) == whole)
        #expect(epoch(chunks: 17) == whole)
        #expect(whole.allSatisfy { $0.isFinite })
    }

    @Test("fastPower is within 5e-6 relative of pow over 1e-12 … 1e12 and exponents 0.5 … 1.5")
    func fastPowerAccuracy() {
        var worst = 0.0
        for exponent in stride(from: 0.5, through: 1.5, by: 0.0625) {
            var x = 1e-12
            while x < 1e12 {
                let exact = Foundation.pow(Double(Float(x)), Double(Float(exponent)))
                let fast = Double(UMAP.fastPower(Float(x), Float(exponent)))
                worst = max(worst, abs(fast - exact) / exact)
                x *= 1.37
            }
        }
        #expect(worst < 5e-6, "worst relative error \(worst)")
        #expect(UMAP.fastPower(0, 0.8) >= 0 && UMAP.fastPower(0, 0.8) < 1e-20)
        #expect(UMAP.fastPower(1, 0.8) == 1)
    }

    @Test("The symmetric exact graph over several GEMM blocks equals a brute-force graph", arguments: [VectorMetric.l2, .cosine, .innerProduct])
    func symmetricExactGraph(metric: VectorMetric) throws {
        let (data, _) = EmbeddingFixtures.gaussianMixture(clusters: 5, perCluster: 500, dimensions: 7, separation: 3, seed: 8)
        #expect(data.rows > 2 * SymmetricNeighborSearch.blockRows)
        let graph = try ExactVectorIndex.neighborGraph(of: data, k: 9, metric: metric)
        var rows = data.values
        if metric == .cosine {
            for i in 0..<data.rows {
                let norm = (0..<7).reduce(Float(0)) { $0 + rows[i * 7 + $1] * rows[i * 7 + $1] }.squareRoot()
                for c in 0..<7 { rows[i * 7 + c] /= norm }
            }
        }
        var mismatches = 0
        for i in 0..<data.rows {
            var candidates: [(Double, Int32)] = []
            for j in 0..<data.rows where j != i {
                var dot = 0.0
                var squared = 0.0
                for c in 0..<7 {
                    dot += Double(rows[i * 7 + c]) * Double(rows[j * 7 + c])
                    squared += Double(rows[i * 7 + c] - rows[j * 7 + c]) * Double(rows[i * 7 + c] - rows[j * 7 + c])
                }
                candidates.append((metric == .l2 ? squared : metric == .cosine ? 1 - dot : -dot, Int32(j)))
            }
            candidates.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            let expected = candidates.prefix(9)
            // Float rounding may swap near-equal neighbours; the distances must agree.
            if Array(graph.neighbors(of: i)) != expected.map(\.1) { mismatches += 1 }
            for (distance, truth) in zip(graph.distances(of: i), expected.map(\.0)) {
                #expect(abs(Double(distance) - truth) <= 1e-3 * max(1, abs(truth)), "row \(i)")
            }
        }
        #expect(mismatches <= data.rows / 100, "\(mismatches) rows with another neighbour order")
    }
}
