import Foundation
import LoupeCatalog
import LoupeSQLite
import LoupeCore
import Testing

/// `loupe issues` on the MiniLM reference vectors (21 texts, 384 dimensions).
@Suite("loupe issues")
struct IssuesCommandTests {
    static func rows(_ workspace: String, _ arguments: [String]) throws -> [[String: Any]] {
        let report = try LoupeProcess.json(["issues", "--workspace", workspace, "--dataset", "sts", "--space", "minilm"] + arguments)
        return try #require(report["rows"] as? [[String: Any]])
    }

    @Test("outlier_lof and uniqueness give each row the LoupeCore report of the stored vectors' exact k-NN graph, worst first")
    func neighbourhoodScores() throws {
        let folder = try TemporaryFolder()
        let (workspace, _) = try SimilarCommandTests.workspace(in: folder)
        let reference = LoupeProcess.sharedData.appendingPathComponent("minilm-reference/minilm_reference.json")
        let items = (try JSONSerialization.jsonObject(with: Data(contentsOf: reference)) as! [String: Any])["items"] as! [[String: Any]]
        let matrix = RowMajorMatrix(rows: items.count, columns: 384, values: items.flatMap { ($0["embedding"] as! [Double]).map(Float.init) })
        let graph = try ExactVectorIndex.neighborGraph(of: matrix, k: 5, metric: .cosine)
        let expected: [String: DataIssueReport] = [
            "outlier_lof": try NeighborhoodIssues.localOutlierFactor(graph: graph),
            "uniqueness": try NeighborhoodIssues.uniqueness(graph: graph),
        ]
        for (kind, report) in expected {
            let printed = try Self.rows(workspace, ["--kind", kind, "--k", "5"])
            #expect(printed.count == 21)
            #expect(zip(printed, printed.dropFirst()).allSatisfy { ($0["score"] as! Double) <= ($1["score"] as! Double) }, "worst first")
            for row in printed {
                let index = Int((row["key"] as! String).dropFirst())!
                #expect(abs((row["score"] as! Double) - report.scores[index]) < 1e-5, "\(kind) \(row)")
                #expect((row["flagged"] as! Bool) == report.flags[index], "\(kind) \(row)")
            }
        }
    }

    @Test("near_duplicate: a copied vector makes a flagged group whose reasons name each other by key")
    func nearDuplicates() throws {
        let folder = try TemporaryFolder()
        let (workspace, _) = try SimilarCommandTests.workspace(in: folder)
        // Two of the SMS messages are already near-duplicates of each other; the sentences are not.
        let before = Set(try Self.rows(workspace, ["--kind", "near_duplicate", "--flagged"]).compactMap { $0["key"] as? String })
        #expect(!before.contains("t0") && !before.contains("t2"))
        let reference = LoupeProcess.sharedData.appendingPathComponent("minilm-reference/minilm_reference.json")
        let items = (try JSONSerialization.jsonObject(with: Data(contentsOf: reference)) as! [String: Any])["items"] as! [[String: Any]]
        let line = String(decoding: try JSONSerialization.data(withJSONObject: ["key": "t2", "vector": items[0]["embedding"]!]), as: UTF8.self)
        let file = try folder.write("copy.jsonl", line + "\n")
        #expect(try LoupeProcess.run(["import", "embeddings", "--workspace", workspace, "--dataset", "sts", "--space", "minilm", "--vectors", file]).status == 0)
        let flagged = try Self.rows(workspace, ["--kind", "near_duplicate", "--flagged"])
        #expect(Set(flagged.compactMap { $0["key"] as? String }) == before.union(["t0", "t2"]))
        #expect(flagged.first { $0["key"] as? String == "t0" }?["reason"] as? String == "near-duplicate of t2")
        #expect(flagged.filter { ["t0", "t2"].contains($0["key"] as? String) }.allSatisfy { abs(($0["score"] as? Double ?? 1)) < 1e-6 },
                "an exact copy scores 0")
    }

    @Test("label_error: the rows a confident classifier contradicts, by confident learning, named with both classes")
    func labelErrors() throws {
        let folder = try TemporaryFolder()
        // 80 rows, cat and dog; the run gives 0.9 to the wrong class on 20 of them (group b, index % 4 < 2).
        let workspace = try ClustersCommandTests.workspace(in: folder)
        let report = try LoupeProcess.json(["issues", "--workspace", workspace, "--dataset", "pets", "--kind", "label_error",
                                            "--run", "clf/v1", "--flagged", "--limit", "1000"])
        let rows = try #require(report["rows"] as? [[String: Any]])
        let wrong = Set((40..<80).filter { $0 % 4 < 2 }.map { "b\($0)" })
        #expect(Set(rows.compactMap { $0["key"] as? String }) == wrong)
        #expect(report["row_count"] as? Int == 80 && report["flagged_count"] as? Int == 20)
        let b40 = try #require(rows.first { $0["key"] as? String == "b40" })
        #expect(b40["reason"] as? String == "labelled cat (p = 0.100), the model prefers dog (p = 0.900)")
        #expect(abs((b40["score"] as? Double ?? 1) - 0.1) < 1e-6, "self-confidence")
        let missing = try LoupeProcess.run(["issues", "--workspace", workspace, "--dataset", "pets", "--kind", "label_error"])
        #expect(missing.status != 0 && missing.stderr.contains("needs --run"), "\(missing.stderr)")
    }

    @Test("errors: an unknown kind, a space without the dataset's vectors")
    func errors() throws {
        let folder = try TemporaryFolder()
        let (workspace, _) = try SimilarCommandTests.workspace(in: folder)
        let kind = try LoupeProcess.run(["issues", "--workspace", workspace, "--dataset", "sts", "--space", "minilm", "--kind", "mislabel"])
        #expect(kind.status != 0 && kind.stderr.contains("--kind must be one of"), "\(kind.stderr)")
        let space = try LoupeProcess.run(["issues", "--workspace", workspace, "--dataset", "sts", "--space", "nope", "--kind", "uniqueness"])
        #expect(space.status != 0 && space.stderr.contains("no embedding space 'nope'"), "\(space.stderr)")
    }
}

/// `loupe issues --kind missing_label|spurious_label` on voc100 and its real detections.
@Suite("loupe issues, detection")
struct DetectionIssuesCommandTests {
    @Test("voc100: a row is flagged for a missing label exactly when a prediction at score 0.7 or more overlaps no ground truth at IoU 0.1, and for a spurious label exactly when an object has no prediction at IoU 0.1")
    func voc100() async throws {
        let (folder, workspace) = try QueryCommandTests.demo()
        defer { withExtendedLifetime(folder) {} }
        let store = try SQLiteStore(path: workspace)
        let dataset = try #require(try await store.dataset(named: "voc100"))
        let run = try #require(try await store.runs(matching: "baseline").first?.1)
        let rows = try await Page.all { try await store.rows(datasetID: dataset.id, page: $0) }
        var expectedMissing = Set<String>(), expectedSpurious = Set<String>()
        func box(_ geometry: Geometry) -> BoundingBox? {
            if case .box(let box) = geometry { return box }
            return nil
        }
        for row in rows {
            let truths = try await store.annotations(rowID: row.id!).filter { !$0.isCrowd }.compactMap { box($0.geometry) }
            let predictions = try await store.predictions(rowID: row.id!, runID: run.id)
            let predicted = predictions.compactMap { prediction in box(prediction.geometry).map { ($0, prediction.score ?? 0) } }
            if predicted.contains(where: { box, score in score >= 0.7 && truths.allSatisfy { $0.intersectionOverUnion(with: box) < 0.1 } }) {
                expectedMissing.insert(row.key)
            }
            if truths.contains(where: { truth in predicted.allSatisfy { $0.0.intersectionOverUnion(with: truth) < 0.1 } }) {
                expectedSpurious.insert(row.key)
            }
        }
        for (kind, expected) in [("missing_label", expectedMissing), ("spurious_label", expectedSpurious)] {
            let report = try LoupeProcess.json(["issues", "--workspace", workspace, "--dataset", "voc100", "--kind", kind,
                                                "--run", "baseline", "--flagged", "--limit", "1000"])
            let flagged = try #require(report["rows"] as? [[String: Any]])
            #expect(Set(flagged.compactMap { $0["key"] as? String }) == expected, "\(kind)")
            #expect(!expected.isEmpty, "\(kind): voc100's detections should show some")
            #expect(flagged.allSatisfy { ($0["reason"] as? String)?.isEmpty == false })
        }
        let wrongTask = try LoupeProcess.run(["issues", "--workspace", workspace, "--dataset", "voc100", "--kind", "label_error", "--run", "baseline"])
        #expect(wrongTask.status != 0 && wrongTask.stderr.contains("needs a classification run"), "\(wrongTask.stderr)")
    }
}
