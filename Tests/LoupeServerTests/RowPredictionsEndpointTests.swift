import Foundation
import LoupeCatalog
import Testing

@Suite("a row's predictions and an evaluated row's objects")
struct RowPredictionsEndpointTests {
    /// The voc100 row with the most `baseline` predictions, with those predictions as the store pages them.
    static func busiestRow(_ workspace: ServerWorkspace) async throws -> (key: String, predictions: [Prediction]) {
        let store = workspace.store
        let run = try await store.runs(matching: "baseline")[0].1
        let all = try await Page.all { try await store.predictions(runID: run.id, page: $0) }
        let byRow = Dictionary(grouping: all, by: \.rowID)
        let rowID = try #require(byRow.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key)
        let dataset = try #require(try await store.dataset(named: "voc100"))
        let row = try #require(try await Page.all { try await store.rows(datasetID: dataset.id, page: $0) }.first { $0.id == rowID })
        return (row.key, byRow[rowID]!)
    }

    @Test("GET /datasets/{dataset}/rows/{key}/predictions: every prediction of the row, by descending score, with boxes and classes")
    func predictions() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        let (key, stored) = try await Self.busiestRow(workspace)
        #expect(stored.count > 1)
        try await withServer(workspace) { client in
            let all = try await client.send("/api/v1/datasets/voc100/rows/\(key)/predictions")
            #expect(all.status == .ok)
            let body = try all.json
            #expect(body["dataset"] as? String == "voc100" && body["key"] as? String == key)
            #expect((body["classes"] as? [String])?.count == 20)
            let predictions = try #require(body["predictions"] as? [[String: Any]])
            #expect(predictions.count == stored.count)
            let scores = predictions.map { $0["score"] as? Double ?? -1 }
            // JSONSerialization reads doubles to within an ulp or two: compared to 1e-12, as the other endpoint tests do.
            let storedScores = stored.compactMap(\.score).sorted(by: >)
            #expect(scores.count == storedScores.count && zip(scores, storedScores).allSatisfy { abs($0 - $1) <= 1e-12 })
            #expect(predictions.allSatisfy { $0["run"] as? String == "voc-detector/baseline" && $0["class_name"] is String })
            // Each prediction is the stored one: its box and score by id.
            let storedByID = Dictionary(uniqueKeysWithValues: stored.map { ($0.id!, $0) })
            for prediction in predictions {
                let id = Int64(try #require(prediction["id"] as? Int))
                let geometry = try #require(prediction["geometry"] as? [String: Any])
                guard case .box(let box)? = storedByID[id]?.geometry else { Issue.record("prediction \(id) is not a stored box"); continue }
                #expect(geometry["kind"] as? String == "box" && geometry["box"] as? [Double] == [box.x, box.y, box.width, box.height])
                #expect(abs((prediction["score"] as? Double ?? .nan) - (storedByID[id]?.score ?? .nan)) <= 1e-12)
            }
            // One run, by NAME or MODEL/NAME: the same list.
            let byName = try await client.send("/api/v1/datasets/voc100/rows/\(key)/predictions?run=baseline")
            let byReference = try await client.send("/api/v1/datasets/voc100/rows/\(key)/predictions?run=voc-detector%2Fbaseline")
            #expect(byName.body == all.body && byReference.body == all.body)
            // Errors: unknown run, row, dataset; an empty run.
            let noRun = try await client.send("/api/v1/datasets/voc100/rows/\(key)/predictions?run=nope")
            #expect(try noRun.status == .notFound && (noRun.error["message"] as? String) == "no run 'nope'")
            let noRow = try await client.send("/api/v1/datasets/voc100/rows/nope.jpg/predictions")
            #expect(try noRow.status == .notFound && (noRow.error["message"] as? String) == "dataset 'voc100' has no row 'nope.jpg'")
            #expect(try await client.send("/api/v1/datasets/nope/rows/\(key)/predictions").status == .notFound)
            let empty = try await client.send("/api/v1/datasets/voc100/rows/\(key)/predictions?run=")
            #expect(try empty.status == .badRequest && (empty.error["field"] as? String) == "run")
        }
    }

    @Test("GET /runs/{run}/evaluations/{key}/rows/{row_key}: the row's TP, FP and FN counts are its objects' outcomes")
    func evaluationRow() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        let (key, stored) = try await Self.busiestRow(workspace)
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/runs/baseline/evaluations/default/rows/\(key)")
            #expect(reply.status == .ok, "\(String(decoding: reply.body, as: UTF8.self))")
            let body = try reply.json
            #expect(body["run"] as? String == "voc-detector/baseline" && body["key"] as? String == "default" && body["dataset"] as? String == "voc100")
            let result = try #require(body["result"] as? [String: Any])
            #expect(result["key"] as? String == key)
            let objects = try #require(body["objects"] as? [[String: Any]])
            func count(_ outcome: String) -> Int { objects.filter { $0["outcome"] as? String == outcome }.count }
            #expect(count("tp") == result["tp"] as? Int && count("fp") == result["fp"] as? Int && count("fn") == result["fn"] as? Int)
            #expect(count("tp") + count("fp") + count("ignored") == stored.count)
            let predictionIDs = Set(stored.map(\.id!))
            for object in objects {
                let outcome = try #require(object["outcome"] as? String)
                #expect(object["class_name"] is String)
                if outcome == "fn" {
                    #expect(object["prediction_id"] == nil && object["annotation_id"] is Int)
                } else {
                    #expect((object["prediction_id"] as? Int).map { predictionIDs.contains(Int64($0)) } == true)
                }
                if outcome == "tp" { #expect((object["iou"] as? Double ?? 0) >= 0.5 && object["annotation_id"] is Int) }
                if outcome == "fp" { #expect(object["reason"] is String) }
            }
            // Predictions come first by descending score, then the missed ground truth.
            let scored = objects.prefix { $0["outcome"] as? String != "fn" }.map { $0["score"] as? Double ?? -1 }
            #expect(scored == scored.sorted(by: >))
            let noRow = try await client.send("/api/v1/runs/baseline/evaluations/default/rows/nope.jpg")
            #expect(try noRow.status == .notFound && (noRow.error["message"] as? String)?.contains("no row 'nope.jpg'") == true)
            #expect(try await client.send("/api/v1/runs/baseline/evaluations/strict/rows/\(key)").status == .notFound)
            #expect(try await client.send("/api/v1/runs/nope/evaluations/default/rows/\(key)").status == .notFound)
        }
    }
}
