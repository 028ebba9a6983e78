import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite
import Testing

@Suite("loupe runs compare against an independent pycocotools bootstrap")
struct RunsCompareOracleTests {
    @Test("voc100: the detections against the same detections with perturbed scores; AP, ΔAP and its interval equal the oracle's")
    func perturbedScores() async throws {
        guard let python = ProcessInfo.processInfo.environment["LOUPE_PYTHON"], !python.isEmpty else {
            Issue.record("set LOUPE_PYTHON to a Python with pycocotools (scripts/test does): this test compares with it")
            return
        }
        let folder = try TemporaryFolder()
        let workspace = folder.path("loupe-demo.sqlite")
        #expect(try LoupeProcess.run(["demo", "--workspace", workspace]).status == 0)
        // The same detections with their scores moved by seeded noise (clamped to [0, 1]).
        let detections = LoupeProcess.packageRoot.appendingPathComponent("demo/voc100/detections/coco_dets.json")
        var document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: detections)) as? [String: Any])
        var generator = SplitMix64(seed: 42)
        document["annotations"] = (document["annotations"] as! [[String: Any]]).map { annotation in
            var changed = annotation
            let noise = (generator.nextUnitInterval() - 0.5) * 0.4
            changed["score"] = min(1, max(0, (annotation["score"] as! Double) + noise))
            return changed
        }
        let perturbed = folder.path("perturbed.json")
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: perturbed))
        #expect(try LoupeProcess.run(["runs", "predictions", "--workspace", workspace, "--dataset", "voc100", "--run", "perturbed",
                                      "--model", "voc-detector", "--format", "coco", "--no-eval", perturbed]).status == 0)
        let resamples = 20
        let comparison = try LoupeProcess.json(["runs", "compare", "--workspace", workspace, "--dataset", "voc100", "--a", "baseline",
                                                "--b", "perturbed", "--bootstrap", String(resamples)])
        let ap = try #require((comparison["metrics"] as? [[String: Any]])?.first { $0["name"] as? String == "AP" })

        // The oracle sees COCO exports of the workspace and the drawn images by file name.
        let gt = folder.path("gt.json"), a = folder.path("a.json"), b = folder.path("b.json")
        #expect(try LoupeProcess.run(["export", "coco", "--workspace", workspace, "--dataset", "voc100", "--output", gt]).status == 0)
        for (run, path) in [("baseline", a), ("perturbed", b)] {
            #expect(try LoupeProcess.run(["export", "coco", "--workspace", workspace, "--dataset", "voc100", "--model", "voc-detector",
                                          "--run", run, "--output", path]).status == 0)
        }
        let store = try SQLiteStore(path: workspace)
        let dataset = try #require(try await store.dataset(named: "voc100"))
        let keys = try await store.rows(datasetID: dataset.id, page: PageRequest(limit: 1000)).items.map(\.key)
        // Drawn images in ascending row order, copies adjacent: the order in which equal scores of
        // different images are ranked (as COCOEvaluation.accumulate(imageIndices:) documents).
        let drawn = (0..<resamples).map { resample in
            Bootstrap.resampleIndices(rowCount: keys.count, resample: resample, seed: 0).sorted().map { keys[$0] }
        }
        let casePath = folder.path("case.json")
        try JSONSerialization.data(withJSONObject: ["gt": gt, "a": a, "b": b, "resamples": drawn]).write(to: URL(fileURLWithPath: casePath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [LoupeProcess.packageRoot.appendingPathComponent("tests/oracles/coco_paired_bootstrap_oracle.py").path, casePath]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let oracle = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

        for (ours, theirs) in [("a", "a"), ("b", "b"), ("lower", "lower"), ("upper", "upper")] {
            let value = try #require(ap[ours] as? Double), expected = try #require(oracle[theirs] as? Double)
            #expect(abs(value - expected) <= 1e-12, "\(ours): \(value) vs \(expected)")
        }
        #expect(abs((ap["difference"] as? Double ?? 0) - ((oracle["b"] as! Double) - (oracle["a"] as! Double))) <= 1e-12)
        let differences = oracle["differences"] as! [Double]
        #expect(differences.count == resamples && differences.contains { $0 != 0 })
    }
}
