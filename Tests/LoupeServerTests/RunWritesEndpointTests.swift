import Foundation
import HTTPTypes
import LoupeCatalog
import Testing

/// Logging runs over HTTP: create with config and snapshot, rename, delete, custom metrics.
@Suite("run writes")
struct RunWritesEndpointTests {
    @Test("POST /models/{model}/runs records the run, its config as sent, and the snapshot of the labeled rows")
    func create() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        try await withServer(workspace) { client in
            let body = #"{"name": "r2", "dataset": "voc100", "task": "detection", "config": {"learning_rate": 0.01, "batchSize": 16, "aug": ["flip"]}}"#
            let created = try await client.send("/api/v1/models/new-detector/runs", method: .post, body: body)
            #expect(created.status == .created)
            let recording = try created.json
            #expect(recording["model"] as? String == "new-detector" && recording["run"] as? String == "r2")
            #expect(recording["snapshot_rows"] as? Int == 100 && (recording["rows_by_split"] as? [String: Int]) == ["unassigned": 100])

            let run = try await client.send("/api/v1/runs/new-detector%2Fr2").json
            #expect(run["task"] as? String == "detection")
            let config = try #require(run["config"] as? [String: Any])
            #expect(config["learning_rate"] as? Double == 0.01 && config["batchSize"] as? Int == 16 && config["aug"] as? [String] == ["flip"])
            #expect((run["snapshot_rows_by_split"] as? [String: Int]) == ["unassigned": 100])

            // Only the splits asked for: voc100's rows have none, so `train` selects nothing.
            let none = try await client.send("/api/v1/models/new-detector/runs", method: .post,
                                             body: #"{"name": "r3", "dataset": "voc100", "splits": ["train"]}"#).json
            #expect(none["snapshot_rows"] as? Int == 0)

            func refused(_ model: String, _ body: String, _ status: HTTPResponse.Status, _ fragment: String,
                         sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
                let reply = try await client.send("/api/v1/models/\(model)/runs", method: .post, body: body)
                #expect(reply.status == status, sourceLocation: sourceLocation)
                let message = try reply.error["message"] as? String ?? ""
                #expect(message.contains(fragment), "\(message)", sourceLocation: sourceLocation)
            }
            try await refused("new-detector", #"{"name": "r2", "dataset": "voc100"}"#, .conflict, "r2")
            try await refused("new-detector", #"{"name": "r4", "dataset": "nope"}"#, .notFound, "no dataset 'nope'")
            try await refused("new-detector", #"{"name": "r4", "dataset": "voc100", "task": "classification"}"#, .conflict, "is a detection model")
            try await refused("new-detector", #"{"name": "r4", "dataset": "voc100", "config": [1, 2]}"#, .badRequest, "config must be a JSON object")
            try await refused("new-detector", #"{"name": "a/b", "dataset": "voc100"}"#, .badRequest, "no '/'")
            try await refused("new-detector", #"{"dataset": "voc100"}"#, .badRequest, "name")
        }
        let model = try #require(try await workspace.store.models().first { $0.name == "new-detector" })
        #expect(try await workspace.store.runs(modelID: model.id).map(\.name) == ["r2", "r3"])
    }

    @Test("PATCH /runs/{run} renames; the old name is gone, a taken name is a conflict")
    func rename() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        try await withServer(workspace) { client in
            _ = try await client.send("/api/v1/models/voc-detector/runs", method: .post, body: #"{"name": "other", "dataset": "voc100"}"#)
            let renamed = try await client.send("/api/v1/runs/baseline", method: .patch, body: #"{"name": "v1"}"#)
            #expect(renamed.status == .ok)
            #expect(try renamed.json["reference"] as? String == "voc-detector/v1")
            #expect(try await client.send("/api/v1/runs/baseline").status == .notFound)
            #expect(try await client.send("/api/v1/runs/v1").status == .ok)
            let taken = try await client.send("/api/v1/runs/v1", method: .patch, body: #"{"name": "other"}"#)
            #expect(taken.status == .conflict)
            #expect(try await client.send("/api/v1/runs/v1", method: .patch, body: #"{"name": ""}"#).status == .badRequest)
            #expect(try await client.send("/api/v1/runs/nope", method: .patch, body: #"{"name": "x"}"#).status == .notFound)
        }
    }

    @Test("DELETE /runs/{run} removes it with its predictions and evaluations, and says what went")
    func delete() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        _ = try await workspace.evaluateBaseline()
        try await withServer(workspace) { client in
            let deleted = try await client.send("/api/v1/runs/baseline", method: .delete)
            #expect(deleted.status == .ok)
            let report = try deleted.json
            #expect(report["predictions"] as? Int == 452 && report["evaluations"] as? Int == 1)
            #expect(report["snapshot_rows"] as? Int == 0 && report["custom_metrics"] as? Int == 0)
            #expect(try await client.send("/api/v1/runs/baseline").status == .notFound)
            #expect(try await client.send("/api/v1/runs/baseline", method: .delete).status == .notFound)
        }
    }

    @Test("POST /runs/{run}/metrics stores run, class and row values all or nothing; bad lines are named")
    func customMetrics() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        let dataset = try #require(try await workspace.store.dataset(named: "voc100"))
        let keys = try await Page.all { try await workspace.store.rows(datasetID: dataset.id, page: $0) }.map(\.key)
        let lines = [#"{"name": "latency_ms", "value": 12.5}"#, #"{"name": "f2", "class": "person", "value": 0.8}"#]
            + keys.enumerated().map { #"{"name": "loss", "key": "\#($1)", "value": \#(Double($0) / 8)}"# }
        try await withServer(workspace) { client in
            let stored = try await client.send("/api/v1/runs/baseline/metrics?dataset=voc100&filename=metrics.jsonl", method: .post,
                                               body: lines.joined(separator: "\n") + "\n")
            #expect(stored.status == .ok)
            #expect(try stored.json["stored"] as? Int == 102 && stored.json["run"] as? String == "voc-detector/baseline")
            let listed = try await client.send("/api/v1/runs/baseline/metrics").json
            #expect((listed["metrics"] as? [Any])?.count == 2)
            let rowMetrics = try #require(listed["row_metrics"] as? [[String: Any]])
            #expect(rowMetrics.count == 1 && rowMetrics[0]["name"] as? String == "loss" && rowMetrics[0]["rows"] as? Int == 100)
            let filtered = try await client.send("/api/v1/datasets/voc100/rows?filter=" + formEncoded(#"run("baseline").custom("loss") >= 12"#)).json
            #expect(filtered["count"] as? Int == 4)

            let bad = try await client.send("/api/v1/runs/baseline/metrics?dataset=voc100&filename=m.jsonl", method: .post,
                                            body: #"{"name": "x", "value": 1}"# + "\n" + #"{"name": "x", "key": "k", "class": "c", "value": 1}"#)
            #expect(bad.status == .badRequest)
            #expect(try (bad.error["message"] as? String)?.hasPrefix("m.jsonl: line 2: a value is for a class or a row, not both") == true)
            let unknownRow = try await client.send("/api/v1/runs/baseline/metrics?dataset=voc100", method: .post,
                                                   body: #"{"name": "late", "value": 1}"# + "\n" + #"{"name": "late", "key": "nope.jpg", "value": 1}"#)
            #expect(unknownRow.status.kind == .clientError)
            let noDataset = try await client.send("/api/v1/runs/baseline/metrics", method: .post, body: lines[0])
            #expect(try noDataset.status == .badRequest && noDataset.error["field"] as? String == "dataset")
        }
        let run = try await workspace.store.runs(matching: "baseline")[0].1
        #expect(try await workspace.store.customMetrics(runID: run.id).map(\.name).sorted() == ["f2", "latency_ms"])
    }
}
