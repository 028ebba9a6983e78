import Foundation
import Testing

/// The CLI contract scripts rely on, exercised on the built `loupe` binary.
@Suite("loupe import")
struct ImportCommandTests {
    static let coco128 = LoupeProcess.sharedData.appendingPathComponent("coco128")

    static func datasetInfo(_ workspace: String, _ name: String) throws -> [String: Any] {
        let info = try LoupeProcess.json(["info", "--workspace", workspace])
        let datasets = try #require(info["datasets"] as? [[String: Any]])
        return try #require(datasets.first { $0["name"] as? String == name })
    }

    @Test("coco128 imports to 128 rows, 939 annotations (929 polygons, 10 crowd RLE), 71 classes present")
    func coco128() throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("w.sqlite")
        let result = try LoupeProcess.run([
            "import", "coco", "--workspace", workspace, "--dataset", "coco128",
            "--annotations", Self.coco128.appendingPathComponent("annotations/instances_train2017.json").path,
            "--images", Self.coco128.appendingPathComponent("train2017").path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let info = try Self.datasetInfo(workspace, "coco128")
        #expect(info["rows"] as? Int == 128)
        #expect(info["annotations"] as? Int == 939)
        #expect(info["annotations_by_kind"] as? [String: Int] == ["polygon": 929, "mask": 10])
        #expect(info["crowd_annotations"] as? Int == 10)
        #expect(info["classes_present"] as? Int == 71)
        #expect(info["classes"] as? Int == 80)
        #expect(info["runs"] as? Int == 0 && info["predictions"] as? Int == 0)
        #expect(info["labeled_rows"] as? Int == 128, "background images are labeled as empty, not unlabeled")
    }

    @Test("importing the same labels twice fails without --replace, and --replace makes a new label version")
    func reimport() throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("w.sqlite")
        let arguments = ["import", "coco", "--workspace", workspace, "--dataset", "coco128",
                         "--annotations", Self.coco128.appendingPathComponent("annotations/instances_train2017.json").path]
        #expect(try LoupeProcess.run(arguments).status == 0)
        let again = try LoupeProcess.run(arguments)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already has ground truth") && again.stderr.contains("--replace"))
        #expect(try Self.datasetInfo(workspace, "coco128")["annotations"] as? Int == 939)
        let replaced = try LoupeProcess.json(arguments + ["--replace"])
        #expect(replaced["rows_relabeled"] as? Int == 128, "the two background images are labeled as empty, and relabeled too")
        #expect(replaced["rows_updated"] as? Int == 128 && replaced["rows_created"] as? Int == 0)
        #expect(try Self.datasetInfo(workspace, "coco128")["annotations"] as? Int == 939)
    }

    @Test("bad input exits 65 with the file and the line or JSON path, and writes nothing")
    func badInput() throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("w.sqlite")
        let truncated = try folder.write("truncated.json", #"{"images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 4}],"# + "\n" + #" "annotations": [{"id": 1, "#)
        var result = try LoupeProcess.run(["import", "coco", "--workspace", workspace, "--dataset", "d", "--annotations", truncated])
        #expect(result.status == 65)
        #expect(result.stderr.contains("truncated.json") && result.stderr.contains("line 2"), "\(result.stderr)")

        let unknownCategory = try folder.write("category.json", """
            {"images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 4}], "categories": [{"id": 1, "name": "cat"}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 7, "bbox": [0, 0, 1, 1], "area": 1, "iscrowd": 0}]}
            """)
        result = try LoupeProcess.run(["import", "coco", "--workspace", workspace, "--dataset", "d", "--annotations", unknownCategory])
        #expect(result.status == 65)
        #expect(result.stderr.contains("$.annotations[0].category_id"), "\(result.stderr)")

        let images = folder.url.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        let missingImage = try folder.write("missing.json", """
            {"images": [{"id": 1, "file_name": "nowhere.jpg", "width": 4, "height": 4}], "categories": [], "annotations": []}
            """)
        result = try LoupeProcess.run(["import", "coco", "--workspace", workspace, "--dataset", "d", "--annotations", missingImage, "--images", images.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("nowhere.jpg"), "\(result.stderr)")
        result = try LoupeProcess.run(["import", "coco", "--workspace", workspace, "--dataset", "d", "--annotations", missingImage,
                                       "--images", images.path, "--skip-missing-images"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning"), "\(result.stderr)")

        let labels = folder.url.appendingPathComponent("labels")
        try FileManager.default.createDirectory(at: labels, withIntermediateDirectories: true)
        let image = Self.coco128.appendingPathComponent("train2017/000000000009.jpg")
        try FileManager.default.copyItem(at: image, to: images.appendingPathComponent("000000000009.jpg"))
        _ = try folder.write("labels/000000000009.txt", "0 0.5 0.5 0.2 0.2\n0 0.5 abc 0.2 0.2\n")
        let names = try folder.write("names.txt", "person\n")
        result = try LoupeProcess.run(["import", "yolo", "--workspace", workspace, "--dataset", "y", "--labels", labels.path,
                                       "--images", images.path, "--names", names])
        #expect(result.status == 65)
        #expect(result.stderr.contains("000000000009.txt") && result.stderr.contains("line 2") && result.stderr.contains("abc"), "\(result.stderr)")
        let datasets = try LoupeProcess.json(["datasets", "--workspace", workspace])["datasets"] as? [[String: Any]]
        #expect(datasets?.compactMap { $0["name"] as? String } == ["d"], "a failed import left a dataset behind")
    }

    @Test("jsonl: key is required, label optional; the workspace comes from --workspace, LOUPE_WORKSPACE or ./loupe.sqlite")
    func jsonlAndWorkspaceResolution() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("rows.jsonl", """
            {"key": "m1", "label": "spam", "split": "train", "text": "WIN a prize", "metadata": {"length": 11, "sent": "2024-05-01"}}
            {"key": "m2", "text": "see you at 5"}
            {"key": "m3", "label": "ham", "text": "ok", "uri": "sms/m3.txt"}

            """)
        var result = try LoupeProcess.run(["import", "jsonl", "--dataset", "sms", file], workingDirectory: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path("loupe.sqlite")))
        result = try LoupeProcess.run(["import", "jsonl", "--dataset", "sms2", file], workingDirectory: folder.url,
                                      environment: ["LOUPE_WORKSPACE": folder.path("env.sqlite")])
        #expect(result.status == 0, "\(result.stderr)")
        let info = try Self.datasetInfo(folder.path("env.sqlite"), "sms2")
        #expect(info["rows"] as? Int == 3 && info["annotations"] as? Int == 2 && info["labeled_rows"] as? Int == 2)
        #expect(info["rows_by_kind"] as? [String: Int] == ["text": 3])
        let rows = try LoupeProcess.json(["rows", "--workspace", folder.path("env.sqlite"), "--dataset", "sms2"])
        let first = try #require((rows["rows"] as? [[String: Any]])?.first)
        #expect(first["key"] as? String == "m1")
        #expect((first["metadata"] as? [String: Any])?["sent"] as? String == "2024-05-01T00:00:00Z")
    }

    @Test("every command fails with a message and a non-zero exit on a missing workspace or dataset")
    func failures() throws {
        let folder = try TemporaryFolder()
        for arguments in [["info"], ["datasets"], ["rows", "--dataset", "x"], ["export", "coco", "--dataset", "x", "--output", folder.path("o.json")]] {
            let result = try LoupeProcess.run(arguments + ["--workspace", folder.path("none.sqlite")])
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains("no workspace"), "\(arguments): \(result.stderr)")
        }
        _ = try LoupeProcess.run(["import", "jsonl", "--workspace", folder.path("w.sqlite"), "--dataset", "d",
                                  try folder.write("r.jsonl", #"{"key": "a"}"# + "\n")])
        let result = try LoupeProcess.run(["rows", "--workspace", folder.path("w.sqlite"), "--dataset", "nope"])
        #expect(result.status == 1 && result.stderr.contains("no dataset 'nope'"))
        let usage = try LoupeProcess.run(["import", "coco", "--workspace", folder.path("w.sqlite"), "--dataset", "d"])
        #expect(usage.status == 64 && usage.stderr.contains("--annotations"))
    }
}
