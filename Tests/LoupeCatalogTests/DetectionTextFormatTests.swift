import Foundation
import LoupeCatalog
import LoupeCore
import Testing

@Suite("Detection text files (Object-Detection-Metrics layout)")
struct DetectionTextFormatTests {
    @Test("the three box layouts of voc-toy-cats read to the same boxes (the relative files within their rounding)")
    func toyCatsLayouts() throws {
        let folder = sharedData.appendingPathComponent("voc-toy-cats")
        let names = try String(contentsOf: folder.appendingPathComponent("voc.names"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
        let xyxy = try DetectionTextReader(boxFormat: .xyxy, hasScores: true)
            .read(folder: folder.appendingPathComponent("dets_classname_abs_xyx2y2"))
        let xywh = try DetectionTextReader(boxFormat: .xywh, hasScores: true)
            .read(folder: folder.appendingPathComponent("dets_classname_abs_xywh"))
        // Image sizes come from the VOC XML ground truth.
        let gt = try VOCImporter().read(contentsOf: folder.appendingPathComponent("gts_vocpascal_format"))
        var sizes: [String: (width: Int, height: Int)] = [:]
        for row in gt.rows { sizes[String(row.key.split(separator: ".")[0])] = (row.width ?? 0, row.height ?? 0) }
        let relative = try DetectionTextReader(boxFormat: .relative, hasScores: true, classNames: names, imageSizes: sizes)
            .read(folder: folder.appendingPathComponent("dets_classid_rel_xcycwh"))
        #expect(xyxy.map(\.imageName) == xywh.map(\.imageName) && xyxy.map(\.imageName) == relative.map(\.imageName))
        #expect(xyxy.flatMap(\.objects).count == 12)
        for (a, b) in zip(xyxy.flatMap(\.objects), xywh.flatMap(\.objects)) {
            #expect(a.className == "cat" && a.score == b.score)
            #expect(abs(a.box.x - b.box.x) < 1e-9 && abs(a.box.width - b.box.width) < 1e-9)
        }
        for (a, c) in zip(xyxy.flatMap(\.objects), relative.flatMap(\.objects)) {
            #expect(c.className == "cat" && a.score == c.score)
            #expect(abs(a.box.x - c.box.x) < 1.5 && abs(a.box.maxY - c.box.maxY) < 1.5)
        }
    }

    @Test("ground-truth files without scores, tabs between fields, scores without a leading zero")
    func odmPerson() throws {
        let folder = sharedData.appendingPathComponent("voc-odm-person")
        let truths = try DetectionTextReader(boxFormat: .xywh, hasScores: false).read(folder: folder.appendingPathComponent("groundtruths"))
        let detections = try DetectionTextReader(boxFormat: .xywh, hasScores: true).read(folder: folder.appendingPathComponent("detections"))
        #expect(truths.flatMap(\.objects).count == 15 && detections.flatMap(\.objects).count == 24)
        #expect(detections[0].objects[0].score == 0.88)
        let relative = try DetectionTextReader(boxFormat: .relative, hasScores: false,
                                               imageSizes: Dictionary(uniqueKeysWithValues: truths.map { ($0.imageName, (200, 200)) }))
            .read(folder: folder.appendingPathComponent("groundtruths_rel"))
        for (a, b) in zip(truths.flatMap(\.objects), relative.flatMap(\.objects)) {
            #expect(abs(a.box.x - b.box.x) < 1e-9 && abs(a.box.height - b.box.height) < 1e-9)
        }
    }

    @Test("bad lines name the file and line and say what was expected")
    func badLines() {
        let reader = DetectionTextReader(boxFormat: .xyxy, hasScores: true, classNames: ["cat"])
        func message(_ text: String) -> String? {
            do {
                _ = try reader.parse(text, file: "a.txt", imageName: "a")
                return nil
            } catch {
                #expect(error.file == "a.txt")
                return "\(error.location.map(String.init(describing:)) ?? ""): \(error.message)"
            }
        }
        #expect(message("0 0.5 1 2 3 4\n0 0.5 1 2 3") == "line 2: expected 6 fields (class score and four box numbers), found 5")
        #expect(message("0 nan 1 2 3 4") == "line 1: expected a number, found 'nan'")
        #expect(message("0 0.5 0x1 2 3 4") == "line 1: expected a number, found '0x1'")
        #expect(message("3 0.5 1 2 3 4") == "line 1: expected a class id between 0 and 0 (the names list), found '3'")
        #expect(message("0 0.5 5 2 3 4") == "line 1: x2 and y2 must not be smaller than x1 and y1")
        #expect(message("\n\n0 0.5 1 2 3 4\n") == nil)
        let relative = DetectionTextReader(boxFormat: .relative, hasScores: false)
        #expect(throws: ImportError.self) { try relative.parse("cat 0.5 0.5 0.1 0.1", file: "b.txt", imageName: "b") }
    }
}
