import Foundation
import Hummingbird
import LoupeCatalog

/// `POST /datasets/{dataset}/probe-runs`: trains a probe model on an embedding space with the
/// dataset's current labels and writes it as a run (`ProbeRunWriter`, as `loupe probe`), in a
/// `probe` job. The names are checked before the job is queued; the run is evaluated under the
/// key `default` once written.
struct ProbeRunsController<S: Store> {
    /// The store served.
    let store: S
    /// Where the jobs run.
    let runner: JobRunner<S>

    /// Registers the route on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.post("datasets/:dataset/probe-runs", use: create)
    }

    /// The body.
    struct Body: Decodable {
        var space: String
        var run: String
        var model: String?
        var l2: Double?
        var folds: Int?
        var seed: UInt64?
        /// Bootstrap resamples of the evaluation (default 1000; 0 for none).
        var resamples: Int?
    }

    @Sendable func create(_ request: Request, context: LoupeRequestContext) async throws -> JobAcceptedResponse {
        let lookup = CatalogLookup(store: store)
        let dataset = try await lookup.dataset(context.pathParameter("dataset"))
        var request = request
        let body = try await request.decodeJSON(Body.self, context: context)
        let probe = ProbeRequest(dataset: dataset.name, space: body.space, run: body.run, model: body.model ?? "probe", l2: body.l2 ?? 1,
                                 folds: body.folds ?? 5, seed: body.seed ?? 0)
        let resamples = body.resamples ?? 1000
        guard (0...10_000).contains(resamples) else {
            throw APIError.badRequest("resamples must be from 0 to 10000, not \(resamples)", field: "$.resamples")
        }
        do throws(RequestFieldError) {
            try probe.validate()
        } catch {
            throw APIError.from(error)
        }
        _ = try await lookup.embeddingSpace(body.space)
        if let model = try await store.models().first(where: { $0.name == probe.model }) {
            guard model.task == .classification else {
                throw APIError.badRequest("model '\(model.name)' is a \(model.task.rawValue) model: a probe writes classification runs", field: "$.model")
            }
            if try await store.runs(modelID: model.id).contains(where: { $0.name == probe.run }) {
                throw APIError(code: .conflict, status: .conflict, message: "model '\(model.name)' already has a run '\(probe.run)': choose a new run name",
                               field: "$.run")
            }
        }
        let work = JobWork(run: { [store] reporter in
            try await reporter.phase("training a probe on \(probe.space)")
            let written: ProbeRunReport
            do {
                written = try await ProbeRunWriter(store: store).write(probe) { phase in reporter.set(phase: phase) }
            } catch let error as RequestFieldError {
                throw JobEnding(status: .failed, message: error.message)
            }
            try await reporter.phase("evaluating \(written.model)/\(written.run)")
            var evaluationID: JSONValue = .null
            let (model, run) = try await CatalogLookup(store: store).run("\(written.model)/\(written.run)")
            do {
                let evaluation = try await RunEvaluator(store: store).evaluate(model: model, run: run, dataset: written.dataset,
                                                                             options: RunEvaluationOptions(resamples: resamples), replace: true)
                evaluationID = .number(Double(evaluation.id))
            } catch is StoreError {
                // The run stands without an evaluation (e.g. no labeled row has a prediction).
            }
            let report = try JSONValue(parsing: String(decoding: APIJSON.encoder().encode(written), as: UTF8.self))
            var result: [String: JSONValue] = ["probe": report, "evaluation_id": evaluationID]
            result["run"] = .string("\(written.model)/\(written.run)")
            return String(decoding: try APIJSON.encoder().encode(JSONValue.object(result)), as: UTF8.self)
        })
        let parameters: JSONValue = .object([
            "dataset": .string(dataset.name), "space": .string(probe.space), "run": .string(probe.run), "model": .string(probe.model),
            "l2": .number(probe.l2), "folds": .number(Double(probe.folds)), "seed": .number(Double(probe.seed)),
            "resamples": .number(Double(resamples)),
        ])
        let created = try await runner.submit(kind: .probe, parametersJSON: String(decoding: try APIJSON.encoder().encode(parameters), as: UTF8.self),
                                              createdBy: context.caller?.tokenName, work: work)
        return JobAcceptedResponse(job: JobView(created))
    }
}
