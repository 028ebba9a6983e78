import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite
import Testing

/// `loupe project` on the MiniLM reference vectors (21 texts, 384 dimensions).
@Suite("loupe project")
struct ProjectCommandTests {
    static func points(_ workspace: String, _ arguments: [String]) throws -> [String: (Double, Double)] {
        let report = try LoupeProcess.json(["project", "--workspace", workspace, "--dataset", "sts", "--space", "minilm"] + arguments)
        let points = try #require(report["points"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: points.map { ($0["key"] as! String, ($0["x"] as! Double, $0["y"] as! Double)) })
    }

    @Test("PCA prints each row at its first two principal components, computed from the stored vectors")
    func pca() async throws {
        let folder = try TemporaryFolder()
        let (workspace, _) = try SimilarCommandTests.workspace(in: folder)
        let printed = try Self.points(workspace, ["--method", "pca"])
        let reference = LoupeProcess.sharedData.appendingPathComponent("minilm-reference/minilm_reference.json")
        let items = (try JSONSerialization.jsonObject(with: Data(contentsOf: reference)) as! [String: Any])["items"] as! [[String: Any]]
        let matrix = RowMajorMatrix(rows: items.count, columns: 384, values: items.flatMap { ($0["embedding"] as! [Double]).map(Float.init) })
        let expected = PrincipalComponents(fitting: matrix, componentCount: 2).transform(matrix)
        #expect(printed.count == 21)
        for index in 0..<items.count {
            let point = try #require(printed["t\(index)"])
            #expect(abs(point.0 - Double(expected.values[2 * index])) < 1e-5 && abs(point.1 - Double(expected.values[2 * index + 1])) < 1e-5,
                    "t\(index): \(point)")
        }
    }

    @Test("UMAP is seeded: the same seed gives the stored layout again, another seed another layout; new vectors recompute it")
    func umap() async throws {
        let folder = try TemporaryFolder()
        let (workspace, _) = try SimilarCommandTests.workspace(in: folder)
        let first = try Self.points(workspace, ["--method", "umap", "--neighbors", "5"])
        #expect(first.count == 21 && first.values.allSatisfy { $0.0.isFinite && $0.1.isFinite })
        let store = try SQLiteStore(path: workspace)
        let space = try #require(try await store.embeddingSpaces().first)
        let stored = try #require(try await store.projection(spaceID: space.id, method: .umap))
        let again = try Self.points(workspace, ["--method", "umap", "--neighbors", "5"])
        #expect(again.mapValues { [$0.0, $0.1] } == first.mapValues { [$0.0, $0.1] })
        #expect(try await store.projection(spaceID: space.id, method: .umap)?.id == stored.id, "reused, not recomputed")
        let recomputed = try Self.points(workspace, ["--method", "umap", "--neighbors", "5", "--recompute"])
        #expect(recomputed.mapValues { [$0.0, $0.1] } == first.mapValues { [$0.0, $0.1] }, "deterministic for a seed")
        let other = try Self.points(workspace, ["--method", "umap", "--neighbors", "5", "--seed", "7"])
        #expect(other.mapValues { [$0.0, $0.1] } != first.mapValues { [$0.0, $0.1] })

        // Replacing a vector gives it a new id: the stored layout no longer describes the space.
        let before = try #require(try await store.projection(spaceID: space.id, method: .umap))
        let line = #"{"key": "t0", "vector": [\#((0..<384).map { $0 == 0 ? "1" : "0" }.joined(separator: ","))]}"#
        let file = try folder.write("one.jsonl", line + "\n")
        #expect(try LoupeProcess.run(["import", "embeddings", "--workspace", workspace, "--dataset", "sts", "--space", "minilm",
                                      "--vectors", file]).status == 0)
        _ = try Self.points(workspace, ["--method", "umap", "--neighbors", "5", "--seed", "7"])
        let after = try #require(try await store.projection(spaceID: space.id, method: .umap))
        #expect(after.id != before.id && after.source != before.source)
    }

    @Test("errors: an unknown method or space, UMAP with inner product")
    func errors() throws {
        let folder = try TemporaryFolder()
        let (workspace, _) = try SimilarCommandTests.workspace(in: folder)
        let base = ["project", "--workspace", workspace, "--dataset", "sts"]
        #expect(try LoupeProcess.run(base + ["--space", "minilm", "--method", "tsne"]).stderr.contains("umap or pca"))
        let space = try LoupeProcess.run(base + ["--space", "nope"])
        #expect(space.status != 0 && space.stderr.contains("no embedding space 'nope'"), "\(space.stderr)")
        let inner = try LoupeProcess.run(base + ["--space", "minilm", "--metric", "inner_product"])
        #expect(inner.status != 0 && inner.stderr.contains("inner_product"), "\(inner.stderr)")
    }
}
