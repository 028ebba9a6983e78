import Foundation
import Testing

/// `loupe slices discover` on the 80 pets rows of `ClustersCommandTests`: the run is right on
/// every row of source a and on half of source b.
@Suite("loupe slices discover")
struct SlicesDiscoverCommandTests {
    @Test("the worst slice is source = b (accuracy 0.5 against 1.0); its cluster is the same rows; --save stores its filter")
    func discover() throws {
        let folder = try TemporaryFolder()
        let workspace = try ClustersCommandTests.workspace(in: folder)
        let report = try LoupeProcess.json(["slices", "discover", "--workspace", workspace, "--dataset", "pets", "--model", "clf", "--run", "v1",
                                            "--min-size", "10", "--space", "toy", "--clusters", "2", "--save", "hard"])
        #expect(report["metric"] as? String == "correct")
        let slices = try #require(report["slices"] as? [[String: Any]])
        let first = try #require(slices.first)
        #expect(first["name"] as? String == "meta.source = b" && first["filter"] as? String == #"meta.source = "b""#, "\(first)")
        #expect(first["rows"] as? Int == 40 && first["value"] as? Double == 0.5 && first["rest"] as? Double == 1.0)
        #expect((first["q_value"] as? Double ?? 1) < 0.05 && (first["upper"] as? Double ?? 0) < 0)
        // Every listed slice is worse, and source = a (always right) is not among them.
        #expect(slices.allSatisfy { ($0["effect"] as? Double ?? 0) < 0 })
        #expect(!slices.contains { ($0["name"] as? String)?.contains("source = a") == true })
        #expect(report["saved"] as? String == #"meta.source = "b""#)
        let listed = try LoupeProcess.run(["slices", "list", "--workspace", workspace, "--dataset", "pets", "--json"])
        #expect(listed.stdout.contains("hard") && listed.stdout.contains("meta.source"), "\(listed.stdout)")
        #expect((report["tested"] as? Int ?? 0) > 5)
    }
}
