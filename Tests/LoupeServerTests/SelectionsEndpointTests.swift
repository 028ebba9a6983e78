import Foundation
import HTTPTypes
import HummingbirdTesting
import LoupeCatalog
import LoupeCore
import LoupeServer
import Testing

/// `POST /datasets/{dataset}/selections` and `POST /datasets/{dataset}/probe-runs`.
@Suite("selections and probe runs")
struct SelectionsEndpointTests {
    /// Dataset `pets` (cat, dog, bird): `l0` cat and `l1` dog labeled, `u0…u3` not; run `clf/r1`
    /// predicts every row; space `feat` (2-D) has every row.
    static func workspace() async throws -> ServerWorkspace {
        let workspace = try ServerWorkspace()
        let classes = ["cat", "dog", "bird"]
        let probabilities: [(String, [Float])] = [("l0", [0.8, 0.1, 0.1]), ("l1", [0.1, 0.8, 0.1]), ("u0", [0.5, 0.45, 0.05]),
                                                  ("u1", [0.05, 0.9, 0.05]), ("u2", [0.3, 0.4, 0.3]), ("u3", [0.33, 0.33, 0.34])]
        _ = try await workspace.store.apply(ImportBatch(
            source: "pets", classes: classes.map { ClassSpec(name: $0) }, rows: probabilities.map { DataRow(key: $0.0, split: "train") },
            annotations: [AnnotationSpec(rowKey: "l0", className: "cat", geometry: .none), AnnotationSpec(rowKey: "l1", className: "dog", geometry: .none)],
            embeddings: EmbeddingSet(spaceName: "feat", rowKeys: probabilities.map(\.0),
                                     vectors: RowMajorMatrix(rows: 6, columns: 2, values: [1, 0, 0, 1, 1, 0.05, 0.1, 1, 1, 1, -1, 0.1]))),
                                            toDataset: "pets", options: ImportOptions())
        _ = try await workspace.store.apply(ImportBatch(source: "r1", predictions: probabilities.map {
            PredictionSpec(rowKey: $0.0, className: nil, geometry: .none, score: nil, probabilities: $0.1)
        }, probabilityClasses: classes), toDataset: "pets", options: ImportOptions(modelName: "clf", modelTask: .classification, runName: "r1"))
        return workspace
    }

    static let json: HTTPFields = [.contentType: "application/json"]

    @Test("a selection answers the rows best first as loupe select does; bad requests answer the error envelope with the field")
    func selections() async throws {
        let workspace = try await Self.workspace()
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/datasets/pets/selections", method: .post, headers: Self.json,
                                              body: #"{"strategy": "margin", "run": "r1", "budget": 3}"#)
            #expect(reply.status == .ok)
            let body = try reply.json
            let rows = try #require(body["rows"] as? [[String: Any]])
            #expect(rows.map { $0["key"] as? String } == ["u3", "u0", "u2"])
            #expect(abs((rows[0]["score"] as? Double ?? 0) - 0.99) < 1e-6 && rows.allSatisfy { $0["reason"] is String })
            #expect(body["pool_rows"] as? Int == 4 && body["run"] as? String == "clf/r1")
            let weighted = try await client.send("/api/v1/datasets/pets/selections", method: .post, headers: Self.json,
                                                 body: #"{"strategy": "weighted", "run": "r1", "space": "feat", "budget": 4, "weights": {"margin": 0.5, "k_center": 0.5}}"#)
            #expect(try (weighted.json["rows"] as? [[String: Any]])?.map { $0["key"] as? String } == ["u3", "u2", "u0", "u1"])
            let similar = try await client.send("/api/v1/datasets/pets/selections", method: .post, headers: Self.json,
                                                body: #"{"strategy": "similarity", "space": "feat", "seeds": ["l0"], "budget": 1}"#)
            #expect(try (similar.json["rows"] as? [[String: Any]])?.first?["key"] as? String == "u0")

            let refusals: [(String, HTTPResponse.Status, String, String?)] = [
                (#"{"strategy": "margin", "budget": 3}"#, .badRequest, "bad_request", "$.run"),
                (#"{"strategy": "smartest", "budget": 3}"#, .badRequest, "bad_request", "$.strategy"),
                (#"{"strategy": "margin", "run": "nope", "budget": 3}"#, .notFound, "not_found", "$.run"),
                (#"{"strategy": "similarity", "space": "feat", "seeds": ["zz"], "budget": 3}"#, .notFound, "not_found", "$.seeds"),
                (#"{"strategy": "margin", "run": "r1", "budget": 0}"#, .badRequest, "bad_request", "$.budget"),
                (#"{"strategy": "margin", "run": "r1", "budget": 3, "filter": "gt.class ="}"#, .badRequest, "invalid_filter", "filter"),
                (#"{"strategy": "weighted", "budget": 3, "weights": {"class_balanced": 1}}"#, .badRequest, "bad_request", "$.weights"),
            ]
            for (body, status, code, field) in refusals {
                let refused = try await client.send("/api/v1/datasets/pets/selections", method: .post, headers: Self.json, body: body)
                #expect(refused.status == status, "\(body)")
                let error = try refused.error
                #expect(error["code"] as? String == code && error["field"] as? String == field, "\(body): \(error)")
            }
            let unknownDataset = try await client.send("/api/v1/datasets/nope/selections", method: .post, headers: Self.json,
                                                       body: #"{"strategy": "random", "budget": 3}"#)
            #expect(unknownDataset.status == .notFound)
        }
    }

    @Test("a probe run is trained in a job; the run has a prediction for every row with a vector and an evaluation; its name cannot be reused")
    func probeRuns() async throws {
        let workspace = try await Self.workspace()
        try await withServer(workspace) { client in
            let accepted = try await client.send("/api/v1/datasets/pets/probe-runs", method: .post, headers: Self.json,
                                                 body: #"{"space": "feat", "run": "p1", "l2": 0.5, "folds": 2, "resamples": 0}"#)
            #expect(accepted.status == .accepted)
            let id = try #require(try accepted.json["id"] as? Int)
            let job = try await client.finishedJob(id)
            #expect(job["status"] as? String == "succeeded", "\(job)")
            #expect(job["kind"] as? String == "probe")
            let result = try #require(job["result"] as? [String: Any])
            #expect(result["run"] as? String == "probe/p1" && result["evaluation_id"] is NSNumber)
            #expect((result["probe"] as? [String: Any])?["predicted_rows"] as? Int == 6)
            let (_, run) = try #require(try await workspace.store.runs(matching: "probe/p1").first)
            let predictions = try await workspace.store.predictions(runID: run.id, page: PageRequest(limit: 100)).items
            #expect(predictions.count == 6 && predictions.allSatisfy { $0.probabilities?.count == 3 })
            let again = try await client.send("/api/v1/datasets/pets/probe-runs", method: .post, headers: Self.json,
                                              body: #"{"space": "feat", "run": "p1"}"#)
            #expect(again.status == .conflict)
            #expect(try again.error["field"] as? String == "$.run")
            let noSpace = try await client.send("/api/v1/datasets/pets/probe-runs", method: .post, headers: Self.json,
                                                body: #"{"space": "nope", "run": "p2"}"#)
            #expect(noSpace.status == .notFound)
            let badFolds = try await client.send("/api/v1/datasets/pets/probe-runs", method: .post, headers: Self.json,
                                                 body: #"{"space": "feat", "run": "p2", "folds": 1}"#)
            #expect(badFolds.status == .badRequest)
            #expect(try badFolds.error["field"] as? String == "$.folds")
        }
    }
}
