import LoupeCatalog

/// What a job does once its turn comes, and what must be cleaned up however it ends (an
/// upload's temporary file), even when it never runs.
struct JobWork: Sendable {
    /// Does the work, reporting progress, and returns the result (a JSON object's text).
    /// Throws `CancellationError` when cancelled, `JobEnding` to end with a status and a partial
    /// result, or any other error to fail.
    var run: @Sendable (JobReporter) async throws -> String
    /// Called exactly once when the job has ended or was dropped before it ran.
    var cleanup: @Sendable () -> Void = {}
}

/// A job's end other than success, with the result it leaves behind: an import cancelled after
/// its data was committed ends `cancelled` with the import's counts.
struct JobEnding: Error {
    /// `failed` or `cancelled`.
    var status: JobStatus
    /// Why, for people.
    var message: String
    /// The partial result, a JSON object's text.
    var resultJSON: String?
}
