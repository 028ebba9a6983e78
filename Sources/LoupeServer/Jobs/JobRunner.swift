import Foundation
import Logging
import LoupeCatalog

/// Runs background jobs, recording each in the store from `queued` to its end.
///
/// Every job writes, and SQLite serializes writes anyway, so at most `concurrency` jobs (one by
/// default) run at a time; the others wait in submission order. Work runs in its own task:
/// cancelling a job cancels that task, and the work checks for cancellation between its phases
/// (the store's `apply` is one transaction, so an import is cancelled before or after it,
/// never in between). `shutdown()` cancels what runs and what waits.
actor JobRunner<S: Store> {
    private struct Waiting {
        var id: Int64
        var work: JobWork
    }

    private struct Running {
        var task: Task<Void, Never>
        var reporter: JobReporter
    }

    /// The store jobs are recorded in.
    let store: S
    private let logger: Logger
    private let concurrency: Int
    private var waiting: [Waiting] = []
    private var running: [Int64: Running] = [:]
    private var isShutDown = false

    /// A runner over `store` running at most `concurrency` jobs at a time.
    init(store: S, logger: Logger, concurrency: Int = 1) {
        self.store = store
        self.logger = logger
        self.concurrency = max(1, concurrency)
    }

    /// Records a new job (`queued`) and queues its work.
    /// - Throws: a store failure (the work's cleanup has run then), or 503 when the server is stopping.
    func submit(kind: JobKind, parametersJSON: String, createdBy: String?, work: JobWork) async throws -> Job {
        guard !isShutDown else {
            work.cleanup()
            throw APIError(code: .internal, status: .serviceUnavailable, message: "the server is shutting down; try again later")
        }
        let job: Job
        do {
            job = try await store.createJob(kind: kind, parametersJSON: parametersJSON, createdBy: createdBy)
        } catch {
            work.cleanup()
            throw error
        }
        waiting.append(Waiting(id: job.id, work: work))
        startWaiting()
        return job
    }

    /// The live progress of a running job (newer than the store's during a write), if it runs here.
    func progress(of id: Int64) -> JobProgress? {
        running[id]?.reporter.progress
    }

    /// Cancels a job: a waiting one ends `cancelled` at once; a running one is asked to stop and
    /// is waited for up to `wait` seconds. A job the store shows unfinished that no task of this
    /// runner holds (its process is gone) is marked `cancelled`.
    /// - Returns: the job as the store has it afterwards (still `running` if it has not stopped yet).
    /// - Throws: `APIError.notFound`, or `APIError.conflict` when the job has already ended.
    func cancel(id: Int64, wait: TimeInterval = 5) async throws -> Job {
        if let index = waiting.firstIndex(where: { $0.id == id }) {
            let entry = waiting.remove(at: index)
            entry.work.cleanup()
            return try await store.finishJob(id: id, status: .cancelled, resultJSON: nil, error: "cancelled before it started")
        }
        if let entry = running[id] {
            entry.task.cancel()
            let deadline = Date().addingTimeInterval(wait)
            while running[id] != nil, Date() < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            guard let job = try await store.job(id: id) else { throw APIError.notFound("no job \(id)") }
            return job
        }
        guard let job = try await store.job(id: id) else { throw APIError.notFound("no job \(id)") }
        guard !job.status.isFinished else { throw APIError.conflict("job \(id) has already ended (\(job.status)); only a queued or running job can be cancelled") }
        return try await store.finishJob(id: id, status: .cancelled, resultJSON: nil, error: "cancelled; no server process was running it")
    }

    /// Refuses new jobs, cancels the waiting and running ones, and returns once every running
    /// task has ended (graceful shutdown).
    func shutdown() async {
        isShutDown = true
        let dropped = waiting
        waiting = []
        for entry in dropped {
            entry.work.cleanup()
            _ = try? await store.finishJob(id: entry.id, status: .cancelled, resultJSON: nil,
                                           error: "cancelled before it started: the server shut down")
        }
        let tasks = running.values.map(\.task)
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    /// Starts waiting jobs while there is room.
    private func startWaiting() {
        while running.count < concurrency, !isShutDown, !waiting.isEmpty {
            let entry = waiting.removeFirst()
            let store = self.store
            let reporter = JobReporter(jobID: entry.id) { progress in
                try await store.updateJobProgress(id: entry.id, progress: progress)
            }
            let task = Task { [logger] in
                await Self.execute(entry.id, work: entry.work, reporter: reporter, store: store, logger: logger)
                self.ended(entry.id)
            }
            running[entry.id] = Running(task: task, reporter: reporter)
        }
    }

    private func ended(_ id: Int64) {
        running[id] = nil
        startWaiting()
    }

    /// Runs one job's work and records how it ended. The final write runs in a task of its own,
    /// which a cancellation of the job's task does not reach.
    private static func execute(_ id: Int64, work: JobWork, reporter: JobReporter, store: S, logger: Logger) async {
        defer { work.cleanup() }
        let status: JobStatus
        var resultJSON: String?
        var message: String?
        do {
            _ = try await store.startJob(id: id)
            try Task.checkCancellation()
            resultJSON = try await work.run(reporter)
            status = .succeeded
        } catch let ending as JobEnding {
            (status, message, resultJSON) = (ending.status, ending.message, ending.resultJSON)
        } catch where error is CancellationError || Task.isCancelled {
            // A cancelled read or write may surface as the database's own interruption error.
            (status, message) = (.cancelled, "cancelled")
        } catch let error as ImportError {
            (status, message) = (.failed, error.description)
        } catch let error as StoreError {
            (status, message) = (.failed, error.message)
        } catch let error as APIError {
            (status, message) = (.failed, error.message)
        } catch {
            logger.error("job \(id) failed: \(String(reflecting: error))")
            (status, message) = (.failed, "internal error (the server log has the details)")
        }
        let final = reporter.progress
        let finish = Task {
            if status == .succeeded {
                let units = max(final.total, 1)
                try? await store.updateJobProgress(id: id, progress: JobProgress(completed: units, total: units, phase: "done"))
            }
            _ = try await store.finishJob(id: id, status: status, resultJSON: resultJSON, error: message)
        }
        do {
            try await finish.value
        } catch {
            logger.error("job \(id): cannot record its end (\(status)): \(String(reflecting: error))")
        }
    }
}
