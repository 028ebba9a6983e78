import LoupeCore

/// How to lay a space out in 2-D. The defaults are umap-learn's, with cosine neighbours (the
/// usual choice for model embeddings).
public struct ProjectionRequest: Hashable, Sendable, Codable {
    /// PCA or UMAP.
    public var method: Projection.Method
    /// UMAP: neighbours per point in the k-NN graph (2…200).
    public var neighbors: Int
    /// UMAP: the minimum distance between laid-out points (0…1).
    public var minDistance: Double
    /// UMAP: how neighbours are found.
    public var metric: VectorMetric
    /// UMAP: epochs of gradient descent; `nil` for umap-learn's default (500 up to 10,000 points, else 200).
    public var epochs: Int?
    /// The seed; equal seeds give equal layouts.
    public var seed: UInt64

    /// A request; UMAP parameters are ignored by PCA.
    public init(method: Projection.Method, neighbors: Int = 15, minDistance: Double = 0.1, metric: VectorMetric = .cosine,
                epochs: Int? = nil, seed: UInt64 = 0) {
        self.method = method
        self.neighbors = neighbors
        self.minDistance = minDistance
        self.metric = metric
        self.epochs = epochs
        self.seed = seed
    }

    /// The parameters that define the layout, as stored with it (PCA has none but the method).
    public var parametersJSON: String {
        switch method {
        case .pca: #"{"method":"pca"}"#
        case .umap:
            #"{"epochs":\#(epochs.map(String.init) ?? "null"),"method":"umap","metric":"\#(metric.rawValue)","min_distance":\#(minDistance),"neighbors":\#(neighbors),"seed":\#(seed)}"#
        }
    }

    /// Checks the ranges.
    /// - Throws: `StoreError.invalid` naming the parameter.
    public func validate() throws {
        guard method == .pca || (2...200).contains(neighbors) else { throw StoreError.invalid("neighbors must be from 2 to 200, not \(neighbors)") }
        guard (0...1).contains(minDistance) else { throw StoreError.invalid("min_distance must be from 0 to 1, not \(minDistance)") }
        guard (epochs ?? 1) >= 1 && (epochs ?? 1) <= 10_000 else { throw StoreError.invalid("epochs must be from 1 to 10000") }
        guard metric != .innerProduct || method == .pca else {
            throw StoreError.invalid("UMAP needs a distance: use cosine or l2, not inner_product")
        }
    }
}
