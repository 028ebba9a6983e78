import Foundation
import LoupeCatalog

/// A job as the API shows it: its parameters and result as JSON objects, its progress live
/// while it runs here.
struct JobView: Encodable, Sendable {
    var id: Int64
    var kind: String
    var status: String
    var progress: JobProgress
    var error: String?
    var parameters: JSONValue
    var result: JSONValue?
    var createdBy: String?
    var createdAt: Date
    var startedAt: Date?
    var finishedAt: Date?
    /// The job's own URL.
    var url: String

    /// The view of `job`, with `live` progress in place of the stored one while it runs.
    init(_ job: Job, live: JobProgress? = nil) {
        id = job.id
        kind = job.kind.rawValue
        status = job.status.rawValue
        progress = job.status == .running ? (live ?? job.progress) : job.progress
        error = job.error
        parameters = JSONValue(parsing: job.parametersJSON)
        result = job.resultJSON.map(JSONValue.init(parsing:))
        createdBy = job.createdBy
        createdAt = job.createdAt
        startedAt = job.startedAt
        finishedAt = job.finishedAt
        url = "\(OpenAPIDocument.basePath)/jobs/\(job.id)"
    }
}

/// `GET /jobs`: one page of jobs, newest first.
struct JobListView: Encodable, Sendable {
    var jobs: [JobView]
    /// The cursor of the next (older) page; `null` (present) on the last page.
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case jobs, nextCursor
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jobs, forKey: .jobs)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
