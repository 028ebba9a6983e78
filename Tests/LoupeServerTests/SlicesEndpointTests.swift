import Foundation
import LoupeCatalog
import Testing

@Suite("slices endpoints")
struct SlicesEndpointTests {
    @Test("PUT creates (201) and replaces (200), GET reads with the row count, DELETE removes (204)")
    func crud() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        let dataset = try #require(try await workspace.store.dataset(named: "voc100"))
        let crowded = try await workspace.store.queryRows(datasetID: dataset.id, filter: try FilterParser.parse("gt.count >= 4"),
                                                         sort: [], limit: 0, offset: 0).count
        try await withServer(workspace) { client in
            #expect((try await client.send("/api/v1/datasets/voc100/slices").json["slices"] as? [Any])?.isEmpty == true)

            let created = try await client.send("/api/v1/datasets/voc100/slices/crowded", method: .put, body: #"{"filter": "gt.count >= 4"}"#)
            #expect(created.status == .created)
            #expect(try created.json["rows"] as? Int == crowded)
            #expect(try created.json["filter"] as? String == "gt.count >= 4")

            let replaced = try await client.send("/api/v1/datasets/voc100/slices/crowded", method: .put, body: #"{"filter": "gt.count >= 1"}"#)
            #expect(replaced.status == .ok)
            #expect(try replaced.json["rows"] as? Int == 100)

            let spaced = try await client.send("/api/v1/datasets/voc100/slices/night%20shots", method: .put,
                                               body: #"{"filter": "gt.class = \"person\""}"#)
            #expect(spaced.status == .created)
            #expect(try spaced.json["name"] as? String == "night shots")

            let list = try #require(try await client.send("/api/v1/datasets/voc100/slices").json["slices"] as? [[String: Any]])
            #expect(list.map { $0["name"] as? String } == ["crowded", "night shots"])
            #expect(list.first?["filter"] as? String == "gt.count >= 1")

            let one = try await client.send("/api/v1/datasets/voc100/slices/crowded")
            #expect(one.status == .ok)
            #expect(try one.json["rows"] as? Int == 100)

            #expect(try await client.send("/api/v1/datasets/voc100/slices/crowded", method: .delete).status == .noContent)
            let gone = try await client.send("/api/v1/datasets/voc100/slices/crowded")
            #expect(gone.status == .notFound)
            #expect(try gone.error["message"] as? String == "dataset 'voc100' has no slice 'crowded'")
            #expect(try await client.send("/api/v1/datasets/voc100/slices/crowded", method: .delete).status == .notFound)
            #expect(try await client.send("/api/v1/datasets/nope/slices/x", method: .put, body: #"{"filter": "key = \"a\""}"#).status == .notFound)
        }
        #expect(try await workspace.store.slices(datasetID: dataset.id).map(\.name) == ["night shots"])
    }

    @Test("a slice whose filter does not parse or names unknown things is refused and not saved")
    func invalid() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        try await withServer(workspace) { client in
            let syntax = try await client.send("/api/v1/datasets/voc100/slices/bad", method: .put, body: #"{"filter": "gt.count >= "}"#)
            #expect(syntax.status == .badRequest)
            let error = try syntax.error
            #expect(error["code"] as? String == "invalid_filter" && error["field"] as? String == "filter")
            #expect(error["position"] as? Int == 12)

            let unknown = try await client.send("/api/v1/datasets/voc100/slices/bad", method: .put, body: #"{"filter": "run(\"nope\").fp > 1"}"#)
            #expect(unknown.status == .badRequest)
            #expect(try unknown.error["code"] as? String == "invalid_filter")
            #expect(try await client.send("/api/v1/datasets/voc100/slices/bad").status == .notFound)
        }
    }

    @Test("GET …/slices/{name}/metrics: a run's metrics on the slice from its stored evaluation, equal to StoredSliceMetrics; bad parameters are 400, unknown names 404")
    func metrics() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        let evaluation = try await workspace.evaluateBaseline()
        let dataset = try #require(try await workspace.store.dataset(named: "voc100"))
        _ = try await workspace.store.saveSlice(datasetID: dataset.id, name: "crowded", filter: "gt.count >= 4", replace: false)
        let expected = try await StoredSliceMetrics(store: workspace.store).metrics(
            of: evaluation, dataset: dataset, filter: try FilterParser.parse("gt.count >= 4"), resamples: 50, seed: 3)
        try await withServer(workspace) { client in
            let response = try await client.send("/api/v1/datasets/voc100/slices/crowded/metrics?run=baseline&resamples=50&seed=3")
            #expect(response.status == .ok)
            let json = try response.json
            #expect(json["rows"] as? Int == expected.rows && json["rows"] as? Int == 23)
            #expect(json["run"] as? String == "baseline" && json["key"] as? String == "default" && json["resamples"] as? Int == 50)
            let summary = try #require(json["summary"] as? [[String: Any]])
            #expect(summary.count == expected.summary.count)
            for (served, metric) in zip(summary, expected.summary) {
                #expect(served["name"] as? String == metric.name && served["support"] as? Int == metric.support)
                func close(_ served: Any?, _ expected: Double?) -> Bool {
                    guard let expected else { return served == nil }
                    return abs((served as? Double ?? .nan) - expected) <= 1e-12
                }
                #expect(close(served["value"], metric.value) && close(served["lower"], metric.lower) && close(served["upper"], metric.upper),
                        "\(metric.name): \(served) vs \(metric)")
            }
            #expect((json["per_class"] as? [[String: Any]])?.count == 20)

            #expect(try await client.send("/api/v1/datasets/voc100/slices/crowded/metrics").status == .badRequest)
            #expect(try await client.send("/api/v1/datasets/voc100/slices/crowded/metrics?run=baseline&resamples=-1").status == .badRequest)
            #expect(try await client.send("/api/v1/datasets/voc100/slices/crowded/metrics?run=nope").status == .notFound)
            #expect(try await client.send("/api/v1/datasets/voc100/slices/crowded/metrics?run=baseline&key=strict").status == .notFound)
            #expect(try await client.send("/api/v1/datasets/voc100/slices/none/metrics?run=baseline").status == .notFound)
        }
    }
}

