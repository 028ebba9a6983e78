import Foundation
import Testing

@Suite("loupe runs create, list, show, rename, delete, predictions")
struct RunsCommandTests {
    @Test("a run's life: created with its config and snapshot, predictions imported and evaluated, renamed, deleted with what it took")
    func lifecycle() throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("loupe-demo.sqlite")
        #expect(try LoupeProcess.run(["demo", "--workspace", workspace]).status == 0)
        let created = try LoupeProcess.json(["runs", "create", "--workspace", workspace, "--dataset", "voc100", "--model", "voc-detector",
                                             "--run", "v2", "--config", #"{"epochs": 12}"#])
        #expect(created["snapshot_rows"] as? Int == 100)
        let detections = LoupeProcess.packageRoot.appendingPathComponent("demo/voc100/detections/coco_dets.json").path
        let imported = try LoupeProcess.json(["runs", "predictions", "--workspace", workspace, "--dataset", "voc100", "--run", "v2",
                                              "--format", "coco", "--bootstrap", "0", detections])
        #expect(imported["model"] as? String == "voc-detector" && imported["predictions"] as? Int == 452)
        let summary = try #require((imported["evaluation"] as? [String: Any])?["summary"] as? [[String: Any]])
        #expect(abs((summary[0]["value"] as? Double ?? 0) - 0.3469581862666092) < 1e-12)

        let shown = try LoupeProcess.json(["runs", "show", "--workspace", workspace, "--model", "voc-detector", "--run", "v2"])
        #expect((shown["config"] as? [String: Any])?["epochs"] as? Double == 12)
        #expect((shown["snapshot_rows_by_split"] as? [String: Int]) == ["unassigned": 100])
        #expect((shown["evaluations"] as? [Any])?.count == 1)

        #expect(try LoupeProcess.run(["runs", "rename", "--workspace", workspace, "--model", "voc-detector", "--run", "v2", "--to", "v3"]).status == 0)
        let clash = try LoupeProcess.run(["runs", "rename", "--workspace", workspace, "--model", "voc-detector", "--run", "v3", "--to", "baseline"])
        #expect(clash.status == 1 && clash.stderr.contains("already has a run 'baseline'"))
        let listed = try LoupeProcess.run(["runs", "list", "--workspace", workspace, "--json"])
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(runs.map { $0["run"] as? String } == ["baseline", "v3"])

        let deleted = try LoupeProcess.json(["runs", "delete", "--workspace", workspace, "--model", "voc-detector", "--run", "v3"])
        #expect(deleted["predictions"] as? Int == 452 && deleted["snapshot_rows"] as? Int == 100 && deleted["evaluations"] as? Int == 1)
        let info = try LoupeProcess.json(["info", "--workspace", workspace])
        let voc = try #require((info["datasets"] as? [[String: Any]])?.first)
        #expect(voc["predictions"] as? Int == 452 && voc["runs"] as? Int == 1)
    }

    @Test("an import with --model and --run evaluates the run it brought predictions for, unless --no-eval")
    func evaluateOnImport() throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("loupe-demo.sqlite")
        #expect(try LoupeProcess.run(["demo", "--workspace", workspace]).status == 0)
        let detections = LoupeProcess.packageRoot.appendingPathComponent("demo/voc100/detections/coco_dets.json").path
        let imported = try LoupeProcess.json(["import", "coco", "--workspace", workspace, "--dataset", "voc100", "--annotations", detections,
                                              "--model", "voc-detector", "--run", "v4", "--bootstrap", "20", "--json"])
        #expect(imported["predictions"] as? Int == 452)
        let evaluations = try #require(imported["evaluations"] as? [[String: Any]])
        #expect(evaluations.count == 1 && evaluations.first?["run"] as? String == "v4")
        let summary = try #require((evaluations.first?["evaluation"] as? [String: Any])?["summary"] as? [[String: Any]])
        let ap = try #require(summary.first)
        #expect(abs((ap["value"] as? Double ?? 0) - 0.3469581862666092) < 1e-12)
        #expect((ap["lower"] as? Double ?? 1) <= 0.3469581862666092 && 0.3469581862666092 <= (ap["upper"] as? Double ?? 0))

        let skipped = try LoupeProcess.json(["import", "coco", "--workspace", workspace, "--dataset", "voc100", "--annotations", detections,
                                             "--model", "voc-detector", "--run", "v5", "--no-eval", "--json"])
        #expect((skipped["evaluations"] as? [Any])?.isEmpty == true)
        let shown = try LoupeProcess.json(["runs", "show", "--workspace", workspace, "--model", "voc-detector", "--run", "v5"])
        #expect((shown["evaluations"] as? [Any])?.isEmpty == true)

        // Predictions on a dataset with no labels yet: imported, and a warning says why there is no evaluation.
        let unlabeled = try LoupeProcess.run(["import", "coco", "--workspace", workspace, "--dataset", "fresh", "--annotations", detections,
                                              "--model", "fresh-detector", "--run", "r1"])
        #expect(unlabeled.status == 0 && unlabeled.stderr.contains("fresh-detector/r1 was imported but not evaluated"), "\(unlabeled.stderr)")
    }

    @Test("classification predictions in JSONL create the run and its model, and are evaluated")
    func classificationPredictions() throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("w.sqlite")
        let labels = try folder.write("labels.jsonl", "{\"key\": \"a\", \"label\": \"cat\"}\n{\"key\": \"b\", \"label\": \"dog\"}\n")
        #expect(try LoupeProcess.run(["import", "jsonl", "--workspace", workspace, "--dataset", "pets", labels]).status == 0)
        let predictions = try folder.write("p.jsonl", """
            {"key": "a", "label": "cat", "score": 0.8, "probabilities": {"cat": 0.8, "dog": 0.2}}
            {"key": "b", "label": "cat", "score": 0.6, "probabilities": {"cat": 0.6, "dog": 0.4}}

            """)
        let report = try LoupeProcess.json(["runs", "predictions", "--workspace", workspace, "--dataset", "pets", "--run", "r1",
                                            "--format", "jsonl", "--bootstrap", "0", predictions])
        #expect(report["model"] as? String == "pets")
        let summary = try #require((report["evaluation"] as? [String: Any])?["summary"] as? [[String: Any]])
        #expect(summary.first { $0["name"] as? String == "accuracy" }?["value"] as? Double == 0.5)
        // A second run that fixes b and breaks a: McNemar's exact p with one flip each way is 1.
        let second = try folder.write("p2.jsonl", """
            {"key": "a", "label": "dog", "score": 0.7, "probabilities": {"cat": 0.3, "dog": 0.7}}
            {"key": "b", "label": "dog", "score": 0.9, "probabilities": {"cat": 0.1, "dog": 0.9}}

            """)
        #expect(try LoupeProcess.run(["runs", "predictions", "--workspace", workspace, "--dataset", "pets", "--run", "r2",
                                      "--model", "pets", "--format", "jsonl", "--no-eval", second]).status == 0)
        let comparison = try LoupeProcess.json(["runs", "compare", "--workspace", workspace, "--dataset", "pets", "--a", "r1", "--b", "r2",
                                                "--bootstrap", "50"])
        let test = try #require(comparison["mcnemar"] as? [String: Any])
        #expect(test["fixed"] as? Int == 1 && test["broken"] as? Int == 1 && test["p_value"] as? Double == 1)
        let flips = try #require(comparison["changes"] as? [[String: Any]])
        #expect(flips.map { $0["key"] as? String } == ["a", "b"] && flips.map { $0["flip"] as? String } == ["broken", "fixed"])
        // Per saved slice: the headline metric on the slice's rows.
        #expect(try LoupeProcess.run(["slices", "save", "--workspace", workspace, "--dataset", "pets", "--name", "cats",
                                      "--filter", #"gt.class = "cat""#]).status == 0)
        let perSlice = try LoupeProcess.json(["runs", "compare", "--workspace", workspace, "--dataset", "pets", "--a", "r1", "--b", "r2",
                                              "--bootstrap", "20", "--per-slice"])
        let slice = try #require((perSlice["slices"] as? [[String: Any]])?.first)
        let sliceMetric = try #require(slice["metric"] as? [String: Any])
        #expect(slice["slice"] as? String == "cats" && slice["rows"] as? Int == 1)
        #expect(sliceMetric["a"] as? Double == 1 && sliceMetric["b"] as? Double == 0)
        let accuracy = try #require((comparison["metrics"] as? [[String: Any]])?.first)
        #expect(accuracy["name"] as? String == "accuracy" && accuracy["difference"] as? Double == 0 && accuracy["verdict"] as? String == "not_significant")

        let missing = try LoupeProcess.run(["runs", "predictions", "--workspace", workspace, "--dataset", "nope", "--run", "r1",
                                            "--format", "jsonl", predictions])
        #expect(missing.status == 1 && missing.stderr.contains("no dataset 'nope'"))
    }
}

@Suite("loupe runs metrics")
struct RunsMetricsCommandTests {
    @Test("custom metrics per run, class and row: stored, listed, filterable and sortable; a bad key writes nothing")
    func customMetrics() throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("loupe-demo.sqlite")
        #expect(try LoupeProcess.run(["demo", "--workspace", workspace]).status == 0)
        let values = try folder.write("m.jsonl", """
            {"name": "latency_ms", "value": 12.5}
            {"name": "f2", "class": "person", "value": 0.61}
            {"name": "loss", "key": "2007_000027.jpg", "value": 0.9}
            {"name": "loss", "key": "2007_000032.jpg", "value": 0.2}

            """)
        let arguments = ["runs", "metrics", "--workspace", workspace, "--dataset", "voc100", "--model", "voc-detector", "--run", "baseline"]
        let report = try LoupeProcess.json(arguments + [values])
        #expect((report["metrics"] as? [Any])?.count == 2 && (report["row_metrics"] as? [String: Int]) == ["loss": 2])
        let query = try LoupeProcess.json(["query", "--workspace", workspace, "--dataset", "voc100",
                                           "--filter", #"run("baseline").custom("loss") > 0.5"#])
        #expect(query["count"] as? Int == 1 && (query["rows"] as? [[String: Any]])?.first?["key"] as? String == "2007_000027.jpg")
        let sorted = try LoupeProcess.json(["query", "--workspace", workspace, "--dataset", "voc100", "--limit", "2",
                                            "--sort", #"run("baseline").custom("loss")"#])
        #expect((sorted["rows"] as? [[String: Any]])?.map { $0["key"] as? String } == ["2007_000032.jpg", "2007_000027.jpg"])
        let bad = try folder.write("bad.jsonl", "{\"name\": \"loss\", \"key\": \"2007_000033.jpg\", \"value\": 1}\n{\"name\": \"loss\", \"key\": \"nope\", \"value\": 1}\n")
        let refused = try LoupeProcess.run(arguments + [bad])
        #expect(refused.status == 65 && refused.stderr.contains("no row 'nope'"))
        #expect((try LoupeProcess.json(arguments)["row_metrics"] as? [String: Int]) == ["loss": 2])

        // Compared with a second run's: run and class values as they are, a row metric's mean over
        // the rows both have, with a paired interval and a verdict in its direction.
        let detections = LoupeProcess.packageRoot.appendingPathComponent("demo/voc100/detections/coco_dets.json").path
        #expect(try LoupeProcess.run(["runs", "predictions", "--workspace", workspace, "--dataset", "voc100", "--model", "voc-detector",
                                      "--run", "v2", "--format", "coco", "--bootstrap", "0", detections]).status == 0)
        let second = try folder.write("m2.jsonl", """
            {"name": "latency_ms", "value": 10}
            {"name": "f2", "class": "person", "value": 0.7}
            {"name": "loss", "key": "2007_000027.jpg", "value": 0.5}
            {"name": "loss", "key": "2007_000032.jpg", "value": 0.1}
            {"name": "loss", "key": "2007_000033.jpg", "value": 3}

            """)
        #expect(try LoupeProcess.run(["runs", "metrics", "--workspace", workspace, "--dataset", "voc100", "--model", "voc-detector",
                                      "--run", "v2", second]).status == 0)
        let comparison = try LoupeProcess.json(["runs", "compare", "--workspace", workspace, "--dataset", "voc100", "--a", "baseline",
                                                "--b", "v2", "--bootstrap", "200", "--lower-is-better", "loss"])
        let custom = try #require(comparison["custom_metrics"] as? [[String: Any]])
        #expect(custom.map { $0["name"] as? String } == ["f2:person", "latency_ms", "loss"])
        #expect(abs((custom[1]["difference"] as? Double ?? 0) + 2.5) < 1e-12 && custom[1]["verdict"] == nil)
        let loss = custom[2]
        #expect(abs((loss["a"] as? Double ?? 0) - 0.55) < 1e-12 && abs((loss["b"] as? Double ?? 0) - 0.3) < 1e-12)
        #expect(loss["support"] as? Int == 2 && loss["verdict"] as? String == "better", "\(loss)")
    }
}
