import LoupeCore

extension RunSliceDiscovery {
    /// A discovered slice as the CLI prints it and the API sends it: its rows, the metric on it
    /// and on the rest, the difference with its interval, and the raw and adjusted p-values.
    public struct Summary: Encodable, Sendable {
        /// The candidate's name.
        public var name: String
        /// The filter selecting it; absent for an embedding cluster.
        public var filter: String?
        /// Rows in the slice.
        public var rows: Int
        /// The metric's mean on the slice.
        public var value: Double
        /// The metric's mean on the rest.
        public var rest: Double
        /// `value − rest`.
        public var effect: Double
        /// The interval of the effect.
        public var lower: Double
        /// The interval of the effect.
        public var upper: Double
        /// The test's p-value.
        public var pValue: Double
        /// The Benjamini–Hochberg adjusted p-value.
        public var qValue: Double

        /// The summary of a discovered slice.
        public init(_ found: Found) {
            let c = found.comparison
            name = found.name
            filter = found.filter
            rows = c.size
            value = c.sliceMean
            rest = c.complementMean
            effect = c.effect
            lower = c.interval.lower
            upper = c.interval.upper
            pValue = c.pValue
            qValue = found.qValue
        }
    }
}
