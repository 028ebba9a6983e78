import Foundation
import LoupeCatalog

/// A running job's progress. Every update is kept in memory, where `GET /jobs/{id}` reads it
/// live (the store's `apply` reports from inside its write transaction, when no other write can
/// reach the file, and reports often); the store is written only when a phase starts, so a job
/// writes its progress a handful of times in all, never once per update.
final class JobReporter: @unchecked Sendable {
    /// The job reported on.
    let jobID: Int64
    private let lock = NSLock()
    private var current = JobProgress(phase: "starting")
    private let write: @Sendable (JobProgress) async throws -> Void

    /// A reporter for `jobID` that records phases through `write`.
    init(jobID: Int64, write: @escaping @Sendable (JobProgress) async throws -> Void) {
        self.jobID = jobID
        self.write = write
    }

    /// The latest progress.
    var progress: JobProgress { lock.withLock { current } }

    /// Records units done in the current phase (memory only; safe from any thread).
    func update(completed: Int, total: Int) {
        lock.withLock {
            current.completed = completed
            current.total = total
        }
    }

    /// Starts a phase in memory only (from synchronous callbacks).
    func set(phase name: String, completed: Int = 0, total: Int = 0) {
        lock.withLock { current = JobProgress(completed: completed, total: total, phase: name) }
    }

    /// Starts a phase and writes it to the store.
    /// - Throws: `CancellationError` when the job was cancelled (a checkpoint between phases).
    func phase(_ name: String, completed: Int = 0, total: Int = 0) async throws {
        try Task.checkCancellation()
        set(phase: name, completed: completed, total: total)
        try await write(progress)
    }
}
