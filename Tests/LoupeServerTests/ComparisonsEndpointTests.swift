import Foundation
import LoupeCatalog
import Testing

@Suite("comparison endpoint")
struct ComparisonsEndpointTests {
    @Test("GET /datasets/{dataset}/compare equals RunComparator's comparison, on all rows and on a slice; bad parameters are 400, unknown names 404")
    func compare() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        _ = try await workspace.evaluateBaseline()
        let dataset = try #require(try await workspace.store.dataset(named: "voc100"))
        _ = try await workspace.store.saveSlice(datasetID: dataset.id, name: "crowded", filter: "gt.count >= 4", replace: false)
        let model = try #require(try await workspace.store.models().first)
        let run = try #require(try await workspace.store.runs(modelID: model.id).first)
        let expected = try await RunComparator(store: workspace.store).compare(
            a: (model, run), b: (model, run), dataset: "voc100", options: RunEvaluationOptions(key: "compare", resamples: 30, seed: 2))
        try await withServer(workspace) { client in
            let response = try await client.send("/api/v1/datasets/voc100/compare?a=baseline&b=voc-detector%2Fbaseline&resamples=30&seed=2")
            #expect(response.status == .ok)
            let json = try response.json
            #expect(json["kind"] as? String == "detection" && json["rows"] as? Int == expected.rows && json["rows"] as? Int == 100)
            let metrics = try #require(json["metrics"] as? [[String: Any]])
            #expect(metrics.map { $0["name"] as? String } == expected.metrics.map(\.name))
            // A run against itself: every difference is 0, and no verdict says better or worse.
            #expect(metrics.allSatisfy { ($0["difference"] as? Double).map { $0 == 0 } ?? true })
            #expect(metrics.allSatisfy { ($0["verdict"] as? String).map { $0 == "not_significant" } ?? true })
            #expect(json["rows_unchanged"] as? Int == 100 && (json["changes"] as? [Any])?.isEmpty == true)

            let sliced = try await client.send("/api/v1/datasets/voc100/compare?a=baseline&b=baseline&slice=crowded&resamples=10")
            #expect(sliced.status == .ok)
            #expect(try sliced.json["rows"] as? Int == 23)

            #expect(try await client.send("/api/v1/datasets/voc100/compare?a=baseline").status == .badRequest)
            #expect(try await client.send("/api/v1/datasets/voc100/compare?a=baseline&b=baseline&iou_type=keypoints").status == .badRequest)
            #expect(try await client.send("/api/v1/datasets/voc100/compare?a=baseline&b=nope").status == .notFound)
            #expect(try await client.send("/api/v1/datasets/voc100/compare?a=baseline&b=baseline&slice=none").status == .notFound)
        }
    }
}
