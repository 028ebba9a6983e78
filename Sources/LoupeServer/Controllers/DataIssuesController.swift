import Foundation
import Hummingbird
import LoupeCatalog
import LoupeCore

/// `/datasets/{dataset}/issues…`: a dataset's stored data-issue reports. Computing one (k-NN over
/// a space, or a run's evaluation) is a `data_issues` job; reading one lists its rows worst first,
/// or every row's score for colouring a layout.
struct DataIssuesController<S: Store> {
    /// The store served.
    let store: S
    /// Where the jobs run.
    let runner: JobRunner<S>

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.post("datasets/:dataset/issues", use: compute)
        group.get("datasets/:dataset/issues", use: list)
        group.get("datasets/:dataset/issues/:kind", use: show)
        group.get("datasets/:dataset/issues/:kind/scores", use: scores)
    }

    @Sendable func compute(_ request: Request, context: LoupeRequestContext) async throws -> JobAcceptedResponse {
        let lookup = CatalogLookup(store: store)
        let dataset = try await lookup.dataset(context.pathParameter("dataset"))
        var request = request
        let body = try await request.decodeJSON(DataIssueRequest.self, context: context)
        if let problem = body.problem { throw APIError.badRequest(problem.message, field: "$." + problem.parameter) }
        // Unknown sources are answered now, not by a failed job.
        if let run = body.run, DataIssueRequest.runKinds.contains(body.kind) { _ = try await lookup.run(run) }
        if let space = body.space, DataIssueRequest.spaceKinds.contains(body.kind) { _ = try await lookup.embeddingSpace(space) }
        let work = JobWork(run: { [store] reporter in
            try await reporter.phase("scoring \(dataset.name) for \(body.kind.rawValue)")
            let summary = try await DataIssueAnalysis(store: store).computeAndSave(body, dataset: dataset)
            return String(decoding: try APIJSON.encoder().encode(DataIssueSummaryView(summary, dataset: dataset.name)), as: UTF8.self)
        })
        let parameters = String(decoding: try APIJSON.encoder().encode(Parameters(dataset: dataset.name, request: body)), as: UTF8.self)
        let created = try await runner.submit(kind: .dataIssues, parametersJSON: parameters, createdBy: context.caller?.tokenName, work: work)
        return JobAcceptedResponse(job: JobView(created))
    }

    /// A job's parameters: the dataset and the request.
    struct Parameters: Encodable {
        var dataset: String
        var request: DataIssueRequest
    }

    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<DataIssueListView> {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        let reports = try await store.dataIssueSummaries(datasetID: dataset.id)
        return JSONResponse(value: DataIssueListView(dataset: dataset.name, reports: reports.map { DataIssueSummaryView($0, dataset: dataset.name) }))
    }

    @Sendable func show(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<DataIssueRowsView> {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        let kind = try Self.kind(context.pathParameter("kind"))
        let query = try QueryParameters(request)
        let offset = try query.integer("offset", default: 0, in: 0...Int(Int32.max))
        let limit = try query.integer("limit", default: 100, in: 1...1000)
        let flaggedOnly = try query.boolean("flagged", default: false)
        guard let (summary, rows) = try await store.dataIssueRows(datasetID: dataset.id, kind: kind, flaggedOnly: flaggedOnly,
                                                                 offset: offset, limit: limit) else {
            throw Self.missing(kind, dataset: dataset)
        }
        return JSONResponse(value: DataIssueRowsView(
            report: DataIssueSummaryView(summary, dataset: dataset.name), offset: offset,
            total: flaggedOnly ? summary.flaggedCount : summary.rowCount,
            rows: rows.map { .init(key: $0.key, score: $0.score, raw: $0.raw, flagged: $0.flagged, reason: $0.reason) }))
    }

    @Sendable func scores(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<DataIssueScoresView> {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        let kind = try Self.kind(context.pathParameter("kind"))
        guard let byRow = try await store.dataIssueScores(datasetID: dataset.id, kind: kind) else { throw Self.missing(kind, dataset: dataset) }
        let ids = byRow.keys.sorted()
        let keys = try await store.keys(datasetID: dataset.id, rowIDs: ids)
        let kept = ids.filter { keys[$0] != nil }
        return JSONResponse(value: DataIssueScoresView(dataset: dataset.name, kind: kind.rawValue, keys: kept.map { keys[$0]! },
                                                       scores: kept.map { byRow[$0]! }))
    }

    private static func kind(_ name: String) throws(APIError) -> DataIssueKind {
        guard let kind = DataIssueKind(rawValue: name) else {
            throw .badRequest("kind must be one of \(DataIssueKind.allCases.map(\.rawValue).joined(separator: ", ")), not '\(name)'", field: "kind")
        }
        return kind
    }

    private static func missing(_ kind: DataIssueKind, dataset: Dataset) -> APIError {
        .notFound("dataset '\(dataset.name)' has no stored \(kind.rawValue) report: POST /datasets/\(dataset.name)/issues computes one")
    }
}

/// A stored report's summary on the wire.
struct DataIssueSummaryView: Encodable, Sendable {
    var dataset: String
    var kind: String
    var source: String
    var parameters: JSONValue
    var datasetScore: Double
    var flaggedCount: Int
    var rowCount: Int
    var threshold: Double?
    var createdAt: Date

    init(_ summary: DataIssueSummary, dataset: String) {
        self.dataset = dataset
        kind = summary.kind.rawValue
        source = summary.source
        parameters = JSONValue(parsing: summary.parametersJSON)
        datasetScore = summary.datasetScore
        flaggedCount = summary.flaggedCount
        rowCount = summary.rowCount
        threshold = summary.threshold
        createdAt = summary.createdAt
    }
}

/// `GET /datasets/{dataset}/issues`.
struct DataIssueListView: Encodable, Sendable {
    var dataset: String
    var reports: [DataIssueSummaryView]
}

/// `GET /datasets/{dataset}/issues/{kind}`.
struct DataIssueRowsView: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var key: String
        var score: Double
        var raw: Double?
        var flagged: Bool
        var reason: String?
    }

    var report: DataIssueSummaryView
    var offset: Int
    /// Rows in the listing (flagged rows only when asked), for paging.
    var total: Int
    var rows: [Row]
}

/// `GET /datasets/{dataset}/issues/{kind}/scores`: every scored row, columnar, in row order.
struct DataIssueScoresView: Encodable, Sendable {
    var dataset: String
    var kind: String
    var keys: [String]
    var scores: [Double]
}
