import LoupeCore

/// A cluster analysis as the CLI prints it and the API sends it: each cluster's size, a few of
/// its keys, and with a run its metric and difference from the whole set, with intervals.
public struct ClusterReport: Encodable, Sendable {
    /// A metric with its bootstrap interval and support.
    public struct Estimate: Encodable, Sendable {
        /// The value.
        public var value: Double
        /// The interval's lower bound, when resampled.
        public var lower: Double?
        /// The interval's upper bound, when resampled.
        public var upper: Double?
        /// Rows behind the value.
        public var support: Int

        init?(_ estimate: MetricEstimate?) {
            guard let estimate else { return nil }
            value = estimate.value
            lower = estimate.lower
            upper = estimate.upper
            support = estimate.support
        }
    }

    /// One cluster.
    public struct Cluster: Encodable, Sendable {
        /// Its id (0-based, worst first when a run is given).
        public var id: Int
        /// Rows in it.
        public var size: Int
        /// Its first keys.
        public var keys: [String]
        /// The run's metric on it.
        public var metric: Estimate?
        /// The metric's difference from the whole set.
        public var difference: Estimate?
        /// Whether the difference's interval lies below zero.
        public var significantlyWorse: Bool
    }

    /// Clusters asked for.
    public var k: Int
    /// k-means inertia (the sum of squared distances to the centres).
    public var inertia: Double
    /// The run's per-row metric, when a run was given.
    public var metric: String?
    /// The metric over the whole set.
    public var overall: Estimate?
    /// The clusters, in the analysis's order.
    public var clusters: [Cluster]

    /// The report of `result`, listing `keysPerCluster` keys of each cluster.
    public init<S: Store>(_ result: ClusterAnalysis<S>.Result, k: Int, keysPerCluster: Int) {
        self.k = k
        inertia = result.inertia
        metric = result.metricName
        overall = Estimate(result.overall)
        clusters = result.clusters.map { cluster in
            Cluster(id: cluster.id, size: cluster.keys.count, keys: Array(cluster.keys.prefix(keysPerCluster)),
                    metric: Estimate(cluster.metric), difference: Estimate(cluster.difference),
                    significantlyWorse: cluster.isSignificantlyWorse)
        }
    }
}
