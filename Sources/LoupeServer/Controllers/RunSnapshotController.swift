import Hummingbird
import LoupeCatalog

/// `/runs/{run}/snapshot`: the rows a run was trained and tested on, with their split and label
/// version at the time, a page at a time in row order.
struct RunSnapshotController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("runs/:run/snapshot", use: list)
    }

    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<SnapshotPageView> {
        let (model, run) = try await CatalogLookup(store: store).run(context.pathParameter("run"))
        let query = try QueryParameters(request)
        let scope = "snapshot\u{0}\(run.id)"
        let page = try await store.snapshot(runID: run.id, page: try query.keysetPage(scope: scope))
        let resolved = try await RowKeyResolver(store: store).keys(of: page.items.map(\.rowID))
        let rows = page.items.compactMap { entry in
            resolved?.1[entry.rowID].map { SnapshotEntryView(key: $0, split: entry.split, labelVersion: entry.labelVersion) }
        }
        let next = page.nextCursor(scope: scope)
        return JSONResponse(value: SnapshotPageView(run: "\(model.name)/\(run.name)", dataset: resolved?.0.name, rows: rows, nextCursor: next))
    }
}
