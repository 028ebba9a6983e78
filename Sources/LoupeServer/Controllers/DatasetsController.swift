import Hummingbird
import LoupeCatalog

/// `/datasets` and `/datasets/{dataset}`: the workspace's datasets, one with its statistics and
/// classes, and deleting one (admins only: it takes every row, label and prediction with it).
struct DatasetsController<S: Store> {
    /// The store served.
    let store: S
    /// Statistics counted once per write generation.
    let statistics = DatasetStatisticsCache()

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("datasets", use: list)
        group.get("datasets/:dataset", use: show)
        group.delete("datasets/:dataset", use: delete)
    }

    /// Deletes the dataset with its rows, classes, ground truth, slices, and the predictions,
    /// snapshot entries, evaluation results and vectors on its rows, in one transaction.
    @Sendable func delete(_ request: Request, context: LoupeRequestContext) async throws -> HTTPResponse.Status {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        try await store.deleteDataset(id: dataset.id)
        context.logger.notice("deleted dataset '\(dataset.name)'", metadata: ["token": .string(context.caller?.tokenName ?? "(open)")])
        return .noContent
    }

    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<DatasetListView> {
        JSONResponse(value: DatasetListView(datasets: try await store.datasets().map(DatasetView.init)))
    }

    @Sendable func show(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<DatasetDetailView> {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        // `statistics=false` answers the schema at once: counting a large dataset takes seconds the first time.
        let counted = try await QueryParameters(request).boolean("statistics", default: true)
        let statistics = counted ? try await self.statistics.statistics(of: dataset.id, in: store) : nil
        let classes = try await store.classes(datasetID: dataset.id).map {
            DatasetDetailView.ClassView(name: $0.name, ordinal: $0.ordinal, color: $0.color)
        }
        return JSONResponse(value: DatasetDetailView(name: dataset.name, createdAt: dataset.createdAt,
                                                     statistics: statistics, classes: classes,
                                                     metadataFields: try await store.metadataFields(datasetID: dataset.id)))
    }
}
