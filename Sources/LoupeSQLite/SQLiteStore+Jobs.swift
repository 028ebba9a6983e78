import Foundation
import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `createJob`.
    public func createJob(kind: JobKind, parametersJSON: String, createdBy: String?) async throws -> Job {
        guard (try? JSONSerialization.jsonObject(with: Data(parametersJSON.utf8))) is [String: Any] else {
            throw StoreError.invalid("a job's parameters must be a JSON object")
        }
        return try await write(changesData: false) { db in
            let created = Self.now
            try db.execute(sql: "INSERT INTO job (kind, status, phase, parameters, created_by, created_at) VALUES (?, 'queued', 'queued', ?, ?, ?)",
                           arguments: [kind.rawValue, parametersJSON, createdBy, created])
            return try Self.fetchJob(id: db.lastInsertedRowID, db)
        }
    }

    /// The `Store` requirement `startJob`, in one SQLite transaction.
    public func startJob(id: Int64) async throws -> Job {
        try await write(changesData: false) { db in
            let job = try Self.fetchJob(id: id, db)
            guard job.status == .queued else { throw StoreError.conflict("job \(id) is \(job.status), not queued") }
            try db.execute(sql: "UPDATE job SET status = 'running', started_at = ? WHERE id = ?", arguments: [Self.now, id])
            return try Self.fetchJob(id: id, db)
        }
    }

    /// The `Store` requirement `updateJobProgress`, in one SQLite transaction.
    public func updateJobProgress(id: Int64, progress: JobProgress) async throws {
        try await write(changesData: false) { db in
            let job = try Self.fetchJob(id: id, db)
            guard !job.status.isFinished else { throw StoreError.conflict("job \(id) has already ended (\(job.status))") }
            try db.execute(sql: "UPDATE job SET completed = ?, total = ?, phase = ? WHERE id = ?",
                           arguments: [max(0, progress.completed), max(0, progress.total), progress.phase, id])
        }
    }

    /// The `Store` requirement `finishJob`, in one SQLite transaction.
    public func finishJob(id: Int64, status: JobStatus, resultJSON: String?, error: String?) async throws -> Job {
        guard status.isFinished else { throw StoreError.invalid("\(status) is not a final job status") }
        guard status != .failed || error != nil else { throw StoreError.invalid("a failed job needs an error message") }
        if let resultJSON, !((try? JSONSerialization.jsonObject(with: Data(resultJSON.utf8))) is [String: Any]) {
            throw StoreError.invalid("a job's result must be a JSON object")
        }
        return try await write(changesData: false) { db in
            let job = try Self.fetchJob(id: id, db)
            guard !job.status.isFinished else { throw StoreError.conflict("job \(id) has already ended (\(job.status))") }
            try db.execute(sql: "UPDATE job SET status = ?, result = ?, error = ?, finished_at = ? WHERE id = ?",
                           arguments: [status.rawValue, resultJSON, error, Self.now, id])
            return try Self.fetchJob(id: id, db)
        }
    }

    /// The `Store` requirement `job(id:)`.
    public func job(id: Int64) async throws -> Job? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM job WHERE id = ?", arguments: [id]).map(Self.job) }
    }

    /// The `Store` requirement `jobs(status:kind:page:)`: descending id, `page.after` meaning older.
    public func jobs(status: JobStatus?, kind: JobKind?, page: PageRequest) async throws -> Page<Job> {
        try await read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let after = page.after {
                conditions.append("id < ?")
                arguments += [after.lastID]
            }
            if let status {
                conditions.append("status = ?")
                arguments += [status.rawValue]
            }
            if let kind {
                conditions.append("kind = ?")
                arguments += [kind.rawValue]
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [page.limit + 1]
            let jobs = try Row.fetchAll(db, sql: "SELECT * FROM job \(filter) ORDER BY id DESC LIMIT ?", arguments: arguments).map(Self.job)
            let items = Array(jobs.prefix(page.limit))
            return Page(items: items, next: jobs.count > page.limit ? items.last.map { PageCursor(lastID: $0.id) } : nil)
        }
    }

    /// The `Store` requirement `failInterruptedJobs`, in one SQLite transaction.
    public func failInterruptedJobs(message: String) async throws -> Int {
        try await write(changesData: false) { db in
            try db.execute(sql: "UPDATE job SET status = 'failed', error = ?, finished_at = ? WHERE status IN ('queued', 'running')",
                           arguments: [message, Self.now])
            return db.changesCount
        }
    }

    /// The job with this id, or `StoreError.notFound`.
    static func fetchJob(id: Int64, _ db: Database) throws -> Job {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM job WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("no job \(id)")
        }
        return job(row)
    }

    /// A job from its row.
    static func job(_ row: Row) -> Job {
        let kind: String = row["kind"]
        let status: String = row["status"]
        let started: Double? = row["started_at"]
        let finished: Double? = row["finished_at"]
        // The schema's CHECK admits the five statuses only; kinds this Loupe does not know read as imports.
        return Job(id: row["id"], kind: JobKind(rawValue: kind) ?? .import, status: JobStatus(rawValue: status) ?? .failed,
                   progress: JobProgress(completed: row["completed"], total: row["total"], phase: row["phase"]),
                   error: row["error"], parametersJSON: row["parameters"], resultJSON: row["result"], createdBy: row["created_by"],
                   createdAt: Self.date(row["created_at"]), startedAt: started.map(Self.date), finishedAt: finished.map(Self.date))
    }
}
