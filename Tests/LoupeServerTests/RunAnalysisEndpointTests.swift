import Foundation
import LoupeCatalog
import Testing

@Suite("a run's snapshot and custom metrics, and the embedding spaces")
struct RunAnalysisEndpointTests {
    @Test("GET /runs/{run}/snapshot pages the 100 rows in row order with their splits; a foreign cursor is refused")
    func snapshot() async throws {
        let workspace = try await ServerWorkspace.analysisVOC100.value
        let dataset = try #require(try await workspace.store.dataset(named: "voc100"))
        let keys = try await Page.all { try await workspace.store.rows(datasetID: dataset.id, page: $0) }.map(\.key)
        try await withServer(workspace) { client in
            var rows: [[String: Any]] = []
            var cursor: String?
            var pages = 0
            repeat {
                let body = try await client.send("/api/v1/runs/baseline/snapshot?limit=30" + (cursor.map { "&cursor=\($0)" } ?? "")).json
                #expect(body["run"] as? String == "voc-detector/baseline" && body["dataset"] as? String == "voc100")
                rows += try #require(body["rows"] as? [[String: Any]])
                cursor = body["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 4)
            #expect(rows.map { $0["key"] as? String } == keys)
            #expect(rows.map { $0["split"] as? String } == Array(repeating: "train", count: 60) + Array(repeating: "test", count: 40))
            #expect(rows.allSatisfy { $0["label_version"] as? Int == 1 })
            let first = try await client.send("/api/v1/runs/baseline/snapshot?limit=30").json
            let foreign = try await client.send("/api/v1/runs/baseline/evaluations/default/rows?cursor=\(first["next_cursor"] as! String)")
            #expect(try foreign.status == .badRequest && (foreign.error["field"] as? String) == "cursor")
            let badLimit = try await client.send("/api/v1/runs/baseline/snapshot?limit=0")
            #expect(try badLimit.status == .badRequest && (badLimit.error["field"] as? String) == "limit")
            #expect(try await client.send("/api/v1/runs/nope/snapshot").status == .notFound)
        }
        // A run without a snapshot: an empty page, no dataset.
        try await withServer(try await ServerWorkspace.sharedVOC100.value) { client in
            let body = try await client.send("/api/v1/runs/baseline/snapshot").json
            #expect((body["rows"] as? [Any])?.isEmpty == true && body["dataset"] == nil && body["next_cursor"] is NSNull)
        }
    }

    @Test("GET /runs/{run}/metrics lists run and class values and per-row metric counts; /metrics/{name} pages the values by key")
    func metrics() async throws {
        let workspace = try await ServerWorkspace.analysisVOC100.value
        let dataset = try #require(try await workspace.store.dataset(named: "voc100"))
        let rows = try await Page.all { try await workspace.store.rows(datasetID: dataset.id, page: $0) }
        let expected = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.key, Double($0) / 100) })
        try await withServer(workspace) { client in
            let body = try await client.send("/api/v1/runs/baseline/metrics").json
            let metrics = try #require(body["metrics"] as? [[String: Any]])
            #expect(metrics.count == 2)
            #expect(metrics.contains { $0["name"] as? String == "latency_ms" && $0["scope"] as? String == "run" && $0["value"] as? Double == 12.5 })
            #expect(metrics.contains { $0["name"] as? String == "f2" && $0["class_name"] as? String == "person" && $0["value"] as? Double == 0.8 })
            let rowMetrics = try #require(body["row_metrics"] as? [[String: Any]])
            #expect(rowMetrics.count == 1 && rowMetrics[0]["name"] as? String == "loss" && rowMetrics[0]["rows"] as? Int == 100)
            var values: [(String, Double)] = []
            var cursor: String?
            repeat {
                let page = try await client.send("/api/v1/runs/voc-detector%2Fbaseline/metrics/loss?limit=40" + (cursor.map { "&cursor=\($0)" } ?? "")).json
                #expect(page["count"] as? Int == 100 && page["dataset"] as? String == "voc100")
                values += try #require(page["rows"] as? [[String: Any]]).map { ($0["key"] as! String, $0["value"] as! Double) }
                cursor = page["next_cursor"] as? String
            } while cursor != nil && values.count < 200
            #expect(values.map(\.0) == expected.keys.sorted())
            #expect(values.allSatisfy { expected[$0.0] == $0.1 })
            let unknown = try await client.send("/api/v1/runs/baseline/metrics/nope")
            #expect(try unknown.status == .notFound && (unknown.error["message"] as? String) == "run 'baseline' has no per-row metric 'nope'")
            #expect(try await client.send("/api/v1/runs/nope/metrics").status == .notFound)
            let badCursor = try await client.send("/api/v1/runs/baseline/metrics/loss?cursor=xyz")
            #expect(try badCursor.status == .badRequest && (badCursor.error["field"] as? String) == "cursor")
        }
    }

    @Test("GET /embedding-spaces and /embedding-spaces/{space}: dimension, source run and vector count")
    func embeddingSpaces() async throws {
        let workspace = try await ServerWorkspace.analysisVOC100.value
        try await withServer(workspace) { client in
            let list = try #require(try await client.send("/api/v1/embedding-spaces").json["embedding_spaces"] as? [[String: Any]])
            #expect(list.count == 1)
            let space = try await client.send("/api/v1/embedding-spaces/voc-vectors").json
            for view in [list[0], space] {
                #expect(view["name"] as? String == "voc-vectors" && view["dimension"] as? Int == 4)
                #expect(view["source_run"] as? String == "voc-detector/baseline" && view["vectors"] as? Int == 10)
            }
            let missing = try await client.send("/api/v1/embedding-spaces/nope")
            #expect(try missing.status == .notFound && (missing.error["message"] as? String) == "no embedding space 'nope'")
        }
        try await withServer(try await ServerWorkspace.sharedVOC100.value) { client in
            let spaces = try await client.send("/api/v1/embedding-spaces").json["embedding_spaces"] as? [Any]
            #expect(spaces?.isEmpty == true)
        }
    }
}
