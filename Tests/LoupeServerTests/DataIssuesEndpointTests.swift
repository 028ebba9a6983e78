import Foundation
import HummingbirdTesting
import LoupeCatalog
import LoupeCore
import Testing

/// A dataset's stored data-issue reports over HTTP: computed by a job, listed, read worst first,
/// read as scores, and used by filters.
@Suite("data issues")
struct DataIssuesEndpointTests {
    @Test("POST queues a job whose report equals the finder's; the rows come worst first, flagged ones alone, and as columnar scores")
    func computeAndRead() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        _ = try await workspace.evaluateBaseline()
        try await workspace.addRunAnalysisData()
        let store = workspace.store
        let dataset = try #require(try await store.dataset(named: "voc100"))
        let space = try #require(try await store.embeddingSpaces().first { $0.name == "voc-vectors" })
        let expected = try await EmbeddingIssueFinder(store: store).find(.outlierLOF, space: space, dataset: dataset, k: 3)
        try await withServer(workspace) { client in
            let accepted = try await client.send("/api/v1/datasets/voc100/issues", method: .post, headers: [.contentType: "application/json"],
                                                 body: #"{"kind": "outlier_lof", "space": "voc-vectors", "k": 3}"#)
            #expect(accepted.status == .accepted)
            let job = try await client.finishedJob(try #require(try accepted.json["id"] as? Int))
            #expect(job["status"] as? String == "succeeded" && job["kind"] as? String == "data_issues", "\(job)")
            #expect((job["result"] as? [String: Any])?["kind"] as? String == "outlier_lof")

            let list = try await client.send("/api/v1/datasets/voc100/issues").json
            let reports = try #require(list["reports"] as? [[String: Any]])
            #expect(reports.map { $0["kind"] as? String } == ["outlier_knn", "outlier_lof"], "the fixture's and the new one, by kind")
            let lof = reports[1]
            #expect(lof["source"] as? String == "space voc-vectors" && lof["row_count"] as? Int == 10)
            #expect(abs((lof["dataset_score"] as? Double ?? -1) - expected.report.datasetScore) < 1e-12)
            #expect((lof["parameters"] as? [String: Any])?["k"] as? Int == 3)

            let page = try await client.send("/api/v1/datasets/voc100/issues/outlier_lof?limit=4&offset=2").json
            let rows = try #require(page["rows"] as? [[String: Any]])
            let order = expected.report.scores.indices.sorted {
                expected.report.scores[$0] != expected.report.scores[$1] ? expected.report.scores[$0] < expected.report.scores[$1]
                    : expected.keys[$0] < expected.keys[$1]
            }
            #expect(rows.map { $0["key"] as? String } == order[2..<6].map { expected.keys[$0] })
            #expect(page["total"] as? Int == 10 && page["offset"] as? Int == 2)
            for row in rows {
                let i = try #require(expected.keys.firstIndex(of: row["key"] as! String))
                #expect(abs((row["score"] as! Double) - expected.report.scores[i]) < 1e-12)
                #expect(row["flagged"] as? Bool == expected.report.flags[i])
            }
            let flagged = try await client.send("/api/v1/datasets/voc100/issues/outlier_lof?flagged=true&limit=1000").json
            #expect((flagged["rows"] as? [[String: Any]])?.count == expected.report.flags.filter { $0 }.count)
            #expect(flagged["total"] as? Int == expected.report.flags.filter { $0 }.count)

            let scores = try await client.send("/api/v1/datasets/voc100/issues/outlier_lof/scores").json
            let keys = try #require(scores["keys"] as? [String])
            let values = try #require(scores["scores"] as? [Double])
            #expect(Set(keys) == Set(expected.keys) && keys.count == values.count)
            for (key, value) in zip(keys, values) {
                #expect(abs(value - expected.report.scores[expected.keys.firstIndex(of: key)!]) < 1e-12)
            }

            // The rows endpoint's filter reads the stored scores.
            let low = try await client.send("/api/v1/datasets/voc100/rows?limit=100&filter=issue(%22outlier_lof%22)%20%3C%200.5").json
            let lowKeys = Set(try #require(low["rows"] as? [[String: Any]]).compactMap { $0["key"] as? String })
            #expect(lowKeys == Set(expected.keys.indices.filter { expected.report.scores[$0] < 0.5 }.map { expected.keys[$0] }))

            // A detection run's missing labels, from the run.
            let missing = try await client.send("/api/v1/datasets/voc100/issues", method: .post, headers: [.contentType: "application/json"],
                                                body: #"{"kind": "missing_label", "run": "voc-detector/baseline"}"#)
            let missingJob = try await client.finishedJob(try #require(try missing.json["id"] as? Int))
            #expect(missingJob["status"] as? String == "succeeded", "\(missingJob)")
            let missingReport = try await client.send("/api/v1/datasets/voc100/issues/missing_label?limit=1").json
            #expect((missingReport["report"] as? [String: Any])?["source"] as? String == "run voc-detector/baseline")
            #expect((missingReport["report"] as? [String: Any])?["row_count"] as? Int == 100)

            // The space's stored layouts.
            let layouts = try await client.send("/api/v1/embedding-spaces/voc-vectors/projections").json
            let listed = try #require(layouts["layouts"] as? [[String: Any]])
            #expect(listed.map { $0["method"] as? String } == ["pca"] && listed.first?["current"] as? Bool == true)
        }
    }

    /// POSTs a request body: its status, and the error's field for a 400.
    static func post(_ client: some TestClientProtocol, _ body: String) async throws -> String {
        let reply = try await client.send("/api/v1/datasets/voc100/issues", method: .post,
                                          headers: [.contentType: "application/json"], body: body)
        let field = reply.status.code == 400 ? try reply.error["field"] as? String : nil
        return "\(reply.status.code)" + (field.map { " " + $0 } ?? "")
    }

    @Test("refusals name the field: a kind without its source, an unknown kind, space or run, a report not stored, a bad flag")
    func refusals() async throws {
        let workspace = try await ServerWorkspace.analysisVOC100.value
        try await withServer(workspace) { client in
            var replies: [String] = []
            for body in [#"{"kind": "label_error"}"#, #"{"kind": "outlier_lof"}"#, #"{"kind": "outlier_lof", "space": "voc-vectors", "k": 0}"#,
                         #"{"kind": "outliers", "space": "voc-vectors"}"#, #"{"kind": "outlier_lof", "space": "nope"}"#,
                         #"{"kind": "label_error", "run": "nope"}"#] {
                replies.append(try await Self.post(client, body))
            }
            #expect(replies.prefix(3) == ["400 $.run", "400 $.space", "400 $.k"])
            #expect(replies[3].hasPrefix("400") && replies[4] == "404" && replies[5] == "404", "\(replies)")
            #expect(try await client.send("/api/v1/datasets/voc100/issues/near_duplicate").status == .notFound)
            #expect(try await client.send("/api/v1/datasets/voc100/issues/outliers").status == .badRequest)
            #expect(try await client.send("/api/v1/datasets/voc100/issues/outlier_knn?flagged=maybe").status == .badRequest)
            #expect(try await client.send("/api/v1/datasets/nope/issues").status == .notFound)
        }
    }
}
