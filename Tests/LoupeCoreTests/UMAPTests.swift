import Foundation
@testable import LoupeCore
import Testing

@Suite("UMAP against umap-learn 0.5.12")
struct UMAPTests {
    struct CurveAnswer: Decodable {
        var a: Double
        var b: Double
    }

    struct FuzzyAnswer: Decodable {
        var sigmas: [Double]
        var rhos: [Double]
        var row: [Int]
        var col: [Int]
        var data: [Double]
    }

    struct LaplacianAnswer: Decodable {
        var eigenvalues: [Double]
    }

    struct QualityAnswer: Decodable {
        var trust: Double
        var knn: Double
        var seconds: Double?
    }

    @Test("a and b equal umap-learn's find_ab_params to 1e-3")
    func curveParameters() throws {
        let settings: [(spread: Double, minDistance: Double)] = [(1, 0.1), (1, 0.5), (1, 0), (2, 0.25), (0.5, 0.01)]
        let cases = settings.map { setting -> ProjectionOracle.Case in
            var request = ProjectionOracle.Case(kind: "umap_ab")
            request.spread = setting.spread
            request.minDist = setting.minDistance
            return request
        }
        let expected = try ProjectionOracle.run(cases, as: CurveAnswer.self)
        for (setting, answer) in zip(settings, expected) {
            let (a, b) = UMAP.curveParameters(spread: setting.spread, minDistance: setting.minDistance)
            #expect(abs(a - answer.a) <= 1e-3 && abs(b - answer.b) <= 1e-3,
                    "spread \(setting.spread), min_dist \(setting.minDistance): (\(a), \(b)) vs (\(answer.a), \(answer.b))")
        }
    }

    @Test("The fuzzy simplicial set equals umap-learn's (sigmas, rhos and every membership) on a seeded mixture")
    func fuzzySet() throws {
        let (data, _) = EmbeddingFixtures.gaussianMixture(clusters: 4, perCluster: 75, dimensions: 8, separation: 4, seed: 3)
        let graph = EmbeddingFixtures.exactGraph(data, k: 9)
        var request = ProjectionOracle.Case(kind: "umap_fuzzy")
        request.rows = graph.count
        request.k = graph.k
        request.indices = graph.neighbors
        request.distances = graph.distances.map { $0.squareRoot() }
        let expected = try ProjectionOracle.run([request], as: FuzzyAnswer.self)[0]
        let distances = graph.distances.map { $0.squareRoot() }
        let (rho, sigma) = FuzzySimplicialSet.smoothDistances(graph: graph, distances: distances)
        for i in 0..<graph.count {
            #expect(abs(rho[i] - expected.rhos[i]) <= 1e-5 * max(1, expected.rhos[i]))
            #expect(abs(sigma[i] - expected.sigmas[i]) <= 1e-4 * max(1, expected.sigmas[i]), "sigma \(i): \(sigma[i]) vs \(expected.sigmas[i])")
        }
        let set = FuzzySimplicialSet(graph: graph)
        #expect(set.entryCount == expected.data.count)
        var position = 0
        for i in 0..<set.count {
            for entry in set.rowStarts[i]..<set.rowStarts[i + 1] where position < expected.data.count {
                #expect(expected.row[position] == i && expected.col[position] == Int(set.columns[entry]))
                #expect(abs(Double(set.weights[entry]) - expected.data[position]) <= 1e-5)
                position += 1
            }
        }
    }

    @Test("The spectral layout finds the Laplacian's second and third eigenvalues of a connected graph")
    func spectralEigenvalues() throws {
        let (data, _) = EmbeddingFixtures.gaussianMixture(clusters: 1, perCluster: 250, dimensions: 5, separation: 0, seed: 11)
        let set = FuzzySimplicialSet(graph: EmbeddingFixtures.exactGraph(data, k: 10))
        #expect(set.componentCount == 1)
        var request = ProjectionOracle.Case(kind: "laplacian")
        request.rows = set.count
        request.row = (0..<set.count).flatMap { i in (set.rowStarts[i]..<set.rowStarts[i + 1]).map { _ in Int32(i) } }
        request.col = set.columns
        request.data = set.weights
        let expected = try ProjectionOracle.run([request], reference: "NumPy", as: LaplacianAnswer.self)[0]
        let layout = SpectralLayout(set: set, dimensions: 2, seed: 5)
        #expect(abs(layout.eigenvalues[0] - expected.eigenvalues[1]) <= 1e-3, "\(layout.eigenvalues) vs \(expected.eigenvalues.prefix(4))")
        #expect(abs(layout.eigenvalues[1] - expected.eigenvalues[2]) <= 1e-3, "\(layout.eigenvalues) vs \(expected.eigenvalues.prefix(4))")
    }

    @Test("Equal seeds give identical layouts; another seed gives another layout")
    func deterministic() {
        let (data, _) = EmbeddingFixtures.gaussianMixture(clusters: 3, perCluster: 100, dimensions: 6, separation: 5, seed: 1)
        let graph = EmbeddingFixtures.exactGraph(data, k: 10)
        let umap = UMAP(epochs: 60, seed: 42)
        let first = umap.embed(graph)
        let second = umap.embed(graph)
        var other = umap
        other.seed = 43
        #expect(first == second)
        #expect(first.rows == 300 && first.columns == 2)
        #expect(first.values.allSatisfy { $0.isFinite })
        #expect(other.embed(graph) != first)
    }

    @Test("Edge cases: no points, isolated points, a disconnected graph with and without data")
    func edgeCases() {
        #expect(UMAP().embed(NeighborGraph(count: 0, k: 5, metric: .l2, neighbors: [], distances: [])).rows == 0)
        let isolated = NeighborGraph(count: 3, k: 1, metric: .l2, neighbors: [-1, -1, -1], distances: [.infinity, .infinity, .infinity])
        let lone = UMAP(epochs: 10).embed(isolated)
        #expect(lone.rows == 3 && lone.values.allSatisfy { $0.isFinite })
        // Two blobs far apart with 5 neighbours each: two components.
        let (data, truth) = EmbeddingFixtures.gaussianMixture(clusters: 2, perCluster: 60, dimensions: 4, separation: 100, seed: 2)
        let graph = EmbeddingFixtures.exactGraph(data, k: 5)
        #expect(FuzzySimplicialSet(graph: graph).componentCount == 2)
        for layout in [UMAP(epochs: 50).embed(graph), UMAP(epochs: 50).embed(graph, data: data),
                       UMAP(epochs: 50, initialization: .principalComponents).embed(graph, data: data),
                       UMAP(epochs: 50, initialization: .random).embed(graph)] {
            #expect(layout.values.allSatisfy { $0.isFinite })
            #expect(layout.rows == truth.count)
        }
    }

    @Test("On the digits and on a seeded 10-cluster mixture (a disconnected graph: PCA start): trustworthiness within 0.02 of umap-learn's, comparable 2-D k-NN accuracy")
    func quality() async throws {
        let digits = try ProjectionOracle.digits()
        let (mixture, truth) = EmbeddingFixtures.gaussianMixture(clusters: 10, perCluster: 150, dimensions: 32, separation: 4, seed: 21)
        let sets: [(name: String, data: RowMajorMatrix, labels: [Int])] = [
            ("digits", RowMajorMatrix(rows: digits.rows, columns: digits.columns, values: digits.x), digits.y),
            ("mixture", mixture, truth),
        ]
        let epochs = 200
        let requests = sets.map { set -> ProjectionOracle.Case in
            var request = ProjectionOracle.Case(kind: "umap_reference")
            request.x = set.data.values
            request.rows = set.data.rows
            request.columns = set.data.columns
            request.y = set.labels
            request.nNeighbors = 15
            request.nEpochs = epochs
            request.seed = 0
            request.trustK = 10
            return request
        }
        // umap-learn (about 15 s, mostly numba compilation) runs while we compute our layouts.
        async let reference = Self.quality(requests)
        var ours: [ProjectionOracle.Case] = []
        for (set, request) in zip(sets, requests) {
            // umap-learn's default n_neighbors = 15 counts the point itself: 14 neighbours here.
            let graph = EmbeddingFixtures.exactGraph(set.data, k: 14)
            let clock = ContinuousClock()
            let start = clock.now
            let layout = UMAP(epochs: epochs, seed: 0).embed(graph, data: set.data)
            print("UMAP \(set.name): \(graph.count) points, \(FuzzySimplicialSet(graph: graph).componentCount) components, \(clock.now - start)")
            var scored = request
            scored.kind = "layout_quality"
            scored.embedding = layout.values
            ours.append(scored)
        }
        let scores = try Self.quality(ours)
        let references = try await reference
        for (set, (mine, theirs)) in zip(sets, zip(scores, references)) {
            print("UMAP \(set.name) (\(epochs) epochs): trust \(mine.trust) knn \(mine.knn); "
                  + "umap-learn \(theirs.seconds ?? 0) s trust \(theirs.trust) knn \(theirs.knn)")
            #expect(abs(mine.trust - theirs.trust) <= 0.02, "\(set.name)")
            #expect(mine.knn >= theirs.knn - 0.03, "\(set.name)")
        }
    }

    static func quality(_ requests: [ProjectionOracle.Case]) throws -> [QualityAnswer] {
        try ProjectionOracle.run(requests, as: QualityAnswer.self)
    }
}
