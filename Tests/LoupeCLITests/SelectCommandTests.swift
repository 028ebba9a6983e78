import Foundation
import Testing

/// `loupe select` and `loupe probe` on a small classification workspace imported through the CLI.
@Suite("loupe select and loupe probe")
struct SelectCommandTests {
    /// Dataset `pets` (cat, dog, bird): `l0` cat and `l1` dog labeled, `u0…u4` not; run `clf/r1`
    /// predicts all but `u4`; space `feat` has a 2-D vector for every row.
    static func workspace(in folder: TemporaryFolder) throws -> String {
        let workspace = folder.path("w.sqlite")
        let rows = try folder.write("rows.jsonl", """
            {"classes": ["cat", "dog", "bird"]}
            {"key": "l0", "label": "cat", "split": "train"}
            {"key": "l1", "label": "dog", "split": "train"}
            {"key": "u0"}
            {"key": "u1"}
            {"key": "u2"}
            {"key": "u3"}
            {"key": "u4"}

            """)
        #expect(try LoupeProcess.run(["import", "jsonl", "--workspace", workspace, "--dataset", "pets", rows]).status == 0)
        let predictions = try folder.write("p.jsonl", """
            {"key": "l0", "probabilities": {"cat": 0.8, "dog": 0.1, "bird": 0.1}}
            {"key": "l1", "probabilities": {"cat": 0.1, "dog": 0.8, "bird": 0.1}}
            {"key": "u0", "probabilities": {"cat": 0.5, "dog": 0.45, "bird": 0.05}}
            {"key": "u1", "probabilities": {"cat": 0.05, "dog": 0.9, "bird": 0.05}}
            {"key": "u2", "probabilities": {"cat": 0.3, "dog": 0.4, "bird": 0.3}}
            {"key": "u3", "probabilities": {"cat": 0.33, "dog": 0.33, "bird": 0.34}}

            """)
        let imported = try LoupeProcess.run(["import", "jsonl", "--workspace", workspace, "--dataset", "pets", "--predictions", "--model", "clf",
                                             "--run", "r1", "--task", "classification", "--no-eval", predictions])
        #expect(imported.status == 0, "\(imported.stderr)")
        let vectors: [(String, [Double])] = [("l0", [1, 0]), ("l1", [0, 1]), ("u0", [1, 0.05]), ("u1", [0.1, 1]), ("u2", [1, 1]),
                                             ("u3", [-1, 0.1]), ("u4", [0.5, 0.4])]
        let lines = vectors.map { #"{"key": "\#($0.0)", "vector": [\#($0.1.map { String($0) }.joined(separator: ", "))]}"# }
        let file = try folder.write("v.jsonl", lines.joined(separator: "\n") + "\n")
        let embedded = try LoupeProcess.run(["import", "embeddings", "--workspace", workspace, "--dataset", "pets", "--space", "feat", "--vectors", file])
        #expect(embedded.status == 0, "\(embedded.stderr)")
        return workspace
    }

    static func rows(_ workspace: String, _ arguments: [String]) throws -> [[String: Any]] {
        let report = try LoupeProcess.json(["select", "--workspace", workspace, "--dataset", "pets"] + arguments)
        return try #require(report["rows"] as? [[String: Any]])
    }

    @Test("--json prints rows best first with key, score, reason and components; the default pool is the unlabeled rows")
    func json() throws {
        let folder = try TemporaryFolder()
        let workspace = try Self.workspace(in: folder)
        let margin = try LoupeProcess.json(["select", "--workspace", workspace, "--dataset", "pets", "--strategy", "margin", "--run", "r1", "--budget", "3"])
        let rows = try #require(margin["rows"] as? [[String: Any]])
        // Margins 1 − (p₁ − p₂): u3 0.99, u0 0.95, u2 0.9, u1 0.15.
        #expect(rows.map { $0["key"] as? String } == ["u3", "u0", "u2"])
        let expected = [0.99, 0.95, 0.9]
        for (row, score) in zip(rows, expected) {
            #expect(abs((row["score"] as? Double ?? 0) - score) < 1e-6, "\(row)")
            #expect((row["reason"] as? String)?.isEmpty == false)
            #expect(abs(((row["components"] as? [String: Any])?["margin"] as? Double ?? 0) - score) < 1e-6)
        }
        #expect(margin["pool_rows"] as? Int == 5 && margin["filter"] as? String == "label_version = 0")
        #expect((margin["excluded"] as? [[String: Any]])?.first?["rows"] as? Int == 1)
        #expect(try Self.rows(workspace, ["--strategy", "k_center", "--space", "feat", "--budget", "2"]).map { $0["key"] as? String } == ["u3", "u2"])
        let similar = try Self.rows(workspace, ["--strategy", "similarity", "--space", "feat", "--seed-key", "l0", "--budget", "2"])
        #expect(similar.map { $0["key"] as? String } == ["u0", "u4"] && (similar[0]["reason"] as? String)?.hasSuffix("seed row l0") == true)
        let weighted = try Self.rows(workspace, ["--strategy", "weighted", "--run", "r1", "--space", "feat", "--weight", "margin=0.5",
                                                 "--weight", "k_center=0.5", "--budget", "4"])
        #expect(weighted.map { $0["key"] as? String } == ["u3", "u2", "u0", "u1"])
        // Text output: a header and one line per row.
        let text = try LoupeProcess.run(["select", "--workspace", workspace, "--dataset", "pets", "--strategy", "random", "--budget", "2", "--seed", "4"])
        #expect(text.status == 0 && text.stdout.split(separator: "\n").count == 3, "\(text.stdout)")
    }

    @Test("errors name the option and what was expected")
    func errors() throws {
        let folder = try TemporaryFolder()
        let workspace = try Self.workspace(in: folder)
        func failure(_ arguments: [String]) throws -> (Int32, String) {
            let result = try LoupeProcess.run(["select", "--workspace", workspace, "--dataset", "pets", "--budget", "2"] + arguments)
            return (result.status, result.stderr)
        }
        let missingRun = try failure(["--strategy", "margin"])
        #expect(missingRun.0 == 64 && missingRun.1.contains("--run: strategy margin needs a run: a classification run"), "\(missingRun.1)")
        let unknown = try failure(["--strategy", "smartest"])
        #expect(unknown.0 == 64 && unknown.1.contains("--strategy") && unknown.1.contains("k_center"), "\(unknown.1)")
        let noSeeds = try failure(["--strategy", "similarity", "--space", "feat"])
        #expect(noSeeds.0 == 64 && noSeeds.1.contains("--seed-key"), "\(noSeeds.1)")
        let badWeight = try failure(["--strategy", "weighted", "--weight", "margin"])
        #expect(badWeight.0 == 64 && badWeight.1.contains("--weight") && badWeight.1.contains("STRATEGY=WEIGHT"), "\(badWeight.1)")
        let noRun = try failure(["--strategy", "margin", "--run", "nope"])
        #expect(noRun.0 == 1 && noRun.1.contains("--run: no run 'nope'"), "\(noRun.1)")
        let noSpace = try failure(["--strategy", "k_center", "--space", "nope"])
        #expect(noSpace.0 == 1 && noSpace.1.contains("--space"), "\(noSpace.1)")
    }

    @Test("loupe probe writes a run that predicts every row with a vector; select reads it; the name cannot be reused")
    func probe() throws {
        let folder = try TemporaryFolder()
        let workspace = try Self.workspace(in: folder)
        let report = try LoupeProcess.json(["probe", "--workspace", workspace, "--dataset", "pets", "--space", "feat", "--run", "p1",
                                            "--bootstrap", "0"])
        let probe = try #require(report["probe"] as? [String: Any])
        #expect(probe["predicted_rows"] as? Int == 7 && probe["labeled_rows"] as? Int == 2 && probe["snapshot_rows"] as? Int == 2)
        #expect((report["evaluation"] as? [String: Any])?["key"] as? String == "default")
        let selection = try LoupeProcess.json(["select", "--workspace", workspace, "--dataset", "pets", "--strategy", "entropy", "--run", "probe/p1",
                                               "--budget", "10"])
        #expect((selection["rows"] as? [[String: Any]])?.count == 5 && (selection["excluded"] as? [Any])?.isEmpty == true)
        let again = try LoupeProcess.run(["probe", "--workspace", workspace, "--dataset", "pets", "--space", "feat", "--run", "p1"])
        #expect(again.status == 1 && again.stderr.contains("--run: model 'probe' already has a run 'p1'"), "\(again.stderr)")
        let badL2 = try LoupeProcess.run(["probe", "--workspace", workspace, "--dataset", "pets", "--space", "feat", "--run", "p2", "--l2", "0"])
        #expect(badL2.status == 64 && badL2.stderr.contains("--l2"), "\(badL2.stderr)")
    }
}
