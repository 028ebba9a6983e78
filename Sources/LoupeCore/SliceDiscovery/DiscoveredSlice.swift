/// One tested candidate: its comparison with the complement and its Benjamini–Hochberg q-value.
public struct DiscoveredSlice: Hashable, Sendable, Codable {
    /// The candidate.
    public var candidate: SliceCandidate
    /// The test against the complement.
    public var comparison: SliceComparison
    /// The Benjamini–Hochberg adjusted p-value over every tested candidate.
    public var qValue: Double
    /// Whether `qValue ≤` the discovery's level and the effect is in the worse direction.
    public var isSignificant: Bool

    /// A tested candidate.
    public init(candidate: SliceCandidate, comparison: SliceComparison, qValue: Double, isSignificant: Bool) {
        self.candidate = candidate
        self.comparison = comparison
        self.qValue = qValue
        self.isSignificant = isSignificant
    }
}
