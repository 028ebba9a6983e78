import Foundation

/// A stored 2-D layout of an embedding space's row vectors.
public struct Projection: Hashable, Sendable {
    /// How the layout was computed.
    public enum Method: String, Hashable, Sendable, Codable, CaseIterable {
        /// The first two principal components.
        case pca
        /// UMAP over the k-nearest-neighbour graph.
        case umap
    }

    /// Store-assigned id (never reused).
    public var id: Int64
    /// The space laid out.
    public var spaceID: Int64
    /// The method.
    public var method: Method
    /// The parameters it ran with, as a JSON object (seed, neighbours, metric, …).
    public var parametersJSON: String
    /// A description of the vectors it was computed from (see ``EmbeddingEntry/sourceSignature(_:)``).
    public var source: String
    /// When it was stored.
    public var createdAt: Date

    /// A projection as read from a store.
    public init(id: Int64, spaceID: Int64, method: Method, parametersJSON: String, source: String, createdAt: Date) {
        self.id = id
        self.spaceID = spaceID
        self.method = method
        self.parametersJSON = parametersJSON
        self.source = source
        self.createdAt = createdAt
    }
}

/// One row's place in a layout.
public struct ProjectionPoint: Hashable, Sendable {
    /// The row.
    public var rowID: Int64
    /// Horizontal coordinate.
    public var x: Double
    /// Vertical coordinate.
    public var y: Double

    /// A point.
    public init(rowID: Int64, x: Double, y: Double) {
        self.rowID = rowID
        self.x = x
        self.y = y
    }
}

extension EmbeddingEntry {
    /// A short text that changes whenever the set of vectors changes (a vector added, replaced —
    /// which gives it a new id — or deleted): their count, largest id and id sum.
    /// - Complexity: O(n).
    public static func sourceSignature(_ entries: [EmbeddingEntry]) -> String {
        var sum: UInt64 = 0
        for entry in entries { sum = sum &+ UInt64(bitPattern: entry.id) }
        return "\(entries.count):\(entries.map(\.id).max() ?? 0):\(sum)"
    }
}
