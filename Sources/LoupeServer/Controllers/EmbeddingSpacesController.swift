import Hummingbird
import LoupeCatalog

/// `/embedding-spaces…`: the workspace's vector spaces with their dimension, source run and size.
struct EmbeddingSpacesController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("embedding-spaces", use: list)
        group.get("embedding-spaces/:space", use: show)
    }

    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<EmbeddingSpaceListView> {
        let runNames = try await RunNames(store: store).byID()
        var views: [EmbeddingSpaceView] = []
        for space in try await store.embeddingSpaces() { views.append(try await view(of: space, runNames: runNames)) }
        return JSONResponse(value: EmbeddingSpaceListView(embeddingSpaces: views))
    }

    @Sendable func show(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<EmbeddingSpaceView> {
        let space = try await CatalogLookup(store: store).embeddingSpace(context.pathParameter("space"))
        return JSONResponse(value: try await view(of: space, runNames: try await RunNames(store: store).byID()))
    }

    private func view(of space: EmbeddingSpace, runNames: [Int64: String]) async throws -> EmbeddingSpaceView {
        EmbeddingSpaceView(name: space.name, dimension: space.dimension, sourceRun: space.sourceRunID.flatMap { runNames[$0] },
                           vectors: try await store.embeddingCount(spaceID: space.id))
    }
}
