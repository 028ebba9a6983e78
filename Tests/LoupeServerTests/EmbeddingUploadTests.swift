import Foundation
import LoupeCatalog
import LoupeCore
import HTTPTypes
import Testing

/// `POST /datasets/{dataset}/imports?format=embeddings`: vectors as JSON Lines, in a job.
@Suite("embedding uploads")
struct EmbeddingUploadTests {
    /// A vector for each key: seeded values, written as JSON Lines with the shortest float text.
    static func lines(keys: [String], dimension: Int, seed: UInt64) -> (text: String, vectors: [String: [Float]]) {
        var random = SplitMix64(seed: seed)
        var vectors: [String: [Float]] = [:]
        var text = ""
        for key in keys {
            let vector = (0..<dimension).map { _ in Float(random.nextUnitInterval() * 2 - 1) }
            vectors[key] = vector
            text += "{\"key\": \"\(key)\", \"vector\": [\(vector.map { "\($0)" }.joined(separator: ","))]}\n"
        }
        return (text, vectors)
    }

    @Test("vectors for every voc100 row land in a new space with the run as its source, exactly as sent")
    func upload() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        let dataset = try #require(try await workspace.store.dataset(named: "voc100"))
        let rows = try await workspace.store.rows(datasetID: dataset.id, page: PageRequest(limit: 1000)).items
        let (text, vectors) = Self.lines(keys: rows.map(\.key), dimension: 16, seed: 7)
        let job = try await withServer(workspace) { client in
            let accepted = try await JobsEndpointTests.post(
                client, "/api/v1/datasets/voc100/imports?format=embeddings&space=voc-feat&model=voc-detector&run=baseline&filename=feat.jsonl",
                data: Data(text.utf8))
            #expect(accepted.status == .accepted)
            let parameters = try #require(try accepted.json["parameters"] as? [String: Any])
            #expect(parameters["space"] as? String == "voc-feat" && parameters["run"] as? String == "baseline")
            let ended = try await JobsEndpointTests.waitForEnd(client, job: try #require(try accepted.json["id"] as? Int))
            let space = try await client.send("/api/v1/embedding-spaces/voc-feat").json
            #expect(space["dimension"] as? Int == 16 && space["vectors"] as? Int == 100)
            #expect(space["source_run"] as? String == "voc-detector/baseline")
            return ended
        }.json
        #expect(job["status"] as? String == "succeeded", "\(job)")
        let result = try #require(job["result"] as? [String: Any])
        #expect(result["embeddings"] as? Int == 100 && result["predictions"] as? Int == 0)
        #expect((result["evaluations"] as? [Any])?.isEmpty == true)

        let space = try #require(try await workspace.store.embeddingSpaces().first { $0.name == "voc-feat" })
        let stored = try await workspace.store.embeddings(spaceID: space.id, page: PageRequest(limit: 1000)).items
        let keyByID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.key) })
        #expect(stored.count == 100)
        #expect(stored.allSatisfy { vectors[keyByID[$0.rowID]!] == $0.vector })
    }

    @Test("bad uploads: no space, space elsewhere, no dataset, no run, .npy; bad lines and unknown keys fail the job by name")
    func refusals() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        let body = Data(#"{"key": "000001", "vector": [1, 2]}"#.utf8)
        try await withServer(workspace) { client in
            func refused(_ query: String, _ field: String?, _ message: String, status: HTTPResponse.Status = .badRequest,
                         sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
                let reply = try await JobsEndpointTests.post(client, "/api/v1/datasets/\(query)", data: body)
                #expect(reply.status == status, sourceLocation: sourceLocation)
                #expect(try reply.error["field"] as? String == field, sourceLocation: sourceLocation)
                #expect(try reply.error["message"] as? String == message, sourceLocation: sourceLocation)
            }
            try await refused("voc100/imports?format=embeddings", "space", "format embeddings needs space: the embedding space the vectors belong to")
            try await refused("voc100/imports?format=coco&space=s", "space", "space applies to format embeddings only")
            try await refused("voc100/imports?format=embeddings&space=s&predictions=true&model=m&run=r", "predictions",
                              "format embeddings holds vectors, not predictions")
            try await refused("nope/imports?format=embeddings&space=s", nil, "no dataset 'nope'", status: .notFound)
            try await refused("voc100/imports?format=embeddings&space=s&model=voc-detector&run=nope", nil, "no run 'voc-detector/nope'", status: .notFound)
            let npy = try await JobsEndpointTests.post(client, "/api/v1/datasets/voc100/imports?format=npy", data: body)
            #expect(try (npy.error["message"] as? String)?.contains("format=embeddings") == true)

            for (text, fragment) in [
                (#"{"key": "000001", "vector": [1, 2]}"# + "\n" + #"{"key": "000002", "vector": [1]}"#,
                 "vectors.jsonl: line 2, $.vector: expected 2 values as on line 1, found 1"),
                (#"{"key": "no-such-row", "vector": [1, 2]}"#, "refers to row 'no-such-row', which is neither in the file nor in dataset 'voc100'"),
            ] {
                let accepted = try await JobsEndpointTests.post(client, "/api/v1/datasets/voc100/imports?format=embeddings&space=s&filename=vectors.jsonl",
                                                                data: Data(text.utf8))
                let job = try await JobsEndpointTests.waitForEnd(client, job: try #require(try accepted.json["id"] as? Int)).json
                #expect(job["status"] as? String == "failed")
                let error = try #require(job["error"] as? String)
                #expect(error.contains(fragment) && error.hasPrefix("vectors.jsonl: "), "\(error)")
                #expect(!error.contains("loupe-upload-"), "the temporary path leaked: \(error)")
            }
        }
        #expect(try await workspace.store.embeddingSpaces().isEmpty)
    }
}
