import Foundation
import GRDB
import LoupeCatalog
@testable import LoupeSQLite
import Testing

@Suite("SQLite store: jobs")
struct SQLiteStoreJobsTests {
    @Test("a job goes queued → running → an end, records progress and its result, and ends once")
    func lifecycle() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        let created = try await store.createJob(kind: .import, parametersJSON: #"{"format": "coco"}"#, createdBy: "ci")
        #expect(created.status == .queued)
        #expect(created.progress == JobProgress(completed: 0, total: 0, phase: "queued"))
        #expect(created.createdBy == "ci")
        #expect(created.startedAt == nil && created.finishedAt == nil)
        // Progress and an end need a job that has not ended; only a queued job starts.
        let started = try await store.startJob(id: created.id)
        #expect(started.status == .running)
        #expect(started.startedAt != nil)
        await #expect(throws: StoreError.conflict("job \(created.id) is running, not queued")) { _ = try await store.startJob(id: created.id) }
        try await store.updateJobProgress(id: created.id, progress: JobProgress(completed: 3, total: 10, phase: "writing"))
        #expect(try await store.job(id: created.id)?.progress == JobProgress(completed: 3, total: 10, phase: "writing"))
        let finished = try await store.finishJob(id: created.id, status: .succeeded, resultJSON: #"{"rows_created": 3}"#, error: nil)
        #expect(finished.status == .succeeded)
        #expect(finished.resultJSON == #"{"rows_created": 3}"#)
        #expect(try #require(finished.finishedAt) >= started.startedAt!)
        await #expect(throws: StoreError.conflict("job \(created.id) has already ended (succeeded)")) {
            _ = try await store.finishJob(id: created.id, status: .cancelled, resultJSON: nil, error: nil)
        }
        await #expect(throws: StoreError.self) {
            try await store.updateJobProgress(id: created.id, progress: JobProgress(completed: 1, total: 1, phase: "late"))
        }
        await #expect(throws: StoreError.notFound("no job 999")) { _ = try await store.startJob(id: 999) }
        #expect(try await store.job(id: 999) == nil)
    }

    @Test("bad parameters, results and final states are refused; a failure needs its message")
    func refusals() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        await #expect(throws: StoreError.self) { _ = try await store.createJob(kind: .import, parametersJSON: "[1]", createdBy: nil) }
        await #expect(throws: StoreError.self) { _ = try await store.createJob(kind: .import, parametersJSON: "{", createdBy: nil) }
        let job = try await store.createJob(kind: .evaluation, parametersJSON: "{}", createdBy: nil)
        await #expect(throws: StoreError.self) { _ = try await store.finishJob(id: job.id, status: .running, resultJSON: nil, error: nil) }
        await #expect(throws: StoreError.self) { _ = try await store.finishJob(id: job.id, status: .failed, resultJSON: nil, error: nil) }
        await #expect(throws: StoreError.self) { _ = try await store.finishJob(id: job.id, status: .succeeded, resultJSON: "3", error: nil) }
        // The schema holds the invariants too: an ended job has a finish date, a failed one an error.
        await #expect(throws: (any Error).self) {
            try await workspace.store.pool.write { db in
                try db.execute(sql: "UPDATE job SET status = 'failed' WHERE id = ?", arguments: [job.id])
            }
        }
        // A queued job may end without running (cancelled before its turn).
        let cancelled = try await store.finishJob(id: job.id, status: .cancelled, resultJSON: nil, error: "cancelled before it started")
        #expect(cancelled.status == .cancelled && cancelled.startedAt == nil && cancelled.error == "cancelled before it started")
    }

    @Test("jobs list newest first, a page at a time, filtered by status and kind")
    func listing() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        var ids: [Int64] = []
        for index in 0..<7 {
            let job = try await store.createJob(kind: index.isMultiple(of: 2) ? .import : .evaluation, parametersJSON: "{}", createdBy: nil)
            ids.append(job.id)
        }
        _ = try await store.startJob(id: ids[0])
        _ = try await store.finishJob(id: ids[0], status: .failed, resultJSON: nil, error: "bad line")
        var seen: [Int64] = []
        var page = PageRequest(limit: 3)
        while true {
            let result = try await store.jobs(status: nil, kind: nil, page: page)
            seen += result.items.map(\.id)
            guard let next = result.next else { break }
            page = PageRequest(after: next, limit: 3)
        }
        #expect(seen == ids.reversed())
        #expect(try await store.jobs(status: nil, kind: .evaluation, page: PageRequest()).items.map(\.id) == [ids[5], ids[3], ids[1]])
        #expect(try await store.jobs(status: .failed, kind: nil, page: PageRequest()).items.map(\.id) == [ids[0]])
        #expect(try await store.jobs(status: .queued, kind: .import, page: PageRequest()).items.map(\.id) == [ids[6], ids[4], ids[2]])
        let last = try await store.jobs(status: nil, kind: nil, page: PageRequest(limit: 7))
        #expect(last.items.count == 7 && last.next == nil)
    }

    @Test("failInterruptedJobs fails every queued and running job with the message and leaves ended ones")
    func interrupted() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        let queued = try await store.createJob(kind: .import, parametersJSON: "{}", createdBy: nil)
        let running = try await store.createJob(kind: .evaluation, parametersJSON: "{}", createdBy: nil)
        _ = try await store.startJob(id: running.id)
        let done = try await store.createJob(kind: .import, parametersJSON: "{}", createdBy: nil)
        _ = try await store.startJob(id: done.id)
        _ = try await store.finishJob(id: done.id, status: .succeeded, resultJSON: "{}", error: nil)
        #expect(try await store.failInterruptedJobs(message: "interrupted by a server restart") == 2)
        for id in [queued.id, running.id] {
            let job = try #require(try await store.job(id: id))
            #expect(job.status == .failed)
            #expect(job.error == "interrupted by a server restart")
            #expect(job.finishedAt != nil)
        }
        #expect(try await store.job(id: done.id)?.status == .succeeded)
        #expect(try await store.failInterruptedJobs(message: "again") == 0)
    }
}
