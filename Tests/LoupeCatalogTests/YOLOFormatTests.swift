import Foundation
import LoupeCore
import Testing
@testable import LoupeCatalog

private let coco128 = sharedData.appendingPathComponent("coco128")
private let voc100 = sharedData.appendingPathComponent("voc100-detections")

/// One box of a format, for cross-format comparisons.
private struct KeyedBox: CustomStringConvertible {
    var key: String
    var className: String
    var box: BoundingBox
    var description: String { "\(key) \(className) [\(box.x), \(box.y), \(box.width), \(box.height)]" }
}

/// Describes how two multisets of boxes differ (empty when every box of one has a partner in the
/// other with the same row key and class, and all four numbers within `tolerance`). Each (row,
/// class) group is sorted by (x, y); each box is paired with the first unpaired box of the other
/// side within tolerance (near ties in x may sort differently on the two sides).
private func differences(_ a: [KeyedBox], _ b: [KeyedBox], tolerance: Double = 1e-3) -> [String] {
    func grouped(_ boxes: [KeyedBox]) -> [String: [KeyedBox]] {
        Dictionary(grouping: boxes) { $0.key + "\u{0}" + $0.className }
            .mapValues { $0.sorted { ($0.box.x, $0.box.y) < ($1.box.x, $1.box.y) } }
    }
    func close(_ x: BoundingBox, _ y: BoundingBox) -> Bool {
        [x.x - y.x, x.y - y.y, x.width - y.width, x.height - y.height].allSatisfy { abs($0) <= tolerance }
    }
    let left = grouped(a), right = grouped(b)
    var problems: [String] = []
    for group in Set(left.keys).union(right.keys).sorted() {
        let l = left[group] ?? [], r = right[group] ?? []
        guard l.count == r.count else {
            problems.append("\(group.replacingOccurrences(of: "\u{0}", with: " ")): \(l.count) vs \(r.count) boxes")
            continue
        }
        var used = [Bool](repeating: false, count: r.count)
        for box in l {
            if let match = r.indices.first(where: { !used[$0] && close(box.box, r[$0].box) }) {
                used[match] = true
            } else {
                problems.append("\(box) has no partner")
            }
        }
    }
    return problems
}

/// The boxes COCO states: a box's geometry, or a polygon's recorded `bbox_*` attributes.
private func cocoBoxes(_ batch: ImportBatch, includeCrowd: Bool = false) -> [KeyedBox] {
    batch.annotations.filter { includeCrowd || !$0.isCrowd }.map {
        KeyedBox(key: $0.rowKey, className: $0.className ?? "", box: COCOBoxAttributes.box(of: $0.geometry, attributes: $0.attributes)!)
    }
}

private func boundingBoxes(_ batch: ImportBatch) -> [KeyedBox] {
    batch.annotations.map { KeyedBox(key: $0.rowKey, className: $0.className ?? "", box: $0.geometry.boundingBox!) }
}

/// A fresh temporary folder, removed by the caller.
private func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("yolo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private func importError(_ body: () throws(ImportError) -> ImportBatch) -> ImportError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

@Suite("YOLO import and export")
struct YOLOFormatTests {
    private static func coco128Batch() throws -> ImportBatch {
        try COCOImporter(imagesDirectory: coco128.appendingPathComponent("train2017"))
            .read(contentsOf: coco128.appendingPathComponent("annotations/instances_train2017.json"))
    }

    @Test("coco128: YOLO labels give the COCO file's non-crowd boxes, class for class, within 1e-3 px")
    func coco128AgreesWithCOCO() throws {
        let coco = try Self.coco128Batch()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The names file: the 80 category names in category id order, built from the COCO JSON.
        let namesFile = folder.appendingPathComponent("coco.names")
        try Data(coco.classes.map { $0.name + "\n" }.joined().utf8).write(to: namesFile)
        let names = try YOLOImporter.classNames(contentsOf: namesFile)
        #expect(names.count == 80)
        let labels = coco128.appendingPathComponent("labels_yolo_ultralytics")
        #expect(try FileManager.default.contentsOfDirectory(atPath: labels.path).filter { $0.hasSuffix(".txt") }.count == 126)
        let yolo = try YOLOImporter(classNames: names).read(labels: labels, images: coco128.appendingPathComponent("train2017"))
        #expect(yolo.rows.count == 128)
        #expect(yolo.rows.map(\.key) == coco.rows.map(\.key).sorted())
        #expect(yolo.classes == coco.classes)
        #expect(yolo.annotations.count == 929 && yolo.predictions.isEmpty && yolo.warnings.isEmpty)
        let labeled = Set(yolo.annotations.map(\.rowKey))
        #expect(Set(yolo.rows.map(\.key)).subtracting(labeled) == ["000000000250.jpg", "000000000508.jpg"])
        // Every row's size came from the JPEG header and equals the COCO JSON's.
        let cocoSizes = Dictionary(uniqueKeysWithValues: coco.rows.map { ($0.key, [$0.width, $0.height]) })
        #expect(yolo.rows.allSatisfy { cocoSizes[$0.key] == [$0.width, $0.height] })
        let problems = differences(cocoBoxes(coco), boundingBoxes(yolo))
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    @Test("voc100: COCO v1, COCO v2 (rectangle polygons) and YOLO give the same 273 (row, class, box)")
    func voc100FormatsAgree() throws {
        let gts = voc100.appendingPathComponent("gts")
        let v1 = try COCOImporter().read(contentsOf: gts.appendingPathComponent("coco_format_v1/instances_default.json"))
        let v2 = try COCOImporter(imagesDirectory: voc100.appendingPathComponent("images"))
            .read(contentsOf: gts.appendingPathComponent("coco_format_v2/instances_v2.json"))
        let names = try YOLOImporter.classNames(contentsOf: gts.appendingPathComponent("yolo_format/obj.names"))
        let yolo = try YOLOImporter(classNames: names).read(labels: gts.appendingPathComponent("yolo_format/obj_train_data"),
                                                            images: voc100.appendingPathComponent("images"))
        #expect(v1.annotations.count == 273 && v2.annotations.count == 273 && yolo.annotations.count == 273)
        #expect(v1.annotations.allSatisfy { $0.geometry.kind == .box && $0.attributes["occluded"] != nil })
        #expect(v2.annotations.allSatisfy { $0.geometry.kind == .polygon && $0.attributes["ignore"] == .number(0) })
        #expect(yolo.rows.count == 100 && v1.rows.count == 100 && v2.rows.count == 100)
        #expect(Set(v1.classes.map(\.name)) == Set(v2.classes.map(\.name)))
        #expect(yolo.classes.map(\.name) == v1.classes.map(\.name))  // both CVAT order
        let reference = boundingBoxes(v1)
        #expect(differences(reference, boundingBoxes(v2), tolerance: 0).isEmpty)  // polygon bounds are the v1 boxes
        #expect(differences(reference, cocoBoxes(v2), tolerance: 0).isEmpty)      // and so is v2's own bbox
        let problems = differences(reference, boundingBoxes(yolo))
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    @Test("round trip: YOLO export then import reproduces boxes and polygons within 1e-3 px")
    func exportImportRoundTrip() throws {
        let coco = try Self.coco128Batch()
        let contents = DatasetContents(materializing: coco)
        for asBoxes in [false, true] {
            let export = try YOLOExporter(polygonsAsBoxes: asBoxes).export(contents)
            #expect(export.labelFiles.count == 128)
            #expect(export.labelFiles["000000000250.txt"] == "")
            #expect(try YOLOExporter(polygonsAsBoxes: asBoxes).export(contents) == export)
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try export.write(labelsDirectory: folder.appendingPathComponent("labels"), namesFile: folder.appendingPathComponent("names.txt"))
            let names = try YOLOImporter.classNames(contentsOf: folder.appendingPathComponent("names.txt"))
            let again = try YOLOImporter(classNames: names).read(labels: folder.appendingPathComponent("labels"),
                                                                 images: coco128.appendingPathComponent("train2017"))
            let original = coco.annotations.filter { !$0.isCrowd }
            #expect(again.annotations.count == original.count)
            if asBoxes {
                #expect(differences(cocoBoxes(coco), boundingBoxes(again)).isEmpty)
                continue
            }
            // Same order (label files in row-key order, lines in annotation order); vertices within 1e-3 px.
            let sortedOriginal = original.enumerated().sorted { ($0.element.rowKey, $0.offset) < ($1.element.rowKey, $1.offset) }
            for (a, b) in zip(sortedOriginal.map(\.element), again.annotations) {
                guard case .polygon(let p) = a.geometry, case .polygon(let q) = b.geometry, a.className == b.className else {
                    Issue.record("\(a) vs \(b)")
                    break
                }
                let flat = p.rings.flatMap { $0 }, other = q.rings.flatMap { $0 }
                #expect(flat.count == other.count && zip(flat, other).allSatisfy { abs($0 - $1) <= 1e-3 }, "\(a.rowKey)")
            }
        }
    }

    @Test("predictions export with a confidence and import back as predictions")
    func predictionsRoundTrip() throws {
        var batch = ImportBatch(source: "t", classes: [ClassSpec(name: "cat"), ClassSpec(name: "dog")])
        batch.rows = [DataRow(key: "a.jpg", width: 200, height: 100), DataRow(key: "b.png", width: 10, height: 10)]
        batch.predictions = [
            PredictionSpec(rowKey: "a.jpg", className: "dog", geometry: .box(BoundingBox(x: 10, y: 20, width: 30, height: 40)), score: 0.25),
            PredictionSpec(rowKey: "a.jpg", className: "cat", geometry: .polygon(Polygon(rings: [[0, 0, 100, 0, 100, 50]])), score: 0.5),
        ]
        let export = try YOLOExporter(source: .predictions).export(DatasetContents(materializing: batch))
        #expect(export.labelFiles == ["a.txt": "1 0.125000 0.400000 0.150000 0.400000 0.250000\n"
                                          + "0 0.000000 0.000000 0.500000 0.000000 0.500000 0.500000 0.500000\n", "b.txt": ""])
        #expect(export.names == "cat\ndog\n")
        let again = try YOLOImporter(classNames: ["cat", "dog"])
            .parseLabels(Data(export.labelFiles["a.txt"]!.utf8), file: "a.txt", rowKey: "a.jpg", imageSize: ImageSize(width: 200, height: 100))
        #expect(again.annotations.isEmpty)
        #expect(again.predictions == batch.predictions)
    }

    @Test("export skips crowd regions and writes masks as their boxes; it fails on unknown sizes and clashing names")
    func exportRules() throws {
        var batch = ImportBatch(source: "t", classes: [ClassSpec(name: "cat")])
        batch.rows = [DataRow(key: "a.jpg", width: 4, height: 3)]
        let mask = RunLengthMask(height: 3, width: 4, counts: [1, 2, 9])
        batch.annotations = [AnnotationSpec(rowKey: "a.jpg", className: "cat", geometry: .mask(mask), isCrowd: true),
                             AnnotationSpec(rowKey: "a.jpg", className: "cat", geometry: .mask(mask))]
        #expect(try YOLOExporter().export(DatasetContents(materializing: batch)).labelFiles
                == ["a.txt": "0 0.125000 0.666667 0.250000 0.666667\n"])
        batch.rows.append(DataRow(key: "a.png"))
        #expect(throws: YOLOExportError(rowKey: "a.png", message: "rows 'a.jpg' and 'a.png' would both write a.txt")) {
            try YOLOExporter().export(DatasetContents(materializing: batch))
        }
        batch.rows = [DataRow(key: "a.jpg")]
        #expect(throws: YOLOExportError(rowKey: "a.jpg", message: "the image size is unknown; YOLO coordinates are relative to it")) {
            try YOLOExporter().export(DatasetContents(materializing: batch))
        }
    }

    @Test("six-decimal formatting as Ultralytics and CVAT write it")
    func fixedSixDecimals() {
        func format(_ value: Double) -> String {
            var bytes: [UInt8] = []
            YOLOExport.appendFixed6(value, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(format(0.4794921875) == "0.479492")
        #expect(format(0.5) == "0.500000")
        #expect(format(1) == "1.000000")
        #expect(format(-0.0000004) == "0.000000")
        #expect(format(-0.25) == "-0.250000")
        #expect(format(12.0000005) == "12.000001")
    }

    @Test("segment lines become pixel polygons; blank lines and CRLF are fine")
    func segmentLines() throws {
        let text = "\r\n0 0.1 0.2 0.5 0.2 0.5 0.8\r\n\n1\t0.5 0.5 1 1\n"
        let batch = try YOLOImporter(classNames: ["cat", "dog"])
            .parseLabels(Data(text.utf8), file: "x.txt", rowKey: "x.jpg", imageSize: ImageSize(width: 100, height: 10))
        #expect(batch.annotations.map(\.geometry) == [.polygon(Polygon(rings: [[10, 2, 50, 2, 50, 8]])),
                                                      .box(BoundingBox(x: 0, y: 0, width: 100, height: 10))])
    }

    static let badLines: [(String, Int, String)] = [
        ("0 0.5 0.5 0.1\n", 1, "expected 5 tokens 'class cx cy w h'"),
        ("0 0.5 0.5 0.1 0.1\n1 0.5 0.5 0.1 0.1\n0 0.5 abc 0.1 0.1\n", 3, "token 3 'abc' is not a number"),
        ("\n0 abc 0.5 0.1 0.1\n", 2, "token 2 'abc' is not a number"),
        ("2 0.5 0.5 0.1 0.1\n", 1, "class index 2 is out of range: the names file lists 2 classes (0 to 1)"),
        ("cat 0.5 0.5 0.1 0.1\n", 1, "token 1 'cat' is not a class index"),
        ("0 0.5 0.5 -0.1 0.1\n", 1, "token 4 '-0.1': the width must not be negative"),
        ("0 0.5 0.5 0.1 nan\n", 1, "token 5 'nan' is not a finite number"),
        ("0 0.5 0.5 0.1 0.1\n0 0.5 0.5 0.1 0.1 0.9\n", 2, "has a confidence, but line 1 of bad.txt has none"),
    ]

    @Test("bad label lines fail with the file, the line and what was wrong", arguments: badLines)
    func badLabelLine(_ text: String, _ line: Int, _ fragment: String) {
        let error = importError { () throws(ImportError) in
            try YOLOImporter(classNames: ["cat", "dog"])
                .parseLabels(Data(text.utf8), file: "bad.txt", rowKey: "bad.jpg", imageSize: ImageSize(width: 10, height: 10))
        }
        #expect(error?.file == "bad.txt")
        #expect(error?.location == .line(line))
        #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
    }

    @Test("names files: trailing blank lines are ignored; inner blanks and repeats fail with their line")
    func namesFiles() throws {
        #expect(try YOLOImporter.classNames(from: Data("cat\r\ndog\n\n\n".utf8), file: "n") == ["cat", "dog"])
        let blank = importError { () throws(ImportError) in
            _ = try YOLOImporter.classNames(from: Data("cat\n\ndog\n".utf8), file: "obj.names")
            return ImportBatch(source: "")
        }
        #expect(blank?.file == "obj.names" && blank?.location == .line(2) && blank?.message.contains("blank line") == true)
        let repeated = importError { () throws(ImportError) in
            _ = try YOLOImporter.classNames(from: Data("cat\ndog\ncat\n".utf8), file: "obj.names")
            return ImportBatch(source: "")
        }
        #expect(repeated?.location == .line(3) && repeated?.message.contains("'cat' is also on line 1") == true)
    }

    @Test("a label file without an image fails, or is skipped with one warning")
    func labelWithoutImage() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let labels = folder.appendingPathComponent("labels"), images = folder.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: labels, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: voc100.appendingPathComponent("images/2007_000027.jpg"),
                                         to: images.appendingPathComponent("a.JPG"))
        try Data("0 0.5 0.5 0.2 0.2\n".utf8).write(to: labels.appendingPathComponent("a.txt"))
        try Data("0 0.5 0.5 0.2 0.2\n".utf8).write(to: labels.appendingPathComponent("orphan.txt"))
        try Data("cat\n".utf8).write(to: labels.appendingPathComponent("classes.txt"))
        let error = importError { () throws(ImportError) in try YOLOImporter(classNames: ["cat"]).read(labels: labels, images: images) }
        #expect(error?.file == labels.appendingPathComponent("orphan.txt").path)
        #expect(error?.message.contains("no image named 'orphan.<jpg|jpeg|png|…>'") == true)
        let batch = try YOLOImporter(classNames: ["cat"], skipMissingImages: true).read(labels: labels, images: images)
        #expect(batch.rows.map(\.key) == ["a.JPG"] && batch.rows.first?.width == 486 && batch.rows.first?.height == 500)
        #expect(batch.annotations.count == 1 && batch.annotations.first?.rowKey == "a.JPG")
        #expect(batch.annotations.first?.geometry == .box(BoundingBox(relativeCenterX: 0.5, centerY: 0.5, width: 0.2, height: 0.2,
                                                                      imageWidth: 486, imageHeight: 500)))
        #expect(batch.warnings.map(\.count) == [1])
    }
}
