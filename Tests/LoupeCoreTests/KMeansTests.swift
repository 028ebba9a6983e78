import Foundation
@testable import LoupeCore
import Testing

@Suite("k-means against scikit-learn 1.9.1")
struct KMeansTests {
    struct Answer: Decodable {
        var inertias: [Double]
        var bestInertia: Double
        var ariBest: Double
        var ariTruth: Double?
        var bestAriTruth: Double?
    }

    static func oracle(_ data: RowMajorMatrix, k: Int, labels: [Int32], truth: [Int]?, seeds: [Int], nInit: Int) throws -> Answer {
        var request = ProjectionOracle.Case(kind: "kmeans")
        request.x = data.values
        request.rows = data.rows
        request.k = k
        request.nInit = nInit
        request.seeds = seeds
        request.labels = labels
        request.truth = truth
        return try ProjectionOracle.run([request], script: "clustering_oracle.py", reference: "scikit-learn 1.9.1", as: Answer.self)[0]
    }

    @Test("Well-separated seeded clusters: inertia within 1 % of scikit-learn's and the same partition (ARI ≥ 0.99)")
    func separatedClusters() throws {
        let (data, truth) = EmbeddingFixtures.gaussianMixture(clusters: 8, perCluster: 400, dimensions: 16, separation: 8, seed: 5)
        let result = KMeans(clusterCount: 8, initializations: 3, seed: 1).fit(data)
        let answer = try Self.oracle(data, k: 8, labels: result.labels, truth: truth, seeds: [0, 1, 2], nInit: 1)
        print("k-means 3,200 × 16, k = 8: inertia \(result.inertia) vs sklearn best \(answer.bestInertia); ARI \(answer.ariBest), "
              + "vs truth \(answer.ariTruth ?? .nan); \(result.iterations) iterations")
        #expect(result.inertia <= answer.bestInertia * 1.01)
        #expect(answer.ariBest >= 0.99)
        #expect((answer.ariTruth ?? 0) >= 0.99)
        #expect(result.converged)
        #expect(result.clusterSizes.reduce(0, +) == data.rows)
    }

    @Test("The digits, k = 10, ten starts each: inertia within 1 % of scikit-learn's best")
    func digits() throws {
        let digits = try ProjectionOracle.digits()
        let data = RowMajorMatrix(rows: digits.rows, columns: digits.columns, values: digits.x)
        let result = KMeans(clusterCount: 10, initializations: 10, seed: 0).fit(data)
        let answer = try Self.oracle(data, k: 10, labels: result.labels, truth: digits.y, seeds: [0], nInit: 10)
        print("k-means digits k = 10: inertia \(result.inertia) vs sklearn \(answer.bestInertia); ARI vs sklearn \(answer.ariBest), "
              + "vs classes \(answer.ariTruth ?? .nan) (sklearn \(answer.bestAriTruth ?? .nan))")
        #expect(result.inertia <= answer.bestInertia * 1.01)
        #expect(abs(result.inertia - answer.bestInertia) <= 0.01 * answer.bestInertia)
    }

    @Test("Deterministic for a seed; the inertia is the sum of squared distances to the assigned centres")
    func deterministic() {
        let (data, _) = EmbeddingFixtures.gaussianMixture(clusters: 5, perCluster: 200, dimensions: 6, separation: 2, seed: 9)
        let first = KMeans(clusterCount: 5, initializations: 2, seed: 3).fit(data)
        #expect(KMeans(clusterCount: 5, initializations: 2, seed: 3).fit(data) == first)
        var inertia = 0.0
        for i in 0..<data.rows {
            var nearest = Double.infinity
            for c in 0..<5 {
                var distance = 0.0
                for j in 0..<6 {
                    let delta = Double(data.values[i * 6 + j]) - Double(first.centers.values[c * 6 + j])
                    distance += delta * delta
                }
                nearest = min(nearest, distance)
            }
            inertia += nearest
        }
        #expect(abs(first.inertia - inertia) <= 1e-6 * inertia)
    }

    @Test("Hand-built: two pairs of points, k above the number of rows, empty input")
    func knownAnswers() {
        let data = RowMajorMatrix(rows: 4, columns: 2, values: [0, 0, 0, 2, 10, 0, 10, 2])
        let result = KMeans(clusterCount: 2, seed: 0).fit(data)
        #expect(result.labels[0] == result.labels[1] && result.labels[2] == result.labels[3] && result.labels[0] != result.labels[2])
        #expect(abs(result.inertia - 4) < 1e-9)
        let centers = Set((0..<2).map { [result.centers.values[$0 * 2], result.centers.values[$0 * 2 + 1]] })
        #expect(centers == [[0, 1], [10, 1]])
        let all = KMeans(clusterCount: 9).fit(data)
        #expect(all.centers.rows == 4 && all.inertia == 0 && Set(all.labels).count == 4)
        let none = KMeans(clusterCount: 3).fit(RowMajorMatrix(rows: 0, columns: 2, values: []))
        #expect(none.labels.isEmpty && none.centers.rows == 0 && none.inertia == 0)
    }

    @Test("An empty cluster takes the row farthest from its centre")
    func emptyClusterRelocation() {
        // Centre 2 sits far away and wins no row; row 3 is the farthest from its centre (0).
        let data = RowMajorMatrix(rows: 4, columns: 1, values: [0, 1, 2, 9])
        let centers = RowMajorMatrix(rows: 3, columns: 1, values: [1, 1.5, 100])
        let norms = KMeans.squaredNorms(data)
        let assignment = KMeans.assign(data, norms: norms, centers: centers)
        #expect(assignment.labels == [0, 0, 1, 1])
        let updated = KMeans.updatedCenters(data, assignment: assignment, count: 3)
        #expect(updated.values == [0.5, 5.5, 9])
    }

    @Test("k-means++ seeding picks distinct rows, the first uniformly from the generator")
    func seeding() {
        let (data, truth) = EmbeddingFixtures.gaussianMixture(clusters: 4, perCluster: 50, dimensions: 3, separation: 50, seed: 4)
        var generator = SplitMix64(seed: 8)
        let centers = KMeans.seedCenters(data, norms: KMeans.squaredNorms(data), count: 4, generator: &generator)
        var first = SplitMix64(seed: 8)
        let firstRow = first.nextIndex(below: data.rows)
        #expect(Array(centers.values[0..<3]) == Array(data.row(firstRow)))
        // Every seed is a row of the data, and on separated clusters the four fall in four clusters.
        let rows = (0..<4).map { c in (0..<data.rows).first { Array(data.row($0)) == Array(centers.row(c)) } }
        #expect(rows.allSatisfy { $0 != nil })
        #expect(Set(rows.compactMap { $0.map { truth[$0] } }).count == 4)
    }
}
