/// A candidate slice: a named set of rows to compare with the rest of the dataset. The catalog
/// builds candidates from metadata (`SliceCandidate+Metadata`), from clusters, or from any saved
/// selection; discovery only reads the rows.
public struct SliceCandidate: Hashable, Sendable, Codable {
    /// How a candidate was formed, for display and for saving it as a slice again.
    public enum Origin: Hashable, Sendable, Codable {
        /// One metadata predicate.
        case predicate(SlicePredicate)
        /// A conjunction of two metadata predicates, both must hold.
        case conjunction(SlicePredicate, SlicePredicate)
        /// Membership of a named row set (an embedding cluster, a saved selection).
        case rowSet(String)
    }

    /// A human name, unique within one discovery (`weather = rain`, `age in [12, 30)`, `cluster 3`).
    public var name: String
    /// Where the candidate comes from.
    public var origin: Origin
    /// Its rows, ascending and distinct.
    public var rows: [Int]

    /// A candidate; `rows` are sorted and deduplicated.
    /// - Complexity: O(r log r).
    public init(name: String, origin: Origin, rows: [Int]) {
        self.name = name
        self.origin = origin
        self.rows = Array(Set(rows)).sorted()
    }

    /// A candidate from a named row set, such as the members of one embedding cluster.
    /// - Complexity: O(r log r).
    public init(name: String, rows: [Int]) {
        self.init(name: name, origin: .rowSet(name), rows: rows)
    }

    /// One candidate per cluster of `assignments` (one cluster index per row, `nil` for none), named
    /// `"\(prefix) \(index)"`, by cluster index.
    /// - Complexity: O(n log n).
    public static func clusters(_ assignments: [Int?], prefix: String = "cluster") -> [SliceCandidate] {
        var members: [Int: [Int]] = [:]
        for (row, cluster) in assignments.enumerated() {
            if let cluster { members[cluster, default: []].append(row) }
        }
        return members.keys.sorted().map { SliceCandidate(name: "\(prefix) \($0)", rows: members[$0]!) }
    }
}
