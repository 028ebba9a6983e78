import Foundation
import Hummingbird
import LoupeCatalog

/// Writing model runs: `POST /models/{model}/runs` records a run with its config and snapshot
/// (`RunRecorder`, as `loupe runs create`), `PATCH /runs/{run}` renames one, `DELETE /runs/{run}`
/// deletes one with what belongs to it, and `POST /runs/{run}/metrics` stores custom metric
/// values (`CustomMetricLines`, as `loupe runs metrics`). A training script logs its runs here.
struct RunWritesController<S: Store> {
    /// The store served.
    let store: S
    /// The upload limit of a metrics body.
    let configuration: ServerConfiguration

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.post("models/:model/runs", use: create)
        group.patch("runs/:run", use: rename)
        group.delete("runs/:run", use: delete)
        group.post("runs/:run/metrics", use: storeMetrics)
    }

    /// The body of `POST /models/{model}/runs`.
    struct CreateBody: Decodable {
        var name: String
        var dataset: String
        var task: ModelTask?
        var config: JSONValue?
        var splits: [String]?
    }

    @Sendable func create(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<RunRecorder<S>.Recording> {
        let model = try context.pathParameter("model")
        var request = request
        let body = try await request.decodeJSON(CreateBody.self, context: context)
        guard !body.name.isEmpty, !body.name.contains("/") else {
            throw APIError.badRequest("a run name must be non-empty and hold no '/'", field: "$.name")
        }
        let config = body.config ?? .object([:])
        guard case .object = config else { throw APIError.badRequest("config must be a JSON object", field: "$.config") }
        _ = try await CatalogLookup(store: store).dataset(body.dataset)
        if let existing = try await store.models().first(where: { $0.name == model }), let task = body.task, task != existing.task {
            throw APIError.conflict("model '\(model)' is a \(existing.task.rawValue) model, not \(task.rawValue)")
        }
        let recording = try await RunRecorder(store: store).record(
            model: model, task: body.task ?? .detection, run: body.name,
            configJSON: String(decoding: try APIJSON.encoder().encode(config), as: UTF8.self),
            dataset: body.dataset, splits: body.splits ?? [])
        return JSONResponse(value: recording, status: .created)
    }

    /// The body of `PATCH /runs/{run}`.
    struct RenameBody: Decodable {
        var name: String
    }

    @Sendable func rename(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<RunSummaryView> {
        let (model, run) = try await CatalogLookup(store: store).run(context.pathParameter("run"))
        var request = request
        let body = try await request.decodeJSON(RenameBody.self, context: context)
        guard !body.name.isEmpty, !body.name.contains("/") else {
            throw APIError.badRequest("a run name must be non-empty and hold no '/'", field: "$.name")
        }
        let renamed = try await store.renameRun(id: run.id, to: body.name)
        return JSONResponse(value: RunSummaryView(model: model, run: renamed))
    }

    @Sendable func delete(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<RunDeletion> {
        let (_, run) = try await CatalogLookup(store: store).run(context.pathParameter("run"))
        return JSONResponse(value: try await store.deleteRun(id: run.id))
    }

    /// The body is JSON Lines of values (`CustomMetricLines`); `?dataset=` (required) resolves
    /// class names and row keys, `filename` names the body in errors (default `upload`). All or
    /// nothing: an unknown class or row stores none of the values.
    @Sendable func storeMetrics(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<CustomMetricsStoredView> {
        let lookup = CatalogLookup(store: store)
        let (model, run) = try await lookup.run(context.pathParameter("run"))
        let query = try QueryParameters(request)
        guard let datasetName = try query.nonEmpty("dataset") else {
            throw APIError.badRequest("the dataset query parameter is required: class names and row keys are resolved in it", field: "dataset")
        }
        let dataset = try await lookup.dataset(datasetName)
        let name = try query.nonEmpty("filename") ?? "upload"
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: configuration.maxUploadBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError.payloadTooLarge(limit: configuration.maxUploadBytes)
        }
        let values: [CustomMetricValue]
        do throws(ImportError) {
            values = try CustomMetricLines.parse(Data(buffer: buffer), file: name)
        } catch {
            throw APIError.badRequest(error.description)
        }
        guard !values.isEmpty else { throw APIError.badRequest("\(name) holds no values: expected lines like {\"name\": \"loss\", \"value\": 0.12}") }
        try await store.setCustomMetrics(values, runID: run.id, datasetID: dataset.id)
        return JSONResponse(value: CustomMetricsStoredView(run: "\(model.name)/\(run.name)", stored: values.count))
    }
}

/// `POST /runs/{run}/metrics`: how many values were stored on which run.
struct CustomMetricsStoredView: Encodable, Sendable {
    var run: String
    var stored: Int
}
