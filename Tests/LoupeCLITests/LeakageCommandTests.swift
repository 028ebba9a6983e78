import Foundation
import Testing

/// `loupe leakage` on a hand-built dataset whose leaks are known.
@Suite("loupe leakage")
struct LeakageCommandTests {
    /// 10 training rows `r0…r9` (basis vectors e0…e9), 10 test rows `t10…t19` (e10…e19, except
    /// t10 ≈ r3 and t11 = r5), and a validation row `v20` that copies t12: a held-out pair, not a leak.
    static func workspace(in folder: TemporaryFolder) throws -> String {
        let workspace = folder.path("w.sqlite")
        var rows: [String] = [], vectors: [String] = []
        func basis(_ i: Int, plus extra: (Int, Double)? = nil) -> [Double] {
            var v = [Double](repeating: 0, count: 24)
            v[i] = 1
            if let (j, x) = extra { v[j] = x }
            return v
        }
        for i in 0..<21 {
            let (key, split) = i < 10 ? ("r\(i)", "train") : i < 20 ? ("t\(i)", "test") : ("v\(i)", "validation")
            rows.append(#"{"key": "\#(key)", "split": "\#(split)", "text": "row \#(i)"}"#)
            let vector = i == 10 ? basis(3, plus: (23, 0.01)) : i == 11 ? basis(5) : i == 20 ? basis(12) : basis(i)
            vectors.append(#"{"key": "\#(key)", "vector": [\#(vector.map { String($0) }.joined(separator: ", "))]}"#)
        }
        for arguments in [["import", "jsonl", "--dataset", "d", try folder.write("rows.jsonl", rows.joined(separator: "\n") + "\n")],
                          ["import", "embeddings", "--dataset", "d", "--space", "s",
                           "--vectors", try folder.write("v.jsonl", vectors.joined(separator: "\n") + "\n")]] {
            let result = try LoupeProcess.run(arguments + ["--workspace", workspace])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        return workspace
    }

    @Test("the two test rows copied from training are the pairs, most similar first; a validation copy of a test row is not a leak")
    func knownLeaks() throws {
        let folder = try TemporaryFolder()
        let workspace = try Self.workspace(in: folder)
        let report = try LoupeProcess.json(["leakage", "--workspace", workspace, "--dataset", "d", "--space", "s", "--k", "3"])
        let pairs = try #require(report["pairs"] as? [[String: Any]])
        #expect(pairs.map { [$0["held_out"] as? String, $0["training"] as? String] } == [["t11", "r5"], ["t10", "r3"]])
        #expect(abs((pairs[0]["similarity"] as? Double ?? 0) - 1) < 1e-6)
        #expect(abs((pairs[1]["similarity"] as? Double ?? 0) - 1 / (1.0 + 0.0001).squareRoot()) < 1e-5)
        let splits = try #require(report["splits"] as? [[String: Any]])
        let test = try #require(splits.first { $0["split"] as? String == "test" })
        #expect(test["rows"] as? Int == 10 && test["leaked_rows"] as? Int == 2)
        #expect(splits.first { $0["split"] as? String == "validation" }?["leaked_rows"] as? Int == 0)
        #expect(report["leaked_rows"] as? Int == 2 && report["pair_count"] as? Int == 2)

        // Counting validation as training makes v20's copy of t12 a leak too.
        let wider = try LoupeProcess.json(["leakage", "--workspace", workspace, "--dataset", "d", "--space", "s", "--k", "3",
                                           "--training", "train,validation", "--held-out", "test"])
        #expect(wider["leaked_rows"] as? Int == 3)
        let both = try LoupeProcess.run(["leakage", "--workspace", workspace, "--dataset", "d", "--space", "s", "--training", "test"])
        #expect(both.status != 0 && both.stderr.contains("both training and held out"), "\(both.stderr)")
    }
}
