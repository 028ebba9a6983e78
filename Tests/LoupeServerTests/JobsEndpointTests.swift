import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoupeCatalog
import LoupeServer
import Testing

/// Background jobs over HTTP: uploads imported by a job, evaluations, listing, cancellation,
/// limits, and jobs an earlier server left behind.
@Suite("jobs and imports")
struct JobsEndpointTests {
    /// The COCO-format detections of voc100.
    static let detections = ServerWorkspace.voc100.appendingPathComponent("dets/coco_format/coco_dets.json")

    /// A voc100 workspace with its ground truth only (no run yet).
    static func groundTruthWorkspace() async throws -> ServerWorkspace {
        let workspace = try ServerWorkspace()
        let groundTruth = try VOCImporter().read(contentsOf: ServerWorkspace.voc100.appendingPathComponent("gts/pascalvoc_format"))
        _ = try await workspace.store.apply(groundTruth, toDataset: "voc100", options: ImportOptions(author: "PASCAL VOC"))
        return workspace
    }

    /// Sends `body` as the request body.
    static func post(_ client: some TestClientProtocol, _ uri: String, data: Data, headers: HTTPFields = [:]) async throws -> Reply {
        try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: data)) { response in
            Reply(status: response.status, headers: response.headers, body: Data(buffer: response.body))
        }
    }

    /// Polls `GET /jobs/{id}` until the job has ended (at most `timeout` seconds).
    static func waitForEnd(_ client: some TestClientProtocol, job id: Int, headers: HTTPFields = [:],
                           timeout: TimeInterval = 120) async throws -> Reply {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let reply = try await client.send("/api/v1/jobs/\(id)", headers: headers)
            #expect(reply.status == .ok)
            let job = try reply.json
            if let status = job["status"] as? String, ["succeeded", "failed", "cancelled"].contains(status) { return reply }
            guard Date() < deadline else { throw TestFailure("job \(id) has not ended after \(timeout) s: \(job)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Polls until the job is running.
    static func waitForStart(_ client: some TestClientProtocol, job id: Int) async throws {
        for _ in 0..<2000 {
            let job = try await client.send("/api/v1/jobs/\(id)").json
            if job["status"] as? String != "queued" { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TestFailure("job \(id) never started")
    }

    @Test("an uploaded COCO detections file becomes a run, counted and evaluated as the CLI's import does")
    func cocoUpload() async throws {
        let workspace = try await Self.groundTruthWorkspace()
        let data = try Data(contentsOf: Self.detections)
        let (accepted, ended) = try await withServer(workspace) { client in
            let accepted = try await Self.post(
                client, "/api/v1/datasets/voc100/imports?format=coco&model=voc-detector&run=baseline&resamples=20&filename=coco_dets.json",
                data: data)
            let id = try #require(try accepted.json["id"] as? Int)
            return (accepted, try await Self.waitForEnd(client, job: id))
        }
        let job = try ended.json
        #expect(accepted.status == .accepted)
        let created = try accepted.json
        #expect(created["status"] as? String == "queued")
        #expect(created["kind"] as? String == "import")
        #expect(accepted.headers[.location] == "/api/v1/jobs/\(created["id"] as! Int)")
        let parameters = try #require(created["parameters"] as? [String: Any])
        #expect(parameters["bytes"] as? Int == data.count)
        #expect(parameters["filename"] as? String == "coco_dets.json")

        #expect(job["status"] as? String == "succeeded", "\(job)")
        let progress = try #require(job["progress"] as? [String: Any])
        #expect(progress["phase"] as? String == "done")
        #expect((progress["total"] as? Int ?? 0) > 0 && progress["completed"] as? Int == progress["total"] as? Int)
        #expect(job["started_at"] is String && job["finished_at"] is String)

        // The same file imported as `loupe import coco` does, in another workspace.
        let reference = try await Self.groundTruthWorkspace()
        let batch = try SingleFileImport(format: .coco).read(contentsOf: Self.detections)
        let report = try await reference.store.apply(batch, toDataset: "voc100",
                                                     options: ImportOptions(modelName: "voc-detector", modelTask: .detection, runName: "baseline"))
        let evaluation = try await reference.evaluateBaseline()
        let result = try #require(job["result"] as? [String: Any])
        #expect(report.predictions > 0)
        #expect(result["dataset"] as? String == "voc100")
        #expect(result["predictions"] as? Int == report.predictions)
        #expect(result["runs_created"] as? Int == report.runsCreated)
        #expect(result["rows_created"] as? Int == report.rowsCreated)
        #expect(result["rows_updated"] as? Int == report.rowsUpdated)
        #expect(result["annotations"] as? Int == report.annotations)
        #expect(result["classes_added"] as? Int == report.classesAdded)
        let evaluations = try #require(result["evaluations"] as? [[String: Any]])
        #expect(evaluations.count == 1)
        #expect(evaluations.first?["key"] as? String == "default")
        #expect(evaluations.first?["run"] as? String == "baseline")
        let summary = try #require(evaluations.first?["summary"] as? [[String: Any]])
        let ap = try #require(summary.first { $0["name"] as? String == "AP" }?["value"] as? Double)
        let expected = try #require(evaluation.summary.first { $0.name == "AP" }?.value)
        #expect(abs(ap - expected) < 1e-12, "AP \(ap) against \(expected)")
        // And it is stored: the run's evaluation is there with the same AP.
        let model = try #require(try await workspace.store.models().first { $0.name == "voc-detector" })
        let run = try #require(try await workspace.store.runs(modelID: model.id).first { $0.name == "baseline" })
        let stored = try #require(try await workspace.store.evaluation(runID: run.id, key: "default"))
        #expect(stored.summary.first { $0.name == "AP" }?.value == expected)
    }

    @Test("a truncated upload fails its job with the position in the file, and writes nothing")
    func malformedUpload() async throws {
        let workspace = try await Self.groundTruthWorkspace()
        let before = try await workspace.store.statistics()
        let data = try Data(contentsOf: Self.detections).prefix(5000)
        let job = try await withServer(workspace) { client in
            let accepted = try await Self.post(client, "/api/v1/datasets/voc100/imports?format=coco&model=m&run=r&filename=dets.json", data: Data(data))
            #expect(accepted.status == .accepted)
            return try await Self.waitForEnd(client, job: try #require(try accepted.json["id"] as? Int))
        }.json
        #expect(job["status"] as? String == "failed")
        let error = try #require(job["error"] as? String)
        #expect(error.hasPrefix("dets.json: "), "\(error)")
        // The file ends after byte 5000, inside a string: the parser names the place.
        #expect(error.contains("line 1, column 5001"), "\(error)")
        #expect(!error.contains("loupe-upload-"), "the temporary path leaked: \(error)")
        #expect(job["result"] == nil)
        #expect(try await workspace.store.models().isEmpty)
        #expect(try await workspace.store.statistics() == before)
    }

    @Test("an upload over the limit is answered 413 naming it, with no job and no file left")
    func oversizedUpload() async throws {
        let workspace = try await Self.groundTruthWorkspace()
        let uploads = workspace.folder.appendingPathComponent("uploads")
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
        let configuration = ServerConfiguration(logLevel: .warning, maxUploadBytes: 10_000, uploadDirectory: uploads)
        let data = try Data(contentsOf: Self.detections)
        try await withServer(workspace, configuration: configuration) { client in
            let reply = try await Self.post(client, "/api/v1/datasets/voc100/imports?format=coco&model=m&run=r", data: data)
            #expect(reply.status == .contentTooLarge)
            #expect(try reply.error["code"] as? String == "payload_too_large")
            let message = try #require(try reply.error["message"] as? String)
            #expect(message.contains("10000 bytes"), "\(message)")
            let jobs = try await client.send("/api/v1/jobs").json
            #expect((jobs["jobs"] as? [Any])?.isEmpty == true)
            #expect(jobs.keys.contains("next_cursor"))
            // A small file under the limit is taken.
            let small = try await Self.post(client, "/api/v1/datasets/notes/imports?format=jsonl&evaluate=false", data: Data(#"{"key": "a"}"#.utf8))
            #expect(small.status == .accepted)
            let job = try await Self.waitForEnd(client, job: try #require(try small.json["id"] as? Int)).json
            #expect(job["status"] as? String == "succeeded", "\(job)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: uploads.path).isEmpty)
        #expect(try await workspace.store.jobs(status: nil, kind: nil, page: PageRequest()).items.count == 1)
    }

    @Test("bad import requests are refused before the body is read: folder formats, unknown formats, run without model")
    func refusedImports() async throws {
        let workspace = try ServerWorkspace()
        try await withServer(workspace) { client in
            let voc = try await Self.post(client, "/api/v1/datasets/d/imports?format=voc", data: Data("x".utf8))
            #expect(voc.status == .badRequest)
            let message = try #require(try voc.error["message"] as? String)
            #expect(message.contains("loupe import voc") && message.contains("coco, jsonl, csv"), "\(message)")
            #expect(try voc.error["field"] as? String == "format")
            #expect(try await Self.post(client, "/api/v1/datasets/d/imports?format=parquet", data: Data("x".utf8)).status == .badRequest)
            #expect(try await Self.post(client, "/api/v1/datasets/d/imports", data: Data("x".utf8)).status == .badRequest)
            #expect(try await Self.post(client, "/api/v1/datasets/d/imports?format=coco&run=r", data: Data("x".utf8)).status == .badRequest)
            #expect(try await Self.post(client, "/api/v1/datasets/d/imports?format=coco&evaluate=maybe", data: Data("x".utf8)).status == .badRequest)
            #expect(try await Self.post(client, "/api/v1/datasets/d/imports?format=jsonl", data: Data()).status == .badRequest)
            #expect(try await client.send("/api/v1/jobs/0").status == .badRequest)
            #expect(try await client.send("/api/v1/jobs/42").status == .notFound)
            #expect(try await client.send("/api/v1/jobs?status=done").status == .badRequest)
        }
        #expect(try await workspace.store.jobs(status: nil, kind: nil, page: PageRequest()).items.isEmpty)
        #expect(try await workspace.store.datasets().isEmpty)
    }

    @Test("a queued job is cancelled at once, a running one at its next phase; neither writes anything; an ended one is a conflict")
    func cancellation() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        let data = try Data(contentsOf: Self.detections)
        try await withServer(workspace) { client in
            // A slow evaluation (seconds of bootstrap in a debug build) holds the one writing slot;
            // the import waits behind it. Cancelling the evaluation stops it before it stores anything.
            let slow = try await client.send("/api/v1/runs/baseline/evaluations", method: .post,
                                             body: #"{"dataset": "voc100", "key": "slow", "resamples": 100}"#)
            #expect(slow.status == .accepted)
            let slowID = try #require(try slow.json["id"] as? Int)
            try await Self.waitForStart(client, job: slowID)
            let upload = try await Self.post(client, "/api/v1/datasets/voc100/imports?format=coco&model=voc-detector&run=queued", data: data)
            let uploadID = try #require(try upload.json["id"] as? Int)
            let queued = try await client.send("/api/v1/jobs?status=queued").json
            #expect((queued["jobs"] as? [[String: Any]])?.map { $0["id"] as? Int } == [uploadID])

            let cancelled = try await client.send("/api/v1/jobs/\(uploadID)/cancel", method: .post)
            #expect(cancelled.status == .ok)
            #expect(try cancelled.json["status"] as? String == "cancelled")
            #expect(try cancelled.json["started_at"] == nil)

            let stopping = try await client.send("/api/v1/jobs/\(slowID)/cancel", method: .post)
            #expect(stopping.status == .ok || stopping.status == .accepted)
            let stopped = try await Self.waitForEnd(client, job: slowID).json
            #expect(stopped["status"] as? String == "cancelled", "\(stopped)")

            let again = try await client.send("/api/v1/jobs/\(slowID)/cancel", method: .post)
            #expect(again.status == .conflict)
            #expect(try again.error["code"] as? String == "conflict")
            let kinds = try await client.send("/api/v1/jobs?kind=evaluation").json
            #expect((kinds["jobs"] as? [[String: Any]])?.map { $0["id"] as? Int } == [slowID])
        }
        let model = try #require(try await workspace.store.models().first { $0.name == "voc-detector" })
        let runs = try await workspace.store.runs(modelID: model.id)
        #expect(runs.map(\.name) == ["baseline"])
        #expect(try await workspace.store.evaluations(runID: runs[0].id).isEmpty)
    }

    @Test("an import cancelled while it evaluates keeps its committed write and ends cancelled with the import's counts")
    func cancelledAfterWrite() async throws {
        let workspace = try await Self.groundTruthWorkspace()
        let data = try Data(contentsOf: Self.detections)
        let stopped = try await withServer(workspace) { client in
            // 100 resamples take seconds in a debug build: time to see the evaluating phase live.
            let accepted = try await Self.post(client, "/api/v1/datasets/voc100/imports?format=coco&model=voc-detector&run=late&resamples=100",
                                               data: data)
            let id = try #require(try accepted.json["id"] as? Int)
            var phase = ""
            for _ in 0..<3000 where !phase.hasPrefix("evaluating") {
                let job = try await client.send("/api/v1/jobs/\(id)").json
                phase = (job["progress"] as? [String: Any])?["phase"] as? String ?? ""
                if phase.hasPrefix("evaluating") { break }
                try #require(job["status"] as? String != "succeeded", "the job ended before it could be cancelled")
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(phase == "evaluating voc-detector/late")
            let reply = try await client.send("/api/v1/jobs/\(id)/cancel", method: .post)
            #expect(reply.status == .ok || reply.status == .accepted)
            return try await Self.waitForEnd(client, job: id)
        }.json
        #expect(stopped["status"] as? String == "cancelled", "\(stopped)")
        #expect((stopped["error"] as? String)?.contains("the runs were not evaluated") == true)
        let result = try #require(stopped["result"] as? [String: Any])
        #expect(result["predictions"] as? Int == 452)
        #expect((result["evaluations"] as? [Any])?.isEmpty == true)
        let model = try #require(try await workspace.store.models().first { $0.name == "voc-detector" })
        let run = try #require(try await workspace.store.runs(modelID: model.id).first { $0.name == "late" })
        #expect(try await workspace.store.predictions(runID: run.id, page: PageRequest(limit: 1000)).items.count == 452)
        #expect(try await workspace.store.evaluations(runID: run.id).isEmpty)
    }

    @Test("POST /runs/{run}/evaluations evaluates in a job with loupe runs eval's options; a taken key is a conflict")
    func evaluationJob() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        let expected = try await workspace.evaluateBaseline()
        try await withServer(workspace) { client in
            let accepted = try await client.send("/api/v1/runs/voc-detector%2Fbaseline/evaluations", method: .post,
                                                 body: #"{"dataset": "voc100", "key": "again", "resamples": 20}"#)
            #expect(accepted.status == .accepted)
            let job = try await Self.waitForEnd(client, job: try #require(try accepted.json["id"] as? Int)).json
            #expect(job["status"] as? String == "succeeded", "\(job)")
            let result = try #require(job["result"] as? [String: Any])
            #expect(result["key"] as? String == "again")
            let summary = try #require(result["summary"] as? [[String: Any]])
            let ap = try #require(summary.first { $0["name"] as? String == "AP" }?["value"] as? Double)
            // JSONSerialization may read the last digit of a shortest-form double differently.
            #expect(abs(ap - (expected.summary.first { $0.name == "AP" }?.value ?? .nan)) < 1e-12)
            let taken = try await client.send("/api/v1/runs/baseline/evaluations", method: .post, body: #"{"dataset": "voc100"}"#)
            #expect(taken.status == .conflict)
            let bad = try await client.send("/api/v1/runs/baseline/evaluations", method: .post, body: #"{"dataset": "voc100", "iou_type": "poly"}"#)
            #expect(bad.status == .badRequest)
            #expect(try bad.error["field"] as? String == "$.iou_type")
            let missing = try await client.send("/api/v1/runs/baseline/evaluations", method: .post, body: #"{"key": "x"}"#)
            #expect(try missing.error["field"] as? String == "$.dataset")
            #expect(try await client.send("/api/v1/runs/baseline/evaluations", method: .post,
                                          body: #"{"dataset": "nowhere", "key": "x"}"#).status == .notFound)
        }
    }

    @Test("jobs an earlier server left queued or running are failed when the application is built again")
    func restart() async throws {
        let workspace = try ServerWorkspace()
        let running = try await workspace.store.createJob(kind: .import, parametersJSON: "{}", createdBy: nil)
        _ = try await workspace.store.startJob(id: running.id)
        let queued = try await workspace.store.createJob(kind: .evaluation, parametersJSON: "{}", createdBy: nil)
        try await withServer(workspace) { client in
            for id in [running.id, queued.id] {
                let job = try await client.send("/api/v1/jobs/\(id)").json
                #expect(job["status"] as? String == "failed")
                #expect(job["error"] as? String == "interrupted by a server restart")
                #expect(job["finished_at"] is String)
            }
        }
    }

    @Test("GET /jobs pages newest first with cursors bound to their filters")
    func paging() async throws {
        let workspace = try ServerWorkspace()
        var ids: [Int64] = []
        for kind in [JobKind.import, .evaluation, .import] {
            ids.append(try await workspace.store.createJob(kind: kind, parametersJSON: #"{"n": 1}"#, createdBy: "ci").id)
        }
        let created = ids.map { Int($0) }
        try await withServer(workspace) { client in
            // The server marks the jobs it finds unfinished failed before it serves.
            let first = try await client.send("/api/v1/jobs?limit=2").json
            let jobs = try #require(first["jobs"] as? [[String: Any]])
            #expect(jobs.map { $0["id"] as? Int } == [created[2], created[1]])
            #expect(jobs.allSatisfy { $0["status"] as? String == "failed" && $0["created_by"] as? String == "ci" })
            #expect((jobs.first?["parameters"] as? [String: Any])?["n"] as? Int == 1)
            let cursor = try #require(first["next_cursor"] as? String)
            let second = try await client.send("/api/v1/jobs?limit=2&cursor=\(cursor)").json
            #expect((second["jobs"] as? [[String: Any]])?.map { $0["id"] as? Int } == [created[0]])
            #expect(second["next_cursor"] is NSNull)
            let imports = try await client.send("/api/v1/jobs?kind=import&status=failed").json
            #expect((imports["jobs"] as? [[String: Any]])?.map { $0["id"] as? Int } == [created[2], created[0]])
            let foreign = try await client.send("/api/v1/jobs?limit=2&kind=import&cursor=\(cursor)")
            #expect(foreign.status == .badRequest)
            #expect(try foreign.error["field"] as? String == "cursor")
        }
    }

    @Test("viewers read jobs but cannot import or cancel; a job records the token that created it")
    func roles() async throws {
        let workspace = try ServerWorkspace()
        let viewer = TokenSecret.generate()
        let editor = TokenSecret.generate()
        _ = try await workspace.store.createAPIToken(name: "watcher", role: .viewer, secretHash: viewer.hash)
        _ = try await workspace.store.createAPIToken(name: "loader", role: .editor, secretHash: editor.hash)
        let asViewer = AuthorizationTests.bearer("Bearer \(viewer.text)")
        let asEditor = AuthorizationTests.bearer("Bearer \(editor.text)")
        try await withServer(workspace) { client in
            let body = Data(#"{"key": "a", "label": "cat"}"#.utf8)
            let refused = try await Self.post(client, "/api/v1/datasets/notes/imports?format=jsonl", data: body, headers: asViewer)
            #expect(refused.status == .forbidden)
            #expect(try refused.error["code"] as? String == "forbidden")
            let accepted = try await Self.post(client, "/api/v1/datasets/notes/imports?format=jsonl", data: body, headers: asEditor)
            #expect(accepted.status == .accepted)
            let id = try #require(try accepted.json["id"] as? Int)
            let job = try await Self.waitForEnd(client, job: id, headers: asViewer).json
            #expect(job["created_by"] as? String == "loader")
            #expect(job["status"] as? String == "succeeded")
            #expect(try await client.send("/api/v1/jobs/\(id)/cancel", method: .post, headers: asViewer).status == .forbidden)
            #expect(try await client.send("/api/v1/jobs/\(id)/cancel", method: .post, headers: asEditor).status == .conflict)
        }
        #expect(try await workspace.store.dataset(named: "notes") != nil)
    }
}
