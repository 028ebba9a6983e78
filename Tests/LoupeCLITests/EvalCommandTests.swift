import Foundation
import Testing

@Suite("loupe eval")
struct EvalCommandTests {
    static let data = LoupeProcess.sharedData

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try LoupeProcess.run(arguments + ["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test("coco on coco-fake100: --json stats equal pycocotools' in its order; per-class rows carry their support")
    func coco() throws {
        let folder = Self.data.appendingPathComponent("coco-fake100")
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("expected.json"))) as! [String: Any]
        let keys = expected["stats_keys"] as! [String]
        let bbox = ((expected["computed_here_pycocotools"] as! [String: Any])["bbox"] as! [String: Any])["stats"] as! [String: Double]
        let report = try Self.json(["eval", "coco", "--gt", folder.appendingPathComponent("instances_val2014_100.json").path,
                                    "--dt", folder.appendingPathComponent("instances_val2014_fakebbox100_results.json").path,
                                    "--bootstrap", "20"])
        let stats = try #require(report["stats"] as? [Double])
        #expect(stats.count == 12)
        for (value, key) in zip(stats, keys) { #expect(abs(value - bbox[key]!) <= 1e-12, "\(key)") }
        let perClass = try #require(report["per_class"] as? [[String: Any]])
        #expect(perClass.count == 80 && perClass[0]["name"] as? String == "person" && perClass[0]["ground_truths"] as? Int == 250)
        let summary = try #require(report["summary"] as? [[String: Any]])
        #expect(summary.allSatisfy { ($0["lower"] as? Double ?? 2) <= ($0["value"] as? Double ?? -1) + 1e-9 || $0["value"] == nil })

        let text = try LoupeProcess.run(["eval", "coco", "--gt", folder.appendingPathComponent("instances_val2014_100.json").path,
                                         "--dt", folder.appendingPathComponent("instances_val2014_fakebbox100_results.json").path])
        #expect(text.stdout.hasPrefix(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.505"))
    }

    @Test("coco: a detection for an unknown image exits 65 naming the file and JSON path")
    func cocoBadInput() throws {
        let folder = try TemporaryFolder()
        let gt = try folder.write("gt.json", #"{"images": [{"id": 1}], "categories": [{"id": 1, "name": "a"}], "annotations": []}"#)
        let dt = try folder.write("dt.json", #"[{"image_id": 9, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 1}]"#)
        let result = try LoupeProcess.run(["eval", "coco", "--gt", gt, "--dt", dt])
        #expect(result.status == 65 && result.stderr.contains("dt.json: $[0].image_id: image 9 is not in the ground truth's images"),
                "\(result.stderr)")
    }

    @Test("voc on voc100: the devkit's mAP from VOC XML and text detections; difficult counted from COCO inputs")
    func voc100() throws {
        let folder = Self.data.appendingPathComponent("voc100-detections")
        let devkit = try Self.json(["eval", "voc", "--gt", folder.appendingPathComponent("gts/pascalvoc_format").path,
                                    "--dt", folder.appendingPathComponent("dets/abs_xywh").path,
                                    "--names", folder.appendingPathComponent("dets/voc.names").path, "--bootstrap", "200"])
        #expect(abs((devkit["mean_average_precision"] as? Double ?? 0) - 0.6138747922842811) < 1e-12)
        let lower = try #require(devkit["mean_average_precision_lower"] as? Double)
        let upper = try #require(devkit["mean_average_precision_upper"] as? Double)
        #expect(lower < 0.6138747922842811 && 0.6138747922842811 < upper && devkit["resamples"] as? Int == 200)
        #expect((devkit["images"] as? Int) == 100 && (devkit["classes"] as? [Any])?.count == 20)
        let counted = try Self.json(["eval", "voc", "--gt", folder.appendingPathComponent("gts/coco_format_v1/instances_default.json").path,
                                     "--dt", folder.appendingPathComponent("dets/coco_format/coco_dets.json").path])
        #expect(abs((counted["mean_average_precision"] as? Double ?? 0) - 0.610912907479439) < 1e-12)
    }

    @Test("voc on the Object-Detection-Metrics sample: 24.57% at IoU 0.3 with +1-pixel areas")
    func odmPerson() throws {
        let folder = Self.data.appendingPathComponent("voc-odm-person")
        let report = try Self.json(["eval", "voc", "--gt", folder.appendingPathComponent("groundtruths").path,
                                    "--dt", folder.appendingPathComponent("detections").path, "--iou", "0.3", "--inclusive-pixels"])
        #expect(abs((report["mean_average_precision"] as? Double ?? 0) - 0.2456866804) < 1e-10)
        let eleven = try Self.json(["eval", "voc", "--gt", folder.appendingPathComponent("groundtruths").path,
                                    "--dt", folder.appendingPathComponent("detections").path, "--iou", "0.1",
                                    "--inclusive-pixels", "--eleven-point"])
        #expect(abs((eleven["mean_average_precision"] as? Double ?? 0) - 0.3333333333) < 1e-10)
    }

    @Test("voc: detections for an image without ground truth and a bad line are errors that name the file")
    func vocErrors() throws {
        let folder = try TemporaryFolder()
        let gt = folder.path("gt")
        let dt = folder.path("dt")
        try FileManager.default.createDirectory(atPath: gt, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dt, withIntermediateDirectories: true)
        try "cat 1 2 3 4\n".write(toFile: gt + "/a.txt", atomically: true, encoding: .utf8)
        try "cat 0.5 1 2 3 4\n".write(toFile: dt + "/b.txt", atomically: true, encoding: .utf8)
        let unknown = try LoupeProcess.run(["eval", "voc", "--gt", gt, "--dt", dt])
        #expect(unknown.status == 65 && unknown.stderr.contains("image 'b' has detections but no ground truth"))
        try "cat 0.5 1 2 3\n".write(toFile: dt + "/b.txt", atomically: true, encoding: .utf8)
        let bad = try LoupeProcess.run(["eval", "voc", "--gt", gt, "--dt", dt])
        #expect(bad.status == 65 && bad.stderr.contains("b.txt: line 1: expected 6 fields"), "\(bad.stderr)")
    }
}

@Suite("loupe eval classification")
struct EvalClassificationCommandTests {
    @Test("a hand-checked case: accuracy, macro F1, per-class support, the confusion matrix; missing predictions are an error")
    func small() throws {
        let folder = try TemporaryFolder()
        let gt = try folder.write("gt.jsonl", """
            {"key": "a", "label": "cat"}
            {"key": "b", "label": "cat"}
            {"key": "c", "label": "dog"}
            {"key": "d", "label": "dog"}

            """)
        let pred = try folder.write("pred.csv", "key,prob_cat,prob_dog\na,0.9,0.1\nb,0.4,0.6\nc,0.2,0.8\nd,0.3,0.7\n")
        let result = try LoupeProcess.run(["eval", "classification", "--gt", gt, "--pred", pred, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try #require(report["summary"] as? [[String: Any]])
        func value(_ name: String) -> Double? { summary.first { $0["name"] as? String == name }?["value"] as? Double }
        #expect(value("accuracy") == 0.75)
        // cat: P 1, R 0.5, F1 2/3; dog: P 2/3, R 1, F1 0.8.
        #expect(abs((value("macro_f1") ?? 0) - (2.0 / 3 + 0.8) / 2) < 1e-12)
        #expect(value("macro_roc_auc") == 1)
        let matrix = try #require(report["confusion_matrix"] as? [String: Any])
        #expect((matrix["counts"] as? [[Int]]) == [[1, 1], [0, 2]])
        let perClass = try #require(report["per_class"] as? [[String: Any]])
        #expect(perClass.map { $0["support"] as? Int } == [2, 2])

        let partial = try folder.write("partial.csv", "key,prob_cat,prob_dog\na,0.9,0.1\n")
        let missing = try LoupeProcess.run(["eval", "classification", "--gt", gt, "--pred", partial])
        #expect(missing.status == 65 && missing.stderr.contains("3 labeled rows have no prediction (first: 'b')"), "\(missing.stderr)")
    }
}

@Suite("loupe eval segmentation")
struct EvalSegmentationCommandTests {
    /// A `.npy` file of a 2-D uint8 array in C order.
    static func npy(_ values: [[UInt8]]) -> Data {
        var header = "{'descr': '|u1', 'fortran_order': False, 'shape': (\(values.count), \(values[0].count)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var data = Data([0x93]) + Data("NUMPY".utf8) + Data([1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
        data += Data(header.utf8)
        data += Data(values.flatMap { $0 })
        return data
    }

    @Test("a hand-computed two-image case, with an ignore index; a missing prediction and a size mismatch are errors")
    func small() throws {
        let folder = try TemporaryFolder()
        let gt = folder.path("gt"), pred = folder.path("pred")
        try FileManager.default.createDirectory(atPath: gt, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: pred, withIntermediateDirectories: true)
        try Self.npy([[0, 0], [1, 255]]).write(to: URL(fileURLWithPath: gt + "/a.npy"))
        try Self.npy([[0, 1], [1, 1]]).write(to: URL(fileURLWithPath: pred + "/a.npy"))
        try Self.npy([[1, 1]]).write(to: URL(fileURLWithPath: gt + "/b.npy"))
        try Self.npy([[1, 0]]).write(to: URL(fileURLWithPath: pred + "/b.npy"))
        let result = try LoupeProcess.run(["eval", "segmentation", "--gt", gt, "--pred", pred, "--classes", "2", "--ignore-index", "255", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // Counted pixels (truth → prediction): 0→0, 0→1, 1→1, 1→1, 1→0. Class 0: TP 1, FP 1, FN 1 → IoU 1/3;
        // class 1: TP 2, FP 1, FN 1 → IoU 1/2. Pixel accuracy 3/5.
        let perClass = try #require(report["per_class"] as? [[String: Any]])
        #expect(perClass.map { $0["iou"] as? Double } == [1.0 / 3, 0.5])
        let summary = try #require(report["summary"] as? [[String: Any]])
        #expect(summary.first { $0["name"] as? String == "pixel_accuracy" }?["value"] as? Double == 0.6)
        #expect(report["ignored_pixels"] as? Int == 1 && report["pixels"] as? Int == 5)
        // Two images: every resample is {a, a}, {a, b} or {b, b}, so the interval spans those three pixel accuracies.
        let accuracy = try #require(summary.first { $0["name"] as? String == "pixel_accuracy" })
        let lower = try #require(accuracy["lower"] as? Double), upper = try #require(accuracy["upper"] as? Double)
        #expect(lower >= 0.5 - 1e-12 && upper <= 2.0 / 3 + 1e-12 && lower < upper)

        try FileManager.default.removeItem(atPath: pred + "/b.npy")
        let missing = try LoupeProcess.run(["eval", "segmentation", "--gt", gt, "--pred", pred, "--classes", "2", "--ignore-index", "255"])
        #expect(missing.status == 65 && missing.stderr.contains("image 'b' has no prediction"), "\(missing.stderr)")
        try Self.npy([[1, 0, 0]]).write(to: URL(fileURLWithPath: pred + "/b.npy"))
        let size = try LoupeProcess.run(["eval", "segmentation", "--gt", gt, "--pred", pred, "--classes", "2", "--ignore-index", "255"])
        let outside = try LoupeProcess.run(["eval", "segmentation", "--gt", gt, "--pred", pred, "--classes", "2"])
        #expect(outside.status == 65, "an index outside the classes (255 without --ignore-index) is bad input")
        #expect(size.status == 65 && size.stderr.contains("the mask is 1 × 3, the ground truth 1 × 2"), "\(size.stderr)")
    }
}
