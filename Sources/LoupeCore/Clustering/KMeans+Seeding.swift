#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension KMeans {
    /// Greedy k-means++ seeding, as scikit-learn's `_kmeans_plusplus`: the first centre is a
    /// uniformly drawn row; each next one is the best of `2 + ⌊ln k⌋` candidates drawn with
    /// probability proportional to their squared distance to the nearest centre so far, "best"
    /// meaning the lowest total squared distance once it is added.
    ///
    /// A candidate is the first row whose cumulative squared distance (double precision, row
    /// order) reaches `u × total` for `u` from `generator.nextUnitInterval()`. When every row
    /// coincides with a centre (total 0) the first row is drawn, so duplicate centres can occur.
    /// - Precondition: `1 <= count <= data.rows`; `norms` are the rows' squared norms.
    /// - Complexity: O(count · (2 + ln count) · n · d) in BLAS, O((2 + ln count) · n) memory.
    static func seedCenters(_ data: RowMajorMatrix, norms: [Float], count: Int,
                                   generator: inout SplitMix64) -> RowMajorMatrix {
        let n = data.rows
        let d = data.columns
        precondition(count >= 1 && count <= n, "seedCenters: \(count) centres for \(n) rows")
        let trials = 2 + Int(log(Double(count)))
        var centers = [Float](repeating: 0, count: count * d)
        var chosen = [generator.nextIndex(below: n)]
        var closest = squaredDistances(data, norms: norms, to: chosen)[0]
        var potential = closest.reduce(0.0) { $0 + Double($1) }
        for _ in 1..<count {
            var cumulative = [Double](repeating: 0, count: n)
            var running = 0.0
            for i in 0..<n {
                running += Double(closest[i])
                cumulative[i] = running
            }
            let candidates = (0..<trials).map { _ -> Int in
                let target = generator.nextUnitInterval() * potential
                var low = 0
                var high = n
                while low < high {
                    let middle = (low + high) / 2
                    if cumulative[middle] < target { low = middle + 1 } else { high = middle }
                }
                return min(low, n - 1)
            }
            let distances = squaredDistances(data, norms: norms, to: candidates)
            var bestTrial = 0
            var bestPotential = Double.infinity
            var bestDistances = closest
            for (trial, row) in distances.enumerated() {
                var merged = row
                var total = 0.0
                for i in 0..<n {
                    merged[i] = min(merged[i], closest[i])
                    total += Double(merged[i])
                }
                if total < bestPotential {
                    bestPotential = total
                    bestTrial = trial
                    bestDistances = merged
                }
            }
            chosen.append(candidates[bestTrial])
            closest = bestDistances
            potential = bestPotential
        }
        for (c, row) in chosen.enumerated() {
            for j in 0..<d { centers[c * d + j] = data.values[row * d + j] }
        }
        return RowMajorMatrix(rows: count, columns: d, values: centers)
    }

    /// Squared Euclidean distances from the rows `sources` of `data` to every row, as
    /// `‖x‖² − 2x·y + ‖y‖²` clamped at 0: one array of `n` per source.
    static func squaredDistances(_ data: RowMajorMatrix, norms: [Float], to sources: [Int]) -> [[Float]] {
        let d = data.columns
        var picked = [Float](repeating: 0, count: sources.count * d)
        for (s, row) in sources.enumerated() {
            for j in 0..<d { picked[s * d + j] = data.values[row * d + j] }
        }
        let products = RowMajorMatrix(rows: sources.count, columns: d, values: picked).innerProducts(with: data)
        return sources.enumerated().map { s, source in
            (0..<data.rows).map { i in
                max(norms[source] - 2 * products.values[s * data.rows + i] + norms[i], 0)
            }
        }
    }
}
