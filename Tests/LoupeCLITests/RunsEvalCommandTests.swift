import Foundation
import LoupeCatalog
import LoupeSQLite
import Testing

@Suite("loupe runs eval and evaluations")
struct RunsEvalCommandTests {
    @Test("the demo run evaluated in the workspace equals pycocotools on the same boxes; the evaluation is stored and reloads")
    func demoDetection() async throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("loupe-demo.sqlite")
        #expect(try LoupeProcess.run(["demo", "--workspace", workspace]).status == 0)
        let arguments = ["runs", "eval", "--workspace", workspace, "--dataset", "voc100", "--model", "voc-detector", "--run", "baseline",
                         "--bootstrap", "40"]
        let report = try LoupeProcess.json(arguments)
        // expected_computed.json of voc100-detections: pycocotools on the COCO export of the same boxes.
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: LoupeProcess.sharedData
            .appendingPathComponent("voc100-detections/expected_computed.json"))) as! [String: Any]
        let pycocotools = expected["coco_bbox_pycocotools"] as! [String: Double]
        let summary = try #require(report["summary"] as? [[String: Any]])
        #expect(summary.count == 12)
        for metric in summary {
            let name = metric["name"] as! String
            #expect(abs((metric["value"] as? Double ?? -1) - pycocotools[name]!) <= 1e-12, "\(name)")
            let lower = try #require(metric["lower"] as? Double), upper = try #require(metric["upper"] as? Double)
            #expect(lower <= upper)
        }
        let details = try #require(report["details"] as? [String: Any])
        let matrix = try #require((details["confusion_matrix"] as? [String: Any])?["counts"] as? [[Int]])
        #expect(matrix.count == 21 && matrix.dropLast().reduce(0) { $0 + $1.reduce(0, +) } == 273)
        #expect(matrix.reduce(0) { $0 + $1.dropLast().reduce(0, +) } == 452)

        // Same key again is refused; --replace recomputes; both are listed by key.
        let again = try LoupeProcess.run(arguments)
        #expect(again.status == 1 && again.stderr.contains("already has an evaluation 'default'"))
        #expect(try LoupeProcess.run(arguments + ["--key", "strict", "--iou", "0.75", "--bootstrap", "0"]).status == 0)
        let list = try LoupeProcess.run(["runs", "evaluations", "--workspace", workspace, "--model", "voc-detector", "--run", "baseline"])
        #expect(list.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) } == ["default", "strict"])

        // Per-row and per-object results are in the store and add up.
        let store = try SQLiteStore(path: workspace)
        let model = try #require(try await store.models().first)
        let run = try #require(try await store.runs(modelID: model.id).first)
        let evaluation = try #require(try await store.evaluation(runID: run.id, key: "default"))
        let rows = try await store.evaluationRows(evaluationID: evaluation.id, page: PageRequest(limit: 1000)).items
        #expect(rows.count == 100)
        #expect(rows.reduce(0) { $0 + ($1.truePositives ?? 0) + ($1.falseNegatives ?? 0) } == 273)
        #expect(rows.reduce(0) { $0 + ($1.truePositives ?? 0) + ($1.falsePositives ?? 0) } == 452)
        let busiest = try #require(rows.max { ($0.falsePositives ?? 0) < ($1.falsePositives ?? 0) })
        let objects = try await store.evaluationObjects(evaluationID: evaluation.id, rowID: busiest.rowID)
        #expect(objects.filter { $0.outcome == .falsePositive }.count == busiest.falsePositives)
        #expect(objects.filter { $0.outcome == .falsePositive }.allSatisfy { $0.reason != nil })
    }

    @Test("a classification run: accuracy and per-row confidence, margin and entropy are stored")
    func classification() async throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("w.sqlite")
        let labels = try folder.write("labels.jsonl", """
            {"key": "a", "label": "cat"}
            {"key": "b", "label": "cat"}
            {"key": "c", "label": "dog"}
            {"key": "d", "label": "dog"}

            """)
        #expect(try LoupeProcess.run(["import", "jsonl", "--workspace", workspace, "--dataset", "pets", labels]).status == 0)
        let predictions = try folder.write("predictions.jsonl", """
            {"key": "a", "probabilities": {"cat": 0.9, "dog": 0.1}}
            {"key": "b", "probabilities": {"cat": 0.4, "dog": 0.6}}
            {"key": "c", "probabilities": {"cat": 0.2, "dog": 0.8}}
            {"key": "d", "probabilities": {"cat": 0.3, "dog": 0.7}}

            """)
        let imported = try LoupeProcess.run(["import", "jsonl", "--workspace", workspace, "--dataset", "pets", "--predictions",
                                             "--model", "clf", "--task", "classification", "--run", "r1", "--no-eval", predictions])
        #expect(imported.status == 0, "\(imported.stderr)")
        let report = try LoupeProcess.json(["runs", "eval", "--workspace", workspace, "--dataset", "pets", "--model", "clf", "--run", "r1",
                                            "--bootstrap", "0"])
        let summary = try #require(report["summary"] as? [[String: Any]])
        #expect(summary.first { $0["name"] as? String == "accuracy" }?["value"] as? Double == 0.75)
        let store = try SQLiteStore(path: workspace)
        let model = try #require(try await store.models().first)
        let run = try #require(try await store.runs(modelID: model.id).first)
        let evaluation = try #require(try await store.evaluation(runID: run.id, key: "default"))
        let rows = try await store.evaluationRows(evaluationID: evaluation.id, page: PageRequest()).items
        #expect(rows.map(\.correct) == [true, false, true, true])
        #expect(abs((rows[1].margin ?? 0) - 0.2) < 1e-6 && abs((rows[0].confidence ?? 0) - 0.9) < 1e-6)
        let entropy = -(0.9 * log(0.9) + 0.1 * log(0.1))
        #expect(abs((rows[0].entropy ?? 0) - entropy) < 1e-6)
    }

    @Test("unknown model or run, and a dataset without labeled rows, are clear refusals")
    func refusals() throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("loupe-demo.sqlite")
        #expect(try LoupeProcess.run(["demo", "--workspace", workspace]).status == 0)
        let model = try LoupeProcess.run(["runs", "eval", "--workspace", workspace, "--dataset", "voc100", "--model", "nope", "--run", "baseline"])
        #expect(model.status == 1 && model.stderr.contains("no model 'nope' (models: voc-detector)"))
        let run = try LoupeProcess.run(["runs", "eval", "--workspace", workspace, "--dataset", "voc100", "--model", "voc-detector", "--run", "x"])
        #expect(run.status == 1 && run.stderr.contains("has no run 'x' (runs: baseline)"))
        let split = try LoupeProcess.run(["runs", "eval", "--workspace", workspace, "--dataset", "voc100", "--model", "voc-detector",
                                          "--run", "baseline", "--split", "nosuch"])
        #expect(split.status == 65 && split.stderr.contains("no labeled rows in split 'nosuch'"), "\(split.stderr)")
    }
}
