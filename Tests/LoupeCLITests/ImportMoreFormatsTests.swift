import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite
import Testing

@Suite("loupe import csv, embeddings; export jsonl")
struct ImportMoreFormatsTests {
    @Test("MiniLM vectors import by key and keep their cosine (0.755337 for the classic pair)")
    func embeddings() async throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("w.sqlite")
        let reference = LoupeProcess.sharedData.appendingPathComponent("minilm-reference/minilm_reference.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: reference)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        let texts = items.map { $0["text"] as! String }
        let vectors = items.flatMap { ($0["embedding"] as! [Double]).map(Float.init) }
        let keys = texts.indices.map { "t\($0)" }
        let lines = zip(keys, texts).map { key, text in
            String(decoding: try! JSONSerialization.data(withJSONObject: ["key": key, "text": text], options: [.sortedKeys]), as: UTF8.self)
        }
        let rows = try folder.write("texts.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try LoupeProcess.run(["import", "jsonl", "--workspace", workspace, "--dataset", "sts", rows]).status == 0)
        let npy = folder.path("v.npy")
        try NPYWriter.write(RowMajorMatrix(rows: keys.count, columns: 384, values: vectors), to: URL(fileURLWithPath: npy))
        let keyFile = try folder.write("keys.txt", keys.joined(separator: "\n") + "\n")
        let result = try LoupeProcess.run(["import", "embeddings", "--workspace", workspace, "--dataset", "sts", "--space", "minilm",
                                           "--vectors", npy, "--keys", keyFile])
        #expect(result.status == 0, "\(result.stderr)")

        let store = try SQLiteStore(path: workspace)
        let space = try #require(try await store.embeddingSpaces().first)
        #expect(space.name == "minilm" && space.dimension == 384)
        let stored = try await store.embeddings(spaceID: space.id, page: PageRequest()).items
        #expect(stored.count == 21)
        let a = stored[0].vector, b = stored[1].vector
        let cosine = zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) }
            / (sqrt(a.reduce(0) { $0 + Double($1 * $1) }) * sqrt(b.reduce(0) { $0 + Double($1 * $1) }))
        #expect(abs(cosine - 0.755337) < 5e-6)

        let short = try folder.write("short.txt", keys.dropLast().joined(separator: "\n") + "\n")
        let mismatch = try LoupeProcess.run(["import", "embeddings", "--workspace", workspace, "--dataset", "sts", "--space", "minilm2",
                                             "--vectors", npy, "--keys", short])
        #expect(mismatch.status == 65)
        #expect(mismatch.stderr.contains("v.npy") && mismatch.stderr.contains("short.txt") && mismatch.stderr.contains("21"), "\(mismatch.stderr)")

        // Without --keys the vectors are JSON Lines: the same vectors land in the same places.
        let jsonLines = zip(keys, items).map { key, item in
            String(decoding: try! JSONSerialization.data(withJSONObject: ["key": key, "vector": item["embedding"]!]), as: UTF8.self)
        }
        let linesFile = try folder.write("v.jsonl", jsonLines.joined(separator: "\n") + "\n")
        let fromLines = try LoupeProcess.run(["import", "embeddings", "--workspace", workspace, "--dataset", "sts", "--space", "minilm-lines",
                                              "--vectors", linesFile, "--json"])
        #expect(fromLines.status == 0, "\(fromLines.stderr)")
        let linesSpace = try #require(try await store.embeddingSpaces().first { $0.name == "minilm-lines" })
        let fromLinesStored = try await store.embeddings(spaceID: linesSpace.id, page: PageRequest()).items
        #expect(fromLinesStored.map(\.rowID) == stored.map(\.rowID) && fromLinesStored.map(\.vector) == stored.map(\.vector))
        let badLines = try folder.write("bad.jsonl", jsonLines[0] + "\n{\"key\": \"t1\", \"vector\": [1]}\n")
        let bad = try LoupeProcess.run(["import", "embeddings", "--workspace", workspace, "--dataset", "sts", "--space", "minilm3",
                                        "--vectors", badLines])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("bad.jsonl: line 2, $.vector: expected 384 values as on line 1, found 1"), "\(bad.stderr)")
    }

    @Test("CSV rows with typed metadata import, and a JSONL export imports back to the same dataset")
    func csvAndJSONLRoundTrip() throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("w.sqlite")
        let csv = try folder.write("rows.csv", #"""
            key,label,split,text,length,urgent,sent
            m1,spam,train,"WIN, now!",9,true,2024-05-01
            m2,,train,"see you ""soon""",15,false,2024-05-02
            m3,ham,test,ok,2,false,2024-05-03

            """#)
        var result = try LoupeProcess.run(["import", "csv", "--workspace", workspace, "--dataset", "sms", csv])
        #expect(result.status == 0, "\(result.stderr)")
        let exported = folder.path("sms.jsonl")
        result = try LoupeProcess.run(["export", "jsonl", "--workspace", workspace, "--dataset", "sms", "--output", exported])
        #expect(result.status == 0, "\(result.stderr)")
        result = try LoupeProcess.run(["import", "jsonl", "--workspace", workspace, "--dataset", "copy", exported])
        #expect(result.status == 0, "\(result.stderr)")
        let original = try LoupeProcess.json(["rows", "--workspace", workspace, "--dataset", "sms"])["rows"] as? [[String: Any]]
        let copy = try LoupeProcess.json(["rows", "--workspace", workspace, "--dataset", "copy"])["rows"] as? [[String: Any]]
        #expect(original?.count == 3)
        #expect((original?[1]["text"] as? String) == "see you \"soon\"")
        #expect((original?[0]["metadata"] as? [String: Any])?["urgent"] as? Bool == true)
        #expect(NSArray(array: original ?? []) == NSArray(array: copy ?? []))

        let bad = try folder.write("bad.csv", "key,label\nm1,spam\n\"m2,ham\n")
        result = try LoupeProcess.run(["import", "csv", "--workspace", workspace, "--dataset", "bad", bad])
        #expect(result.status == 65 && result.stderr.contains("bad.csv") && result.stderr.contains("line 3"), "\(result.stderr)")
    }
}
