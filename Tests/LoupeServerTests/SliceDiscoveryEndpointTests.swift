import Foundation
import HummingbirdTesting
import LoupeCatalog
import LoupeCore
import Testing

/// Slice discovery over HTTP: the library's answer, each slice's filter selecting its row count.
@Suite("slice discovery")
struct SliceDiscoveryEndpointTests {
    @Test("voc100's baseline: the slices and q-values of RunSliceDiscovery; each slice's filter selects exactly its rows; refusals")
    func discovery() async throws {
        let workspace = try await ServerWorkspace.analysisVOC100.value
        let store = workspace.store
        let run = try #require(try await store.runs(matching: "voc-detector/baseline").first?.1)
        let evaluation = try #require(try await store.evaluation(runID: run.id, key: "default"))
        let expected = try await RunSliceDiscovery.discover(store: store, dataset: "voc100", evaluation: evaluation, metric: .errors,
                                                            minimumSize: 10, level: 0.2)
        #expect(expected.found.contains { $0.filter != nil }, "voc100's baseline has slices a filter describes at q < 0.2")
        try await withServer(workspace) { client in
            let answer = try await client.send("/api/v1/runs/baseline/slice-discovery?min_size=10&level=0.2").json
            #expect(answer["metric"] as? String == "errors" && answer["higher_is_better"] as? Bool == false)
            #expect(answer["tested"] as? Int == expected.tested)
            let slices = try #require(answer["slices"] as? [[String: Any]])
            #expect(slices.map { $0["name"] as? String } == expected.found.map(\.name))
            for (slice, found) in zip(slices, expected.found) {
                #expect(abs((slice["q_value"] as? Double ?? -1) - found.qValue) < 1e-12)
                #expect(slice["rows"] as? Int == found.comparison.size)
                guard let filter = slice["filter"] as? String else { continue }
                let encoded = filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let count = try await client.send("/api/v1/datasets/voc100/rows?limit=1&filter=\(encoded)").json["count"] as? Int
                #expect(count == found.comparison.size, "\(filter)")
            }
            #expect(try await client.send("/api/v1/runs/baseline/slice-discovery?metric=recall").status == .badRequest)
            #expect(try await client.send("/api/v1/runs/baseline/slice-discovery?level=1.5").status == .badRequest)
            #expect(try await client.send("/api/v1/runs/baseline/slice-discovery?space=nope").status == .notFound)
            #expect(try await client.send("/api/v1/runs/nope/slice-discovery").status == .notFound)
        }
    }
}
