import Foundation
import Hummingbird
import LoupeCatalog

/// `POST /datasets/{dataset}/imports` (a file as the body) and `POST /runs/{run}/evaluations`:
/// writes that take a while, answered `202` with the job that does them.
struct ImportsController<S: Store> {
    /// The store served.
    let store: S
    /// The runner the jobs go to.
    let runner: JobRunner<S>
    /// The upload limit and folder.
    let configuration: ServerConfiguration

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.post("datasets/:dataset/imports", use: upload)
        group.post("runs/:run/evaluations", use: evaluate)
    }

    /// The body is the file: `?format=` (required), `model`, `run`, `task`, `predictions`,
    /// `replace`, `evaluate` (default true), `resamples` (default 1000), `author`, `filename`;
    /// `space` for `format=embeddings` (JSON Lines vectors for rows of an existing dataset, whose
    /// `model`/`run` name the run that produced them).
    /// Everything is checked before the body is read; then the body is streamed to a file.
    @Sendable func upload(_ request: Request, context: LoupeRequestContext) async throws -> JobAcceptedResponse {
        let dataset = try context.pathParameter("dataset")
        let query = try QueryParameters(request)
        let parameters = try ImportParameters(query: query, dataset: dataset)
        if parameters.format.format == .embeddings {
            // Vectors attach to existing rows (and an existing source run): refused before the upload.
            let lookup = CatalogLookup(store: store)
            _ = try await lookup.dataset(dataset)
            if let model = parameters.options.modelName, let run = parameters.options.embeddingRunName {
                _ = try await lookup.run(model + "/" + run)
            }
        }
        let (file, bytes) = try await request.streamBody(into: configuration.uploadDirectory, limit: configuration.maxUploadBytes)
        let job = ImportJob(store: store, dataset: dataset, format: parameters.format, options: parameters.options,
                            taskGiven: parameters.taskGiven, evaluate: parameters.evaluate, resamples: parameters.resamples,
                            file: file, name: parameters.name)
        let created = try await runner.submit(kind: .import, parametersJSON: try parameters.json(bytes: bytes),
                                              createdBy: context.caller?.tokenName, work: job.work)
        return JobAcceptedResponse(job: JobView(created))
    }

    /// A JSON body like `loupe runs eval`'s options: `dataset` (required), `key`, `iou_type`,
    /// `iou`, `score`, `split`, `resamples`, `seed`, `replace`.
    @Sendable func evaluate(_ request: Request, context: LoupeRequestContext) async throws -> JobAcceptedResponse {
        let lookup = CatalogLookup(store: store)
        let (model, run) = try await lookup.run(context.pathParameter("run"))
        var request = request
        let body = try await request.decodeJSON(EvaluationRequestBody.self, context: context)
        let options = try body.options()
        _ = try await lookup.dataset(body.dataset)
        if !(body.replace ?? false), try await store.evaluation(runID: run.id, key: options.key) != nil {
            throw APIError.conflict("run '\(model.name)/\(run.name)' already has an evaluation '\(options.key)'; send \"replace\": true to replace it")
        }
        let job = EvaluationJob(store: store, model: model, run: run, dataset: body.dataset, options: options, replace: body.replace ?? false)
        let parameters = EvaluationJobParameters(model: model.name, run: run.name, dataset: body.dataset, options: options,
                                                 replace: body.replace ?? false)
        let created = try await runner.submit(kind: .evaluation, parametersJSON: String(decoding: try APIJSON.encoder().encode(parameters), as: UTF8.self),
                                              createdBy: context.caller?.tokenName, work: job.work)
        return JobAcceptedResponse(job: JobView(created))
    }
}
