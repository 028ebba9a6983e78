import Foundation
import LoupeCore
import Testing

/// `loupe similar` on the MiniLM reference vectors: its scores are the reference cosine matrix.
@Suite("loupe similar")
struct SimilarCommandTests {
    /// A workspace with the 21 reference texts as rows `t0…t20` of dataset `sts` and their
    /// vectors in space `minilm`; the texts of `t8…` get split `test`.
    static func workspace(in folder: TemporaryFolder) throws -> (String, [[Double]]) {
        let workspace = folder.path("w.sqlite")
        let reference = LoupeProcess.sharedData.appendingPathComponent("minilm-reference/minilm_reference.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: reference)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        let lines = items.indices.map { index in
            String(decoding: try! JSONSerialization.data(withJSONObject: [
                "key": "t\(index)", "text": items[index]["text"] as! String, "split": index < 8 ? "train" : "test",
            ], options: [.sortedKeys]), as: UTF8.self)
        }
        let rows = try folder.write("texts.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try LoupeProcess.run(["import", "jsonl", "--workspace", workspace, "--dataset", "sts", rows]).status == 0)
        let vectors = items.indices.map { index in
            String(decoding: try! JSONSerialization.data(withJSONObject: ["key": "t\(index)", "vector": items[index]["embedding"]!]), as: UTF8.self)
        }
        let file = try folder.write("v.jsonl", vectors.joined(separator: "\n") + "\n")
        let imported = try LoupeProcess.run(["import", "embeddings", "--workspace", workspace, "--dataset", "sts", "--space", "minilm", "--vectors", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        return (workspace, try #require(json["cosine_first8"] as? [[Double]]))
    }

    @Test("each of the first 8 sentences finds the others in the order and with the cosines of the reference matrix")
    func referenceCosines() throws {
        let folder = try TemporaryFolder()
        let (workspace, cosines) = try Self.workspace(in: folder)
        for query in 0..<8 {
            let report = try LoupeProcess.json(["similar", "--workspace", workspace, "--dataset", "sts", "--space", "minilm",
                                                "--key", "t\(query)", "--k", "7", "--filter", #"split = "train""#])
            let results = try #require(report["results"] as? [[String: Any]])
            let expected = (0..<8).filter { $0 != query }.sorted { cosines[query][$0] > cosines[query][$1] }
            #expect(results.map { $0["key"] as? String } == expected.map { "t\($0)" }, "query t\(query)")
            for (result, other) in zip(results, expected) {
                #expect(abs((result["score"] as? Double ?? 9) - cosines[query][other]) < 2e-6, "t\(query) · t\(other)")
            }
        }
        // The classic pair: "A man is eating food." finds "A man is eating a piece of bread." first.
        let top = try LoupeProcess.json(["similar", "--workspace", workspace, "--dataset", "sts", "--space", "minilm", "--key", "t0", "--k", "1"])
        #expect((top["results"] as? [[String: Any]])?.first?["key"] as? String == "t1")
        // The index was kept beside the workspace and serves the next call.
        #expect(FileManager.default.fileExists(atPath: workspace + ".indexes/space-1-cosine.index"))
        // A replaced vector replaces the indexed one (the kept index catches up): t2 takes t0's vector.
        let reference = LoupeProcess.sharedData.appendingPathComponent("minilm-reference/minilm_reference.json")
        let items = (try JSONSerialization.jsonObject(with: Data(contentsOf: reference)) as! [String: Any])["items"] as! [[String: Any]]
        let line = String(decoding: try JSONSerialization.data(withJSONObject: ["key": "t2", "vector": items[0]["embedding"]!]), as: UTF8.self)
        let file = try folder.write("replace.jsonl", line + "\n")
        #expect(try LoupeProcess.run(["import", "embeddings", "--workspace", workspace, "--dataset", "sts", "--space", "minilm", "--vectors", file]).status == 0)
        let replaced = try LoupeProcess.json(["similar", "--workspace", workspace, "--dataset", "sts", "--space", "minilm", "--key", "t0", "--k", "1"])
        let best = try #require((replaced["results"] as? [[String: Any]])?.first)
        #expect(best["key"] as? String == "t2" && abs((best["score"] as? Double ?? 0) - 1) < 1e-5, "\(best)")
    }

    @Test("negatives steer away; a vector query; inner product and L2 agree with cosine on unit vectors")
    func queriesAndMetrics() throws {
        let folder = try TemporaryFolder()
        let (workspace, cosines) = try Self.workspace(in: folder)
        func keys(_ arguments: [String]) throws -> [String] {
            let report = try LoupeProcess.json(["similar", "--workspace", workspace, "--dataset", "sts", "--space", "minilm"] + arguments)
            return (report["results"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        }
        let train = ["--filter", #"split = "train""#]
        let plain = try keys(["--key", "t3", "--k", "6"] + train)
        #expect(try keys(["--key", "t3", "--k", "6", "--metric", "inner_product"] + train) == plain)
        #expect(try keys(["--key", "t3", "--k", "6", "--metric", "l2"] + train) == plain)
        // Riding a horse, minus riding a white horse in an enclosure: the enclosure sentence drops.
        let steered = try keys(["--key", "t3", "--negative", "t6", "--k", "6"] + train)
        #expect(!steered.contains("t6") && !steered.contains("t3") && steered.count == 6)
        // The stored vector of t0 as a query vector finds t0 itself first (it is not a query row then).
        let reference = LoupeProcess.sharedData.appendingPathComponent("minilm-reference/minilm_reference.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: reference)) as! [String: Any]
        let vector = ((json["items"] as! [[String: Any]])[0]["embedding"] as! [Double]).map { String($0) }.joined(separator: ",")
        #expect(try keys(["--vector", vector, "--k", "2"] + train) == ["t0", "t1"])
        #expect(cosines[0][1] > 0.75)
    }

    @Test("errors: an unknown space, key or row without a vector; a vector of the wrong length")
    func errors() throws {
        let folder = try TemporaryFolder()
        let (workspace, _) = try Self.workspace(in: folder)
        let base = ["similar", "--workspace", workspace, "--dataset", "sts"]
        let space = try LoupeProcess.run(base + ["--space", "nope", "--key", "t0"])
        #expect(space.status != 0 && space.stderr.contains("no embedding space 'nope'"), "\(space.stderr)")
        let key = try LoupeProcess.run(base + ["--space", "minilm", "--key", "missing"])
        #expect(key.status != 0 && key.stderr.contains("no row 'missing'"), "\(key.stderr)")
        let short = try LoupeProcess.run(base + ["--space", "minilm", "--vector", "1,2,3"])
        #expect(short.status != 0 && short.stderr.contains("dimension 384"), "\(short.stderr)")
        let none = try LoupeProcess.run(base + ["--space", "minilm"])
        #expect(none.status != 0 && none.stderr.contains("--key"), "\(none.stderr)")
    }
}
