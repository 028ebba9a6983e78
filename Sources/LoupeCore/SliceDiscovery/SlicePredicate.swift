/// A single metadata predicate: a categorical field equal to a value, or a numeric field in a bin.
public enum SlicePredicate: Hashable, Sendable, Codable, CustomStringConvertible {
    /// `field = value`.
    case equals(field: String, value: String)
    /// `lower ≤ field < upper`, or `≤ upper` when `includesUpper` (the last bin).
    case range(field: String, lower: Double, upper: Double, includesUpper: Bool)

    /// The field the predicate reads.
    public var field: String {
        switch self {
        case .equals(let field, _), .range(let field, _, _, _): field
        }
    }

    /// `field = value` or `field in [lower, upper)` (`]` for the last bin).
    public var description: String {
        switch self {
        case let .equals(field, value): "\(field) = \(value)"
        case let .range(field, lower, upper, closed):
            "\(field) in [\(NeighborhoodIssues.format(lower)), \(NeighborhoodIssues.format(upper))\(closed ? "]" : ")")"
        }
    }

    /// Whether a numeric value satisfies a `.range` (always `false` for `.equals`).
    public func contains(_ value: Double) -> Bool {
        guard case let .range(_, lower, upper, closed) = self else { return false }
        return value >= lower && (value < upper || (closed && value == upper))
    }
}
