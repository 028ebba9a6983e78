import Foundation
@testable import LoupeCatalog
import LoupeCore
import Testing

/// The COCO evaluation end to end from the files: the loader's `loadRes`/`_prepare` semantics and
/// the evaluator, against pycocotools' numbers on the real cases in `../shared/data`.
@Suite("COCO evaluation from files")
struct COCOEvaluationFilesTests {
    static let statKeys = ["AP_50_95_all_100", "AP_50_all_100", "AP_75_all_100", "AP_50_95_small_100", "AP_50_95_medium_100",
                           "AP_50_95_large_100", "AR_50_95_all_1", "AR_50_95_all_10", "AR_50_95_all_100", "AR_50_95_small_100",
                           "AR_50_95_medium_100", "AR_50_95_large_100"]

    static func stats(_ gt: URL, _ dt: URL, _ type: COCOEvaluationParameters.IoUType) throws -> (COCOEvaluationReport, COCOEvaluationFiles) {
        let files = try COCOEvaluationFiles.load(groundTruth: gt, detections: dt, iouType: type)
        let evaluation = try COCOEvaluator(parameters: COCOEvaluationParameters(iouType: type)).evaluate(files.input)
        return (COCOEvaluationReport(evaluation: evaluation, input: files.input, categoryNames: files.categoryNames), files)
    }

    /// pycocotools run on the same files through tests/oracles/coco_eval_files_oracle.py.
    static func oracle(_ gt: URL, _ dt: URL, _ type: String) throws -> [Double] {
        guard let python = ProcessInfo.processInfo.environment["LOUPE_PYTHON"], !python.isEmpty else {
            throw ImportError(file: "LOUPE_PYTHON", message: "this test compares against pycocotools: set LOUPE_PYTHON to a Python "
                + "with tests/requirements.txt installed (scripts/test does), e.g. LOUPE_PYTHON=.venv/bin/python")
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [root.appendingPathComponent("tests/oracles/coco_eval_files_oracle.py").path, gt.path, dt.path, type]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let hex = try JSONDecoder().decode([String].self, from: data)
        return hex.map { Double(hexString: $0) }
    }

    @Test("coco-fake100: bbox and segm stats and per-category values equal pycocotools' to 1e-12", arguments: ["bbox", "segm"])
    func fake100(type: String) throws {
        let folder = sharedData.appendingPathComponent("coco-fake100")
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("expected.json"))) as! [String: Any]
        let computed = (expected["computed_here_pycocotools"] as! [String: Any])[type] as! [String: Any]
        let stats = computed["stats"] as! [String: Double]
        let (report, _) = try Self.stats(folder.appendingPathComponent("instances_val2014_100.json"),
                                         folder.appendingPathComponent("instances_val2014_fake\(type)100_results.json"),
                                         COCOEvaluationParameters.IoUType(rawValue: type)!)
        for (index, key) in Self.statKeys.enumerated() {
            #expect(abs(report.stats[index] - stats[key]!) <= 1e-12, "\(type) \(key): \(report.stats[index]) vs \(stats[key]!)")
        }
        let perCategory = computed["per_category_with_gt_all_area_maxDets100"] as! [String: [String: Any]]
        var compared = 0
        for category in report.perClass {
            guard let values = perCategory[category.name] else {
                #expect(category.groundTruths == 0, "\(category.name) has ground truth but no expected values")
                continue
            }
            #expect(abs((category.ap ?? -1) - (values["AP"] as! Double)) <= 1e-12, "\(category.name) AP")
            #expect(abs((category.ap50 ?? -1) - (values["AP50"] as! Double)) <= 1e-12, "\(category.name) AP50")
            #expect(abs((category.ar ?? -1) - (values["AR100"] as! Double)) <= 1e-12, "\(category.name) AR100")
            compared += 1
        }
        #expect(compared == perCategory.count)
    }

    @Test("coco-fake100-bboxarea (no crowd, area = w·h): the 12 stats equal pycocotools' run here, and the published 6 decimals")
    func bboxArea() throws {
        let folder = sharedData.appendingPathComponent("coco-fake100-bboxarea")
        let gt = folder.appendingPathComponent("sampled_gts_bbox_area.json")
        let dt = folder.appendingPathComponent("sampled_bbox_results.json")
        let (report, _) = try Self.stats(gt, dt, .bbox)
        let reference = try Self.oracle(gt, dt, "bbox")
        for (ours, theirs) in zip(report.stats, reference) { #expect(abs(ours - theirs) <= 1e-12) }
        let published = [0.503647, 0.696973, 0.571667, 0.593252, 0.557991, 0.489363, 0.386813, 0.593680, 0.595353, 0.654764, 0.603130]
        for (ours, theirs) in zip(report.stats, published) { #expect(abs(ours - theirs) < 1e-6) }
    }

    @Test("coco-keypoints-1img: the 10 keypoint stats exactly as faster_coco_eval's test asserts")
    func keypoints() throws {
        let folder = sharedData.appendingPathComponent("coco-keypoints-1img")
        let (report, files) = try Self.stats(folder.appendingPathComponent("gt_dataset.json"),
                                             folder.appendingPathComponent("dt_dataset.json"), .keypoints)
        #expect(files.input.detections.count == 128)
        #expect(report.stats == [0.5048844884488449, 0.7227722772277227, 0.6336633663366337, 0.46633663366336636, 0.7504950495049505,
                                 0.5181818181818182, 0.7272727272727273, 0.6363636363636364, 0.4666666666666666, 0.75])
    }

    @Test("voc100: a scored dataset-shaped file matched by file name and category name gives pycocotools' stats and per-class AP")
    func voc100() throws {
        let folder = sharedData.appendingPathComponent("voc100-detections")
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("expected_computed.json"))) as! [String: Any]
        let summary = expected["coco_bbox_pycocotools"] as! [String: Double]
        let (report, _) = try Self.stats(folder.appendingPathComponent("gts/coco_format_v1/instances_default.json"),
                                         folder.appendingPathComponent("dets/coco_format/coco_dets.json"), .bbox)
        for (record, value) in zip(report.summary, report.stats) {
            #expect(abs(value - summary[record.name]!) <= 1e-12, "\(record.name)")
            #expect(record.value == value)
        }
        let perClass = expected["coco_per_class"] as! [String: [String: Double]]
        for category in report.perClass {
            #expect(abs((category.ap ?? -1) - perClass[category.name]!["AP"]!) <= 1e-12, "\(category.name)")
            #expect(abs((category.ap50 ?? -1) - perClass[category.name]!["AP50"]!) <= 1e-12, "\(category.name)")
        }
    }

    // MARK: Bad input

    static func failure(gt: String, dt: String, type: COCOEvaluationParameters.IoUType = .bbox) throws -> ImportError? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let gtURL = folder.appendingPathComponent("gt.json"), dtURL = folder.appendingPathComponent("dt.json")
        try gt.write(to: gtURL, atomically: true, encoding: .utf8)
        try dt.write(to: dtURL, atomically: true, encoding: .utf8)
        do {
            _ = try COCOEvaluationFiles.load(groundTruth: gtURL, detections: dtURL, iouType: type)
            return nil
        } catch {
            return error
        }
    }

    static let smallGT = """
        {"images": [{"id": 1, "width": 4, "height": 3, "file_name": "a.jpg"}],
         "categories": [{"id": 7, "name": "cat"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 7, "bbox": [0, 0, 2, 2], "area": 4, "iscrowd": 0,
                          "segmentation": [[0, 0, 2, 0, 2, 2, 0, 2]]}]}
        """

    @Test("bad detections are errors that name the element: unknown image or category, NaN, an object, malformed or mis-sized RLE")
    func badInput() throws {
        func check(_ dt: String, _ location: String, _ message: String, type: COCOEvaluationParameters.IoUType = .bbox,
                   sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let error = try Self.failure(gt: Self.smallGT, dt: dt, type: type)
            #expect(error?.file.hasSuffix("dt.json") == true, sourceLocation: sourceLocation)
            #expect(error?.location.map { "\($0)" } == location, "\(String(describing: error))", sourceLocation: sourceLocation)
            #expect(error?.message.contains(message) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        }
        try check(#"[{"image_id": 1, "category_id": 7, "bbox": [0, 0, 1, 1], "score": 0.5}, {"image_id": 2, "category_id": 7, "bbox": [0, 0, 1, 1], "score": 0.5}]"#,
                  "$[1].image_id", "image 2 is not in the ground truth's images")
        try check(#"[{"image_id": 1, "category_id": 8, "bbox": [0, 0, 1, 1], "score": 0.5}]"#,
                  "$[0].category_id", "category 8 is not in the ground truth's categories")
        try check(#"[{"image_id": 1, "category_id": 7, "bbox": [0, 0, 1, 1], "score": NaN}]"#,
                  "line 1, $[0].score", "NaN and Infinity are not JSON numbers")
        try check(#"{"image_id": 1, "category_id": 7, "bbox": [0, 0, 1, 1], "score": 0.5}"#,
                  "$", "expected a COCO results file: a JSON array of detections")
        try check(#"[{"image_id": 1, "category_id": 7, "segmentation": {"size": [3, 4], "counts": "0 2"}, "score": 0.5}]"#,
                  "$[0].segmentation.counts", "invalid compressed RLE at byte 1", type: .segm)
        try check(#"[{"image_id": 1, "category_id": 7, "segmentation": {"size": [5, 4], "counts": [20]}, "score": 0.5}]"#,
                  "$[0].segmentation.size", "the mask is 5 × 4 but image 1 is 3 × 4", type: .segm)
        try check(#"[{"image_id": 1, "category_id": 7, "bbox": [0, 0, -1, 1], "score": 0.5}]"#,
                  "$[0].bbox", "must not be negative")
        try check(#"[{"image_id": 1, "category_id": 7, "bbox": [0, 0, 1, 1]}]"#, "$[0].score", "a detection needs a \"score\"")
    }

    @Test("segm: a box result becomes its box's polygon and a missing area is filled in with a warning")
    func boxResultInSegm() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let gt = folder.appendingPathComponent("gt.json"), dt = folder.appendingPathComponent("dt.json")
        try Self.smallGT.replacingOccurrences(of: #""area": 4, "#, with: "").write(to: gt, atomically: true, encoding: .utf8)
        try #"[{"image_id": 1, "category_id": 7, "bbox": [0, 0, 2, 2], "score": 0.9}]"#.write(to: dt, atomically: true, encoding: .utf8)
        let files = try COCOEvaluationFiles.load(groundTruth: gt, detections: dt, iouType: .segm)
        #expect(files.warnings.count == 1 && files.input.groundTruths[0].area == 4)
        let mask = try #require(files.input.detections[0].mask)
        #expect(mask == files.input.groundTruths[0].mask)
        let summary = try COCOEvaluator(parameters: COCOEvaluationParameters(iouType: .segm)).summarize(files.input)
        #expect(summary["AP50"]! > 0.99)
    }
}

extension Double {
    /// A value from Python's `float.hex()` form (`0x1.8p-1`).
    init(hexString: String) {
        self = strtod(hexString, nil)
    }
}
