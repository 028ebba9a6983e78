import Hummingbird
import LoupeCatalog

/// `/jobs…`: background jobs (imports, evaluations), newest first, one with its live progress,
/// and cancelling one.
struct JobsController<S: Store> {
    /// The store served.
    let store: S
    /// The runner that runs the jobs of this server.
    let runner: JobRunner<S>

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("jobs", use: list)
        group.get("jobs/:id", use: show)
        group.post("jobs/:id/cancel", use: cancel)
    }

    /// `?status=`, `kind=`, `limit=`, `cursor=`.
    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<JobListView> {
        let query = try QueryParameters(request)
        let status = try query.nonEmpty("status").map { text throws(APIError) in
            guard let status = JobStatus(rawValue: text) else {
                throw .badRequest("status must be one of \(JobStatus.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'", field: "status")
            }
            return status
        }
        let kind = try query.nonEmpty("kind").map { text throws(APIError) in
            guard let kind = JobKind(rawValue: text) else {
                throw .badRequest("kind must be one of \(JobKind.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'", field: "kind")
            }
            return kind
        }
        let scope = "jobs\u{0}\(status?.rawValue ?? "")\u{0}\(kind?.rawValue ?? "")"
        let page = try await store.jobs(status: status, kind: kind, page: try query.keysetPage(scope: scope))
        var views: [JobView] = []
        for job in page.items {
            views.append(JobView(job, live: await runner.progress(of: job.id)))
        }
        return JSONResponse(value: JobListView(jobs: views, nextCursor: page.nextCursor(scope: scope)))
    }

    @Sendable func show(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<JobView> {
        let id = try Self.jobID(context)
        guard let job = try await store.job(id: id) else { throw APIError.notFound("no job \(id)") }
        return JSONResponse(value: JobView(job, live: await runner.progress(of: id)))
    }

    /// 200 with the job once it has stopped, 202 while a running one has not stopped yet, 409
    /// when it had already ended.
    @Sendable func cancel(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<JobView> {
        let id = try Self.jobID(context)
        let job: Job
        do {
            job = try await runner.cancel(id: id)
        } catch let error as StoreError {
            // A job that ended between the lookup and the write.
            throw APIError.from(error)
        }
        return JSONResponse(value: JobView(job, live: await runner.progress(of: id)), status: job.status.isFinished ? .ok : .accepted)
    }

    /// The `{id}` path parameter as a job id.
    static func jobID(_ context: LoupeRequestContext) throws(APIError) -> Int64 {
        let text = try context.pathParameter("id")
        guard let id = Int64(text), id > 0 else { throw .badRequest("job id must be a positive integer, not '\(text)'", field: "id") }
        return id
    }
}
