import Foundation
import Testing

@Suite("loupe demo and export")
struct DemoCommandTests {
    @Test("the demo builds voc100 with 273 ground-truth boxes and 452 detections, and a second run reuses it")
    func demo() throws {
        let folder = try TemporaryFolder()
        let first = try LoupeProcess.run(["demo", "--json"], workingDirectory: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        let info = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let voc = try #require((info["datasets"] as? [[String: Any]])?.first)
        #expect(voc["name"] as? String == "voc100")
        #expect(voc["rows"] as? Int == 100 && voc["annotations"] as? Int == 273)
        #expect(voc["predictions"] as? Int == 452 && voc["runs"] as? Int == 1 && voc["classes_present"] as? Int == 20)
        let second = try LoupeProcess.run(["demo"], workingDirectory: folder.url)
        #expect(second.status == 0 && second.stderr.contains("reusing"))
    }

    @Test("COCO and YOLO exports of the demo import back to the same annotations")
    func exportRoundTrip() throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("loupe-demo.sqlite")
        #expect(try LoupeProcess.run(["demo", "--workspace", workspace]).status == 0)
        let coco = folder.path("voc100.json")
        #expect(try LoupeProcess.run(["export", "coco", "--workspace", workspace, "--dataset", "voc100", "--output", coco]).status == 0)
        var result = try LoupeProcess.run(["import", "coco", "--workspace", workspace, "--dataset", "again", "--annotations", coco])
        #expect(result.status == 0, "\(result.stderr)")
        let info = try LoupeProcess.json(["info", "--workspace", workspace])["datasets"] as? [[String: Any]] ?? []
        let original = try #require(info.first { $0["name"] as? String == "voc100" })
        let again = try #require(info.first { $0["name"] as? String == "again" })
        for key in ["rows", "annotations", "classes_present", "labeled_rows"] {
            #expect(original[key] as? Int == again[key] as? Int, "\(key)")
        }
        let detections = folder.path("dets.json")
        result = try LoupeProcess.run(["export", "coco", "--workspace", workspace, "--dataset", "voc100", "--model", "voc-detector",
                                       "--run", "baseline", "--output", detections])
        #expect(result.status == 0, "\(result.stderr)")
        let results = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: detections))) as? [Any]
        #expect(results?.count == 452)

        let labels = folder.path("labels"), names = folder.path("names.txt")
        #expect(try LoupeProcess.run(["export", "yolo", "--workspace", workspace, "--dataset", "voc100", "--labels", labels, "--names", names]).status == 0)
        let images = LoupeProcess.packageRoot.appendingPathComponent("demo/voc100/images").path
        result = try LoupeProcess.run(["import", "yolo", "--workspace", workspace, "--dataset", "yolo", "--labels", labels,
                                       "--images", images, "--names", names])
        #expect(result.status == 0, "\(result.stderr)")
        let yolo = try #require((try LoupeProcess.json(["info", "--workspace", workspace])["datasets"] as? [[String: Any]])?
            .first { $0["name"] as? String == "yolo" })
        #expect(yolo["annotations"] as? Int == 273 && yolo["rows"] as? Int == 100)
    }
}
