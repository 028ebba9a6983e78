import Foundation
import HummingbirdTesting
import LoupeCatalog
import Testing

/// A space's 2-D layouts over HTTP: computed by a job, read with the dataset's points.
@Suite("projections")
struct ProjectionsEndpointTests {
    @Test("POST queues a UMAP job; its layout is read back for the dataset's rows, current until a vector changes")
    func umapJob() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        try await workspace.addRunAnalysisData()
        try await withServer(workspace) { client in
            let accepted = try await client.send("/api/v1/embedding-spaces/voc-vectors/projections", method: .post,
                                                 headers: [.contentType: "application/json"],
                                                 body: #"{"method": "umap", "neighbors": 3, "epochs": 50, "seed": 3}"#)
            #expect(accepted.status == .accepted)
            let id = try #require(try accepted.json["id"] as? Int)
            let job = try await client.finishedJob(id)
            #expect(job["status"] as? String == "succeeded", "\(job)")
            #expect(job["kind"] as? String == "projection")
            let layout = try await client.send("/api/v1/embedding-spaces/voc-vectors/projections/umap?dataset=voc100").json
            let points = try #require(layout["points"] as? [[String: Any]])
            let rows = try #require(try await client.send("/api/v1/datasets/voc100/rows?limit=10").json["rows"] as? [[String: Any]])
            #expect(points.map { $0["key"] as? String } == rows.map { $0["key"] as? String })
            #expect(points.allSatisfy { ($0["x"] as? Double)?.isFinite == true && ($0["y"] as? Double)?.isFinite == true })
            #expect(layout["current"] as? Bool == true)
            // Each point carries its row's split and most frequent ground-truth class.
            for point in points {
                let detail = try await client.send("/api/v1/datasets/voc100/rows/\(point["key"] as! String)").json
                let classes = try #require((detail["annotations"] as? [[String: Any]])?.compactMap { $0["class_name"] as? String })
                let counts = Dictionary(classes.map { ($0, 1) }, uniquingKeysWith: +)
                #expect(counts[point["label"] as? String ?? ""] == counts.values.max(), "\(point)")
            }
            #expect((layout["parameters"] as? [String: Any])?["seed"] as? Int == 3)

            // The PCA layout: points on the first component only (the vectors differ in one coordinate).
            let pca = try await client.send("/api/v1/embedding-spaces/voc-vectors/projections/pca?dataset=voc100").json
            let xs = try #require(pca["points"] as? [[String: Any]]).map { $0["x"] as! Double }
            #expect(xs.count == 10 && Set(xs.map { ($0 * 1e6).rounded() }).count == 10)

            // A changed vector makes both layouts stale.
            let space = try #require(try await workspace.store.embeddingSpaces().first)
            let dataset = try #require(try await workspace.store.dataset(named: "voc100"))
            let firstRow = try #require(try await workspace.store.rows(datasetID: dataset.id, page: PageRequest(limit: 1)).items.first?.id)
            try await workspace.store.upsertEmbeddings([Embedding(spaceID: space.id, rowID: firstRow, vector: [5, 5, 5, 5])])
            let stale = try await client.send("/api/v1/embedding-spaces/voc-vectors/projections/umap?dataset=voc100").json
            #expect(stale["current"] as? Bool == false)
        }
    }

    @Test("refusals: an unknown method, a missing layout, a bad parameter, a missing dataset")
    func refusals() async throws {
        let workspace = try await ServerWorkspace.analysisVOC100.value
        try await withServer(workspace) { client in
            for body in [#"{"method": "tsne"}"#, #"{"method": "umap", "neighbors": 1}"#, #"{"method": "umap", "metric": "inner_product"}"#] {
                let reply = try await client.send("/api/v1/embedding-spaces/voc-vectors/projections", method: .post,
                                                  headers: [.contentType: "application/json"], body: body)
                #expect(reply.status == .badRequest, "\(body)")
            }
            #expect(try await client.send("/api/v1/embedding-spaces/voc-vectors/projections/umap?dataset=voc100").status == .notFound)
            #expect(try await client.send("/api/v1/embedding-spaces/voc-vectors/projections/pca").status == .badRequest)
            #expect(try await client.send("/api/v1/embedding-spaces/voc-vectors/projections/tsne?dataset=voc100").status == .badRequest)
        }
    }
}
