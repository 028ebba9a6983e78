import Foundation

/// A background job as the store records it: what it does, how far it has come, and how it
/// ended. The store is the system of record: a job is never left `running` across a restart
/// (`Store.failInterruptedJobs(message:)`).
public struct Job: Hashable, Sendable, Identifiable {
    /// Store id; ids grow with creation, so newest first is descending id.
    public var id: Int64
    /// What the job does.
    public var kind: JobKind
    /// Where it is in its life.
    public var status: JobStatus
    /// How far it has come.
    public var progress: JobProgress
    /// Why it failed (or what a cancellation left behind); `nil` otherwise.
    public var error: String?
    /// What it was asked to do, a JSON object.
    public var parametersJSON: String
    /// What it produced, a JSON object, once it has ended (a cancelled job may have a partial one).
    public var resultJSON: String?
    /// The name of the token that created it; `nil` for an open server or the command line.
    public var createdBy: String?
    /// When it was created (queued).
    public var createdAt: Date
    /// When it started running, if it did.
    public var startedAt: Date?
    /// When it ended, if it has.
    public var finishedAt: Date?

    /// A job with all its fields.
    public init(id: Int64, kind: JobKind, status: JobStatus, progress: JobProgress = JobProgress(), error: String? = nil,
                parametersJSON: String, resultJSON: String? = nil, createdBy: String? = nil, createdAt: Date,
                startedAt: Date? = nil, finishedAt: Date? = nil) {
        self.id = id
        self.kind = kind
        self.status = status
        self.progress = progress
        self.error = error
        self.parametersJSON = parametersJSON
        self.resultJSON = resultJSON
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// What a job does.
public enum JobKind: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Parses an uploaded file, writes it, and evaluates the runs that got predictions.
    case `import`
    /// Evaluates a run and stores the evaluation.
    case evaluation
    /// Builds the expression indexes of metadata fields that filters of a large dataset read.
    case metadataIndex = "metadata_index"
    /// Lays an embedding space out in 2-D (PCA or UMAP) and stores the layout.
    case projection
    /// Computes a data-issue report of a dataset and stores it.
    case dataIssues = "data_issues"
    /// Trains a probe model on an embedding space and writes it as a run (`ProbeRunWriter`).
    case probe

    /// The name as stored and sent.
    public var description: String { rawValue }
}

/// Where a job is in its life: `queued` → `running` → one of the three final states (a queued
/// job may also be cancelled or failed without running).
public enum JobStatus: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Waiting for its turn.
    case queued
    /// Running now.
    case running
    /// Ended with its result.
    case succeeded
    /// Ended with an error.
    case failed
    /// Stopped on request (or because the server shut down).
    case cancelled

    /// `true` for the three final states.
    public var isFinished: Bool { self == .succeeded || self == .failed || self == .cancelled }

    /// The name as stored and sent.
    public var description: String { rawValue }
}

/// How far a job has come: `completed` of `total` units of its current phase (0 of 0 while
/// it does not know), and what the phase is, for people.
public struct JobProgress: Hashable, Sendable, Codable {
    /// Units done.
    public var completed: Int
    /// Units in all; 0 while unknown.
    public var total: Int
    /// The current phase (`queued`, `parsing upload`, `writing`, `evaluating voc-detector/baseline`, `done`).
    public var phase: String

    /// Progress; by default nothing done of an unknown total, phase `queued`.
    public init(completed: Int = 0, total: Int = 0, phase: String = "queued") {
        self.completed = completed
        self.total = total
        self.phase = phase
    }
}
