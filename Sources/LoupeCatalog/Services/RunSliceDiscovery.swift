import Foundation
import LoupeCore

/// Slices where a run does significantly worse than on the rest of the dataset: every single
/// metadata predicate (a value of a text field, a quantile bin of a numeric one), every pair of
/// them, and optionally the k-means clusters of an embedding space, each tested against its
/// complement with Benjamini–Hochberg across all of them (`SliceDiscovery`).
public enum RunSliceDiscovery {
    /// A discovered slice with the filter that selects it, when the filter language can say it.
    public struct Found: Sendable {
        /// The candidate's name (its predicates, or `cluster N`).
        public var name: String
        /// The filter selecting the slice's rows (`nil` for a cluster: its rows have no predicate).
        public var filter: String?
        /// The comparison with the rest of the rows.
        public var comparison: SliceComparison
        /// The Benjamini–Hochberg adjusted p-value.
        public var qValue: Double
    }

    /// The slices of `dataset` where `metric` of `evaluation` is significantly worse, ranked (the
    /// largest effect first, then the larger slice), and how many candidates were tested.
    /// - Parameters:
    ///   - clusters: an embedding space and a number of k-means clusters to add as candidates.
    /// - Throws: `StoreError` for a missing dataset or space, or an evaluation without the metric.
    public static func discover(store: some Store, dataset: String, evaluation: Evaluation, metric: RunMetricImportance.Metric,
                                clusters: (space: EmbeddingSpace, k: Int)? = nil, minimumSize: Int = 30, level: Double = 0.05,
                                seed: UInt64 = 0) async throws -> (tested: Int, found: [Found]) {
        let table = try await RunMetricImportance.rowTable(store: store, dataset: dataset, evaluation: evaluation, metric: metric)
        var candidates = SliceCandidate.metadata(table.fields, quantileBins: 4, minimumSize: minimumSize, pairs: true)
        if let clusters {
            guard let found = try await store.dataset(named: dataset) else { throw StoreError.notFound("no dataset '\(dataset)'") }
            let analysis = try await ClusterAnalysis(store: store).analyze(space: clusters.space, dataset: found, k: clusters.k, seed: seed)
            let position = Dictionary(uniqueKeysWithValues: table.rows.enumerated().map { ($1.key, $0) })
            var assignments = [Int?](repeating: nil, count: table.rows.count)
            for cluster in analysis.clusters {
                for key in cluster.keys { if let index = position[key] { assignments[index] = cluster.id } }
            }
            candidates += SliceCandidate.clusters(assignments)
        }
        let outcome: SliceDiscovery.Outcome = metric == .correct
            ? .correct(table.values.map { $0.map { $0 == 1 } })
            : .metric(table.values)
        let higherIsBetter = ![.errors, .fp, .fn, .entropy].contains(metric)
        let result: SliceDiscovery.Result
        do {
            result = try SliceDiscovery.discover(outcome: outcome, candidates: candidates, parameters: .init(
                level: level, minimumSize: minimumSize, higherIsBetter: higherIsBetter))
        } catch {
            throw StoreError.invalid("\(error)")
        }
        let found = result.significant.map { slice in
            Found(name: slice.candidate.name, filter: filter(slice.candidate.origin, fields: table.fields),
                  comparison: slice.comparison, qValue: slice.qValue)
        }
        return (result.tested.count, found)
    }

    /// The filter-language text of a candidate, or `nil` for a row set.
    static func filter(_ origin: SliceCandidate.Origin, fields: [MetricImportance.Field]) -> String? {
        switch origin {
        case .predicate(let predicate): filter(predicate, fields: fields)
        case .conjunction(let a, let b): filter(a, fields: fields).flatMap { first in filter(b, fields: fields).map { "\(first) and \($0)" } }
        case .rowSet: nil
        }
    }

    private static func filter(_ predicate: SlicePredicate, fields: [MetricImportance.Field]) -> String? {
        switch predicate {
        case let .equals(field, value):
            // Booleans compare as the words true and false; every other category is a string.
            if value == "true" || value == "false", field.hasPrefix("meta.") { return "\(field) = \(value)" }
            return "\(field) = \(FilterValue.string(value))"
        case let .range(field, lower, upper, includesUpper):
            return "\(field) >= \(FilterValue.number(lower)) and \(field) \(includesUpper ? "<=" : "<") \(FilterValue.number(upper))"
        }
    }
}
