import Foundation
import LoupeCatalog
import HummingbirdTesting
import Testing

/// `POST /embedding-spaces/{space}/similar` on `voc-vectors`: the first 10 rows of voc100 with
/// vectors (i, 1, 2, 3).
@Suite("similar rows")
struct SimilarityEndpointTests {
    /// The space's vectors by row position, and the rows' keys in id order.
    static func vectors(_ client: any TestClientProtocol) async throws -> [(key: String, vector: [Double])] {
        let page = try await client.send("/api/v1/datasets/voc100/rows?limit=10").json
        let keys = try #require(page["rows"] as? [[String: Any]]).map { $0["key"] as! String }
        return keys.enumerated().map { ($1, [Double($0), 1, 2, 3]) }
    }

    static func post(_ client: any TestClientProtocol, _ body: String) async throws -> Reply {
        try await client.send("/api/v1/embedding-spaces/voc-vectors/similar", method: .post,
                              headers: [.contentType: "application/json"], body: body)
    }

    @Test("cosine, inner product and L2 rank the rows as a brute-force oracle does, with its scores; the query row is left out")
    func metrics() async throws {
        let workspace = try await ServerWorkspace.analysisVOC100.value
        try await withServer(workspace) { client in
            let rows = try await Self.vectors(client)
            let query = rows[4]
            func cosine(_ a: [Double], _ b: [Double]) -> Double {
                zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / (a.reduce(0) { $0 + $1 * $1 }.squareRoot() * b.reduce(0) { $0 + $1 * $1 }.squareRoot())
            }
            let oracles: [String: ([Double], [Double]) -> Double] = [
                "cosine": cosine,
                "inner_product": { a, b in zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } },
                "l2": { a, b in -zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } },
            ]
            for (metric, score) in oracles {
                let reply = try await Self.post(client, #"{"dataset": "voc100", "keys": ["\#(query.key)"], "k": 5, "metric": "\#(metric)"}"#)
                #expect(reply.status == .ok)
                let results = try #require(reply.json["results"] as? [[String: Any]])
                let expected = rows.filter { $0.key != query.key }
                    .map { ($0.key, score(query.vector, $0.vector)) }
                    .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : false }
                    .prefix(5)
                #expect(results.count == 5, "\(metric)")
                for (result, (key, value)) in zip(results, expected) {
                    #expect(abs((result["score"] as? Double ?? .nan) - value) < 1e-5, "\(metric): \(result) against \(key) \(value)")
                    #expect(result["dataset"] as? String == "voc100")
                }
                #expect(!results.contains { $0["key"] as? String == query.key })
            }
        }
    }

    @Test("a vector query, a filter, and the errors")
    func vectorFilterAndErrors() async throws {
        let workspace = try await ServerWorkspace.analysisVOC100.value
        try await withServer(workspace) { client in
            let rows = try await Self.vectors(client)
            // (9, 1, 2, 3) as L2 query: the nearest rows are 9, 8, 7.
            let nearest = try await Self.post(client, #"{"dataset": "voc100", "vector": [9, 1, 2, 3], "k": 3, "metric": "l2"}"#).json
            #expect((nearest["results"] as? [[String: Any]])?.map { $0["key"] as? String } == [rows[9].key, rows[8].key, rows[7].key])
            // Only rows other than the three nearest: the filter leaves them out.
            let excluded = rows[7...9].map { #""\#($0.key)""# }.joined(separator: ", ")
            let filtered = try await Self.post(client, #"{"dataset": "voc100", "vector": [9, 1, 2, 3], "k": 2, "metric": "l2", "filter": "not key in [\#(excluded.replacingOccurrences(of: "\"", with: "\\\""))]"}"#)
            #expect(filtered.status == .ok, "\(String(decoding: filtered.body, as: UTF8.self))")
            #expect((try filtered.json["results"] as? [[String: Any]])?.map { $0["key"] as? String } == [rows[6].key, rows[5].key])

            let short = try await Self.post(client, #"{"dataset": "voc100", "vector": [1, 2]}"#)
            #expect(try short.status == .badRequest && (short.error["message"] as? String)?.contains("dimension 4") == true)
            let empty = try await Self.post(client, #"{"dataset": "voc100"}"#)
            #expect(try empty.status == .badRequest && empty.error["field"] as? String == "$.keys")
            let noVector = try await Self.post(client, #"{"dataset": "voc100", "keys": ["\#(try await Self.keyWithoutVector(client))"]}"#)
            #expect(try noVector.status == .notFound && (noVector.error["message"] as? String)?.contains("has no vector") == true)
            let badFilter = try await Self.post(client, #"{"dataset": "voc100", "keys": ["\#(rows[0].key)"], "filter": "gt.count >"}"#)
            #expect(try badFilter.status == .badRequest && badFilter.error["field"] as? String == "filter")
            let unknown = try await client.send("/api/v1/embedding-spaces/nope/similar", method: .post, headers: [.contentType: "application/json"],
                                                body: #"{"dataset": "voc100", "vector": [1, 2, 3, 4]}"#)
            #expect(unknown.status == .notFound)
        }
    }

    @Test("a vector replaced while the server runs is searched with its new value")
    func replacedVector() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        try await workspace.addRunAnalysisData()
        try await withServer(workspace) { client in
            let rows = try await Self.vectors(client)
            let before = try await Self.post(client, #"{"dataset": "voc100", "vector": [9, 1, 2, 3], "k": 1, "metric": "l2"}"#).json
            #expect((before["results"] as? [[String: Any]])?.first?["key"] as? String == rows[9].key)
            let space = try #require(try await workspace.store.embeddingSpaces().first)
            let dataset = try #require(try await workspace.store.dataset(named: "voc100"))
            let first = try #require(try await workspace.store.row(datasetID: dataset.id, key: rows[0].key)?.id)
            try await workspace.store.upsertEmbeddings([Embedding(spaceID: space.id, rowID: first, vector: [20, 1, 2, 3])])
            let after = try await Self.post(client, #"{"dataset": "voc100", "vector": [20, 1, 2, 3], "k": 1, "metric": "l2"}"#).json
            let best = try #require((after["results"] as? [[String: Any]])?.first)
            #expect(best["key"] as? String == rows[0].key && best["score"] as? Double == 0)
        }
    }

    /// The 11th row's key (only the first 10 have vectors).
    static func keyWithoutVector(_ client: any TestClientProtocol) async throws -> String {
        let page = try await client.send("/api/v1/datasets/voc100/rows?limit=1&offset=10").json
        return try #require((page["rows"] as? [[String: Any]])?.first?["key"] as? String)
    }
}
