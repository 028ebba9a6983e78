import Foundation
import Testing

/// `loupe clusters` on two well-separated groups of 40 rows where a classifier is right on every
/// row of one group and on half of the other.
@Suite("loupe clusters")
struct ClustersCommandTests {
    static func workspace(in folder: TemporaryFolder) throws -> String {
        let workspace = folder.path("w.sqlite")
        var rows: [String] = [], predictions: [String] = [], vectors: [String] = []
        for index in 0..<80 {
            let group = index < 40 ? "a" : "b"
            let key = "\(group)\(index)"
            let label = index % 2 == 0 ? "cat" : "dog"
            // Group b is wrong on every row whose index is a multiple of 4 or 4k+1: half its rows.
            let wrong = group == "b" && index % 4 < 2
            let predicted = wrong ? (label == "cat" ? "dog" : "cat") : label
            rows.append(#"{"key": "\#(key)", "label": "\#(label)", "text": "row \#(index)", "metadata": {"source": "\#(group)", "n": \#(index)}}"#)
            predictions.append(#"{"key": "\#(key)", "probabilities": {"\#(predicted)": 0.9, "\#(predicted == "cat" ? "dog" : "cat")": 0.1}}"#)
            // Two directions 90° apart, with a small seeded-free wobble that keeps rows distinct.
            let base: [Double] = group == "a" ? [1, 0, 0, 0] : [0, 1, 0, 0]
            let vector = base.enumerated().map { $0.element + (($0.offset == 2) ? Double(index % 7) * 0.01 : 0) }
            vectors.append(#"{"key": "\#(key)", "vector": [\#(vector.map { String($0) }.joined(separator: ", "))]}"#)
        }
        func run(_ arguments: [String]) throws {
            let result = try LoupeProcess.run(arguments + ["--workspace", workspace])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        try run(["import", "jsonl", "--dataset", "pets", try folder.write("rows.jsonl", rows.joined(separator: "\n") + "\n")])
        try run(["import", "jsonl", "--dataset", "pets", "--predictions", "--model", "clf", "--run", "v1", "--bootstrap", "0",
                 try folder.write("p.jsonl", predictions.joined(separator: "\n") + "\n")])
        try run(["import", "embeddings", "--dataset", "pets", "--space", "toy", "--vectors", try folder.write("v.jsonl", vectors.joined(separator: "\n") + "\n")])
        return workspace
    }

    @Test("two clusters are the two groups; the group the run gets half wrong is flagged worse, with accuracy 0.5 against 0.75")
    func worseCluster() throws {
        let folder = try TemporaryFolder()
        let workspace = try Self.workspace(in: folder)
        let report = try LoupeProcess.json(["clusters", "--workspace", workspace, "--dataset", "pets", "--space", "toy", "--k", "2",
                                            "--run", "v1", "--keys", "100", "--bootstrap", "500"])
        #expect(report["metric"] as? String == "accuracy")
        #expect(abs(((report["overall"] as? [String: Any])?["value"] as? Double ?? 0) - 0.75) < 1e-12)
        let clusters = try #require(report["clusters"] as? [[String: Any]])
        #expect(clusters.count == 2)
        let worst = clusters[0], best = clusters[1]
        #expect(Set(worst["keys"] as? [String] ?? []) == Set((40..<80).map { "b\($0)" }))
        #expect(Set(best["keys"] as? [String] ?? []) == Set((0..<40).map { "a\($0)" }))
        #expect(abs(((worst["metric"] as? [String: Any])?["value"] as? Double ?? 0) - 0.5) < 1e-12)
        #expect(abs(((worst["difference"] as? [String: Any])?["value"] as? Double ?? 0) + 0.25) < 1e-12)
        #expect(worst["significantly_worse"] as? Bool == true && best["significantly_worse"] as? Bool == false)
        // Seeded: the same call prints the same report.
        let again = try LoupeProcess.run(["clusters", "--workspace", workspace, "--dataset", "pets", "--space", "toy", "--k", "2",
                                          "--run", "v1", "--keys", "100", "--bootstrap", "500", "--json"])
        let first = try LoupeProcess.run(["clusters", "--workspace", workspace, "--dataset", "pets", "--space", "toy", "--k", "2",
                                          "--run", "v1", "--keys", "100", "--bootstrap", "500", "--json"])
        #expect(again.stdout == first.stdout)
    }

    @Test("errors: k out of range, an unknown run")
    func errors() throws {
        let folder = try TemporaryFolder()
        let workspace = try Self.workspace(in: folder)
        let base = ["clusters", "--workspace", workspace, "--dataset", "pets", "--space", "toy"]
        let big = try LoupeProcess.run(base + ["--k", "81"])
        #expect(big.status != 0 && big.stderr.contains("more than the 80 rows"), "\(big.stderr)")
        let run = try LoupeProcess.run(base + ["--run", "nope"])
        #expect(run.status != 0 && run.stderr.contains("no run 'nope'"), "\(run.stderr)")
    }
}
