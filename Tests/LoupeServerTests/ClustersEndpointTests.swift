import Foundation
import HummingbirdTesting
import LoupeCatalog
import LoupeCore
import Testing

/// A space's k-means clusters over HTTP: the analysis of the library, with a run's metric.
@Suite("clusters")
struct ClustersEndpointTests {
    @Test("voc-vectors with baseline: the clusters, sizes, metrics and intervals of ClusterAnalysis; refusals")
    func clusters() async throws {
        let workspace = try await ServerWorkspace.analysisVOC100.value
        let store = workspace.store
        let space = try #require(try await store.embeddingSpaces().first { $0.name == "voc-vectors" })
        let dataset = try #require(try await store.dataset(named: "voc100"))
        let run = try #require(try await store.runs(matching: "voc-detector/baseline").first?.1)
        let expected = try await ClusterAnalysis(store: store).analyze(space: space, dataset: dataset, k: 3, metric: .l2, seed: 2,
                                                                       run: run, evaluationKey: "default", resamples: 200)
        try await withServer(workspace) { client in
            let answer = try await client.send(
                "/api/v1/embedding-spaces/voc-vectors/clusters?dataset=voc100&k=3&metric=l2&seed=2&run=baseline&resamples=200&keys=100").json
            #expect(answer["k"] as? Int == 3 && answer["metric"] as? String == expected.metricName)
            #expect(abs((answer["inertia"] as? Double ?? -1) - expected.inertia) < 1e-9)
            let clusters = try #require(answer["clusters"] as? [[String: Any]])
            #expect(clusters.map { $0["keys"] as? [String] ?? [] } == expected.clusters.map(\.keys))
            #expect(clusters.map { $0["size"] as? Int } == expected.clusters.map(\.keys.count))
            #expect(clusters.map { $0["significantly_worse"] as? Bool } == expected.clusters.map(\.isSignificantlyWorse))
            for (cluster, analysed) in zip(clusters, expected.clusters) {
                let metric = try #require(cluster["metric"] as? [String: Any])
                #expect(abs((metric["value"] as? Double ?? -1) - (analysed.metric?.value ?? -2)) < 1e-12)
            }
            #expect(clusters.reduce(0) { $0 + ($1["size"] as? Int ?? 0) } == 10, "the fixture's 10 vectors")
            #expect(try await client.send("/api/v1/embedding-spaces/voc-vectors/clusters").status == .badRequest)
            #expect(try await client.send("/api/v1/embedding-spaces/voc-vectors/clusters?dataset=voc100&k=1").status == .badRequest)
            #expect(try await client.send("/api/v1/embedding-spaces/voc-vectors/clusters?dataset=voc100&metric=inner_product").status == .badRequest)
            #expect(try await client.send("/api/v1/embedding-spaces/nope/clusters?dataset=voc100").status == .notFound)
            #expect(try await client.send("/api/v1/embedding-spaces/voc-vectors/clusters?dataset=voc100&run=nope").status == .notFound)
        }
    }
}
