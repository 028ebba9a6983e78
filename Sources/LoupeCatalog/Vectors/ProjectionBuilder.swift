import Foundation
import LoupeCore

/// Lays an embedding space's row vectors out in 2-D (PCA or UMAP) and keeps the layout in the
/// store, recomputing only when the space's vectors or the parameters changed.
///
/// UMAP's neighbours come from the exact k-NN graph (BLAS, each pair once) up to
/// ``exactNeighborsUpTo`` points (default 100,000: about 8 CPU seconds at 70,000 × 64) and from an
/// HNSW index above, as umap-learn uses pynndescent for large data. The index is built on one
/// thread so that the graph, and with it the layout, is the same on every run.
public struct ProjectionBuilder<S: Store>: Sendable {
    /// The store.
    public let store: S
    /// Points up to which UMAP's k-NN graph is exact.
    public var exactNeighborsUpTo: Int

    /// A builder over `store`.
    public init(store: S, exactNeighborsUpTo: Int = 100_000) {
        self.store = store
        self.exactNeighborsUpTo = exactNeighborsUpTo
    }

    /// The space's layout for `request`: the stored one when it was computed from the space's
    /// current vectors with the same parameters (unless `recompute`), else a new one, stored.
    /// - Throws: `StoreError.notFound` for a space without row vectors; `StoreError.invalid` for
    ///   parameters out of range or fewer than 3 vectors for UMAP.
    public func projection(of space: EmbeddingSpace, _ request: ProjectionRequest, recompute: Bool = false) async throws -> Projection {
        try request.validate()
        let signature = try await store.embeddingSourceSignature(spaceID: space.id)
        if !recompute, let stored = try await store.projection(spaceID: space.id, method: request.method),
           stored.source == signature, stored.parametersJSON == request.parametersJSON {
            return stored
        }
        let entries = try await store.embeddingEntries(spaceID: space.id).filter { $0.objectID == nil }
        guard !entries.isEmpty else { throw StoreError.notFound("space '\(space.name)' has no row vectors to lay out") }
        let source = EmbeddingEntry.sourceSignature(entries)
        let vectors = try await store.embeddingVectors(spaceID: space.id, ids: entries.map(\.id))
        let exactUpTo = exactNeighborsUpTo
        let layout = try await BlockingWork.run { try Self.layout(vectors, request, exactNeighborsUpTo: exactUpTo) }
        let points = entries.indices.map { i in
            ProjectionPoint(rowID: entries[i].rowID, x: Double(layout.values[2 * i]), y: Double(layout.values[2 * i + 1]))
        }
        return try await store.saveProjection(spaceID: space.id, method: request.method, parametersJSON: request.parametersJSON,
                                              source: source, points: points)
    }

    /// The `n × 2` layout of `vectors` (pure computation).
    /// - Throws: `StoreError.invalid` for non-finite values or too few points for UMAP.
    public static func layout(_ vectors: RowMajorMatrix, _ request: ProjectionRequest, exactNeighborsUpTo: Int = 100_000) throws -> RowMajorMatrix {
        switch request.method {
        case .pca:
            guard vectors.rows >= 2 else {
                return RowMajorMatrix(rows: vectors.rows, columns: 2, values: [Float](repeating: 0, count: vectors.rows * 2))
            }
            let pca = PrincipalComponents(fitting: vectors, componentCount: min(2, vectors.columns))
            let projected = pca.transform(vectors)
            guard projected.columns == 1 else { return projected }
            // A one-dimensional space: its single component, and 0.
            return RowMajorMatrix(rows: vectors.rows, columns: 2, values: projected.values.flatMap { [$0, 0] })
        case .umap:
            guard vectors.rows > 2 else { throw StoreError.invalid("UMAP needs at least 3 vectors, the space has \(vectors.rows)") }
            let k = min(request.neighbors, vectors.rows - 1)
            let graph: NeighborGraph
            do {
                graph = vectors.rows <= exactNeighborsUpTo
                    ? try ExactVectorIndex.neighborGraph(of: vectors, k: k, metric: request.metric)
                    : try HNSWIndex.neighborGraph(of: vectors, k: k, metric: request.metric, parameters: HNSWParameters(buildThreads: 1))
            } catch {
                throw StoreError.invalid("the space's vectors: \(error)")
            }
            let umap = UMAP(minDistance: request.minDistance, epochs: request.epochs, seed: request.seed)
            return umap.embed(graph, data: vectors)
        }
    }
}
