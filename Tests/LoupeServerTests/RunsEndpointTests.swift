import Foundation
import LoupeCatalog
import Testing

@Suite("models, runs and evaluations endpoints")
struct RunsEndpointTests {
    @Test("GET /models and /models/{model}/runs list what the import created")
    func models() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let models = try #require(try await client.send("/api/v1/models").json["models"] as? [[String: Any]])
            #expect(models.count == 1)
            #expect(models.first?["name"] as? String == "voc-detector" && models.first?["task"] as? String == "detection")
            #expect(models.first?["runs"] as? Int == 1)
            let runs = try await client.send("/api/v1/models/voc-detector/runs").json
            let list = try #require(runs["runs"] as? [[String: Any]])
            #expect(list.map { $0["reference"] as? String } == ["voc-detector/baseline"])
            let missing = try await client.send("/api/v1/models/nope/runs")
            #expect(missing.status == .notFound)
            #expect(try missing.error["message"] as? String == "no model 'nope'")
        }
    }

    @Test("GET /runs/{run} by NAME and by MODEL%2FNAME is the same run with its config and evaluations")
    func run() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let byName = try await client.send("/api/v1/runs/baseline")
            let byReference = try await client.send("/api/v1/runs/voc-detector%2Fbaseline")
            #expect(byName.status == .ok && byName.body == byReference.body)
            let body = try byName.json
            #expect(body["reference"] as? String == "voc-detector/baseline")
            let config = try #require(body["config"] as? [String: Any])
            #expect(config["lr"] as? Double == 0.01 && config["note"] as? String == "sample detections")
            #expect((body["evaluations"] as? [[String: Any]])?.map { $0["key"] as? String } == ["default"])
            #expect(try await client.send("/api/v1/runs/nope").status == .notFound)
            #expect(try await client.send("/api/v1/runs/voc-detector%2Fnope").status == .notFound)
        }
    }

    @Test("the stored evaluation's summary equals pycocotools on the same boxes (expected_computed.json)")
    func evaluation() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: ServerWorkspace.voc100
            .appendingPathComponent("expected_computed.json"))) as! [String: Any]
        let pycocotools = expected["coco_bbox_pycocotools"] as! [String: Double]
        try await withServer(workspace) { client in
            let list = try await client.send("/api/v1/runs/baseline/evaluations").json
            #expect((list["evaluations"] as? [[String: Any]])?.first?["kind"] as? String == "detection")
            let body = try await client.send("/api/v1/runs/baseline/evaluations/default").json
            let summary = try #require(body["summary"] as? [[String: Any]])
            #expect(summary.count == 12)
            for metric in summary {
                let name = try #require(metric["name"] as? String)
                #expect(abs((metric["value"] as? Double ?? .nan) - pycocotools[name]!) <= 1e-12, "\(name)")
            }
            #expect((body["per_class"] as? [[String: Any]])?.count == 20)
            #expect((body["parameters"] as? [String: Any])?["iou_type"] as? String == "bbox")
            #expect(body["details"] is [String: Any])
            let missing = try await client.send("/api/v1/runs/baseline/evaluations/strict")
            #expect(missing.status == .notFound)
            #expect(try missing.error["message"] as? String == "run 'baseline' has no evaluation 'strict'")
        }
    }

    @Test("per-row results page by cursor over every evaluated row once and add up to the ground truth and the detections")
    func evaluationRows() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            var keys: [String] = []
            var truePositives = 0, falsePositives = 0, falseNegatives = 0
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await client.send("/api/v1/runs/baseline/evaluations/default/rows?limit=30" + (cursor.map { "&cursor=\($0)" } ?? "")).json
                #expect(page["dataset"] as? String == "voc100")
                let rows = try #require(page["rows"] as? [[String: Any]])
                #expect(rows.count <= 30)
                for row in rows {
                    keys.append(try #require(row["key"] as? String))
                    truePositives += row["tp"] as? Int ?? 0
                    falsePositives += row["fp"] as? Int ?? 0
                    falseNegatives += row["fn"] as? Int ?? 0
                    #expect(row["correct"] == nil)
                }
                cursor = page["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(keys.count == 100 && Set(keys).count == 100 && pages == 4)
            // Every detection is matched or not, every ground-truth box found or missed (no crowd, no difficult here).
            #expect(truePositives + falsePositives == 452)
            #expect(truePositives + falseNegatives == 273)

            let first = try await client.send("/api/v1/runs/baseline/evaluations/default/rows?limit=30").json
            let token = try #require(first["next_cursor"] as? String)
            let rowsCursor = try #require(try await client.send("/api/v1/datasets/voc100/rows?limit=30").json["next_cursor"] as? String)
            for bad in [rowsCursor, "x" + token, String(token.dropLast())] {
                let reply = try await client.send("/api/v1/runs/baseline/evaluations/default/rows?cursor=\(bad)")
                #expect(reply.status == .badRequest)
                #expect(try reply.error["field"] as? String == "cursor")
            }
            #expect(try await client.send("/api/v1/runs/baseline/evaluations/default/rows?limit=1001").status == .badRequest)
        }
    }

    @Test("a run name two models share must be written MODEL/NAME")
    func ambiguousRun() async throws {
        let workspace = try ServerWorkspace()
        for model in ["a", "b"] {
            let created = try await workspace.store.createModel(named: model, task: .classification)
            _ = try await workspace.store.createRun(modelID: created.id, name: "v1", configJSON: "{}")
        }
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/runs/v1")
            #expect(reply.status == .badRequest)
            #expect(try reply.error["field"] as? String == "run")
            #expect((try reply.error["message"] as? String)?.contains("write MODEL/v1") == true)
            #expect(try await client.send("/api/v1/runs/b%2Fv1").json["model"] as? String == "b")
            let empty = try await client.send("/api/v1/runs/a%2Fv1/evaluations").json
            #expect((empty["evaluations"] as? [Any])?.isEmpty == true)
        }
    }
}
