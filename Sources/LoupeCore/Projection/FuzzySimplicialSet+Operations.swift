extension FuzzySimplicialSet {
    /// The set without the entries whose membership is below `threshold` (umap-learn drops those
    /// below `max / n_epochs`: they would never be sampled).
    /// - Complexity: O(entries).
    public func pruned(below threshold: Float) -> FuzzySimplicialSet {
        var starts = [0]
        var keptColumns: [Int32] = []
        var keptWeights: [Float] = []
        for i in 0..<count {
            for entry in rowStarts[i]..<rowStarts[i + 1] where weights[entry] >= threshold {
                keptColumns.append(columns[entry])
                keptWeights.append(weights[entry])
            }
            starts.append(keptColumns.count)
        }
        return FuzzySimplicialSet(count: count, rowStarts: starts, columns: keptColumns, weights: keptWeights)
    }

    /// The number of connected components of the set's edges (union–find).
    /// - Complexity: O(entries · α(n)).
    public var componentCount: Int {
        var parent = Array(0..<count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        var components = count
        for i in 0..<count {
            for entry in rowStarts[i]..<rowStarts[i + 1] {
                let a = root(i)
                let b = root(Int(columns[entry]))
                if a != b {
                    parent[max(a, b)] = min(a, b)
                    components -= 1
                }
            }
        }
        return components
    }
}
