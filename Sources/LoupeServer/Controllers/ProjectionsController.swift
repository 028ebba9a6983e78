import Foundation
import Hummingbird
import LoupeCatalog
import LoupeCore

/// `/embedding-spaces/{space}/projections…`: a space's 2-D layouts. Computing one (UMAP over a
/// million vectors takes minutes) is a `projection` job; reading one returns a dataset's points
/// and says whether the layout still describes the space's vectors.
struct ProjectionsController<S: Store> {
    /// The store served.
    let store: S
    /// Where the jobs run.
    let runner: JobRunner<S>

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.post("embedding-spaces/:space/projections", use: compute)
        group.get("embedding-spaces/:space/projections", use: list)
        group.get("embedding-spaces/:space/projections/:method", use: show)
    }

    /// The body of `POST …/projections`.
    struct Body: Decodable {
        var method: String
        var neighbors: Int?
        var minDistance: Double?
        var metric: String?
        var epochs: Int?
        var seed: UInt64?
        var recompute: Bool?
    }

    @Sendable func compute(_ request: Request, context: LoupeRequestContext) async throws -> JobAcceptedResponse {
        let space = try await CatalogLookup(store: store).embeddingSpace(context.pathParameter("space"))
        var request = request
        let body = try await request.decodeJSON(Body.self, context: context)
        guard let method = Projection.Method(rawValue: body.method) else {
            throw APIError.badRequest("method must be umap or pca, not '\(body.method)'", field: "$.method")
        }
        let metric = try body.metric.map { name throws(APIError) in
            guard let metric = VectorMetric(rawValue: name) else { throw .badRequest("metric must be cosine or l2, not '\(name)'", field: "$.metric") }
            return metric
        } ?? .cosine
        let projection = ProjectionRequest(method: method, neighbors: body.neighbors ?? 15, minDistance: body.minDistance ?? 0.1,
                                           metric: metric, epochs: body.epochs, seed: body.seed ?? 0)
        do {
            try projection.validate()
        } catch let error as StoreError {
            throw APIError.from(error)
        }
        let recompute = body.recompute ?? false
        let work = JobWork(run: { [store] reporter in
            try await reporter.phase("laying out \(space.name) by \(method.rawValue)")
            let stored = try await ProjectionBuilder(store: store).projection(of: space, projection, recompute: recompute)
            let result: JSONValue = .object(["space": .string(space.name), "method": .string(method.rawValue),
                                             "projection_id": .number(Double(stored.id))])
            return String(decoding: try APIJSON.encoder().encode(result), as: UTF8.self)
        })
        let parameters: JSONValue = .object(["space": .string(space.name), "parameters": JSONValue(parsing: projection.parametersJSON)])
        let created = try await runner.submit(kind: .projection, parametersJSON: String(decoding: try APIJSON.encoder().encode(parameters), as: UTF8.self),
                                              createdBy: context.caller?.tokenName, work: work)
        return JobAcceptedResponse(job: JobView(created))
    }

    /// The space's stored layouts, so that a client learns which exist without asking for a
    /// missing one.
    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<ProjectionListView> {
        let space = try await CatalogLookup(store: store).embeddingSpace(context.pathParameter("space"))
        let signature = try await store.embeddingSourceSignature(spaceID: space.id)
        var layouts: [ProjectionListView.Layout] = []
        for method in Projection.Method.allCases {
            guard let stored = try await store.projection(spaceID: space.id, method: method) else { continue }
            layouts.append(.init(method: method.rawValue, parameters: JSONValue(parsing: stored.parametersJSON),
                                 current: stored.source == signature, createdAt: stored.createdAt))
        }
        return JSONResponse(value: ProjectionListView(space: space.name, layouts: layouts))
    }

    @Sendable func show(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<ProjectionView> {
        let lookup = CatalogLookup(store: store)
        let space = try await lookup.embeddingSpace(context.pathParameter("space"))
        let methodName = try context.pathParameter("method")
        guard let method = Projection.Method(rawValue: methodName) else {
            throw APIError.badRequest("method must be umap or pca, not '\(methodName)'", field: "method")
        }
        let query = try QueryParameters(request)
        guard let datasetName = try query.nonEmpty("dataset") else { throw APIError.badRequest("dataset is required", field: "dataset") }
        let dataset = try await lookup.dataset(datasetName)
        guard let stored = try await store.projection(spaceID: space.id, method: method) else {
            throw APIError.notFound("space '\(space.name)' has no \(method.rawValue) layout yet: POST /embedding-spaces/\(space.name)/projections computes one")
        }
        let signature = try await store.embeddingSourceSignature(spaceID: space.id)
        let points = try await store.projectionPoints(projectionID: stored.id, datasetID: dataset.id)
        let classNames = Dictionary(uniqueKeysWithValues: try await store.classes(datasetID: dataset.id).map { ($0.id, $0.name) })
        var described: [Int64: ProjectionView.Point] = [:]
        for start in stride(from: 0, to: points.count, by: 10_000) {
            let ids = points[start..<min(points.count, start + 10_000)].map(\.rowID)
            var classCounts: [Int64: [Int64: Int]] = [:]
            for annotation in try await store.annotations(rowIDs: ids) {
                if let classID = annotation.classID { classCounts[annotation.rowID, default: [:]][classID, default: 0] += 1 }
            }
            for row in try await store.rows(datasetID: dataset.id, ids: ids) {
                // The row's most frequent ground-truth class (the lower id on a tie): what the layout is coloured by.
                let label = classCounts[row.id!]?.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
                described[row.id!] = .init(key: row.key, x: 0, y: 0, split: row.split, label: label.flatMap { classNames[$0] })
            }
        }
        return JSONResponse(value: ProjectionView(
            space: space.name, method: method.rawValue, dataset: dataset.name, parameters: JSONValue(parsing: stored.parametersJSON),
            current: stored.source == signature, createdAt: stored.createdAt,
            points: points.compactMap { point in
                guard var found = described[point.rowID] else { return nil }
                found.x = point.x
                found.y = point.y
                return found
            }))
    }
}

/// `GET /embedding-spaces/{space}/projections`.
struct ProjectionListView: Encodable, Sendable {
    struct Layout: Encodable, Sendable {
        var method: String
        var parameters: JSONValue
        /// Whether the layout was computed from the space's current vectors.
        var current: Bool
        var createdAt: Date
    }

    var space: String
    var layouts: [Layout]
}

/// `GET /embedding-spaces/{space}/projections/{method}`.
struct ProjectionView: Encodable, Sendable {
    struct Point: Encodable, Sendable {
        var key: String
        var x: Double
        var y: Double
        /// The row's split, absent when it has none.
        var split: String?
        /// The row's most frequent ground-truth class, absent when it has none.
        var label: String?
    }

    var space: String
    var method: String
    var dataset: String
    var parameters: JSONValue
    /// Whether the layout was computed from the space's current vectors.
    var current: Bool
    var createdAt: Date
    var points: [Point]
}
