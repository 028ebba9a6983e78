import Hummingbird
import LoupeCatalog

/// `GET /runs/{run}/evaluations/{key}/confusion?actual=…&predicted=…`: the rows behind one cell
/// of a stored evaluation's confusion matrix (what the UI's matrix cells open), each with how
/// many of its objects are in the cell, in row order, a page at a time.
struct ConfusionCellController<S: Store> {
    /// The store served.
    let store: S

    /// The name of the matrix's last row and column.
    static var none: String { "none" }

    /// Registers the route on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("runs/:run/evaluations/:key/confusion", use: cell)
    }

    @Sendable func cell(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<ConfusionCellView> {
        let lookup = CatalogLookup(store: store)
        let (model, run) = try await lookup.run(context.pathParameter("run"))
        let evaluation = try await lookup.evaluation(of: run, key: context.pathParameter("key"))
        let query = try QueryParameters(request)
        guard let actual = try query.nonEmpty("actual") else {
            throw APIError.badRequest("actual is required: a class name, or \(Self.none) for predictions that matched no object", field: "actual")
        }
        guard let predicted = try query.nonEmpty("predicted") else {
            throw APIError.badRequest("predicted is required: a class name, or \(Self.none) for objects no prediction matched", field: "predicted")
        }
        guard try await store.hasConfusionCells(evaluationID: evaluation.id) else {
            throw APIError.notFound("evaluation '\(evaluation.key)' of run '\(model.name)/\(run.name)' stores no per-row confusion cells "
                + "(it was made before Loupe recorded them, or evaluated no row); evaluate it again with --replace")
        }
        guard let dataset = try await lookup.dataset(of: run) else { throw APIError.notFound("run '\(model.name)/\(run.name)' has no rows") }
        let classes = try await store.classes(datasetID: dataset.id)
        func classID(_ name: String, field: String) throws(APIError) -> Int64? {
            // A class of that name comes first; `none` is the matrix's own label otherwise.
            if let found = classes.first(where: { $0.name == name }) { return found.id }
            if name == Self.none { return nil }
            throw .badRequest("dataset '\(dataset.name)' has no class '\(name)'", field: field)
        }
        let actualID = try classID(actual, field: "actual"), predictedID = try classID(predicted, field: "predicted")
        if actualID == nil, predictedID == nil { throw APIError.badRequest("the cell (none, none) is always empty", field: "predicted") }
        let scope = "confusion\u{0}\(evaluation.id)\u{0}\(actualID ?? 0)\u{0}\(predictedID ?? 0)"
        let page = try await store.confusionCell(evaluationID: evaluation.id, actualClassID: actualID, predictedClassID: predictedID,
                                                 page: try query.keysetPage(scope: scope))
        return JSONResponse(value: ConfusionCellView(
            run: "\(model.name)/\(run.name)", key: evaluation.key, dataset: dataset.name, actual: actual, predicted: predicted,
            count: page.objects, rowCount: page.rowCount, rows: page.rows.map { .init(key: $0.key, count: $0.count, kind: $0.kind.rawValue, text: $0.text) },
            nextCursor: page.next.map { ListCursor(position: $0.lastID, scope: scope).token }))
    }
}

/// `GET /runs/{run}/evaluations/{key}/confusion`.
struct ConfusionCellView: Encodable, Sendable {
    /// A row in the cell.
    struct Row: Encodable, Sendable {
        var key: String
        var count: Int
        var kind: String
        /// A text row's text, its first 280 characters.
        var text: String?
    }

    var run: String
    var key: String
    var dataset: String
    var actual: String
    var predicted: String
    /// The cell's number in the matrix: objects (or predictions) over all rows.
    var count: Int
    /// How many rows have some.
    var rowCount: Int
    var rows: [Row]
    /// `null` (present) on the last page.
    var nextCursor: String?

    private enum CodingKeys: String, CodingKey { case run, key, dataset, actual, predicted, count, rowCount, rows, nextCursor }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(run, forKey: .run)
        try container.encode(key, forKey: .key)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(actual, forKey: .actual)
        try container.encode(predicted, forKey: .predicted)
        try container.encode(count, forKey: .count)
        try container.encode(rowCount, forKey: .rowCount)
        try container.encode(rows, forKey: .rows)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
