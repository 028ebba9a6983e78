import Foundation
import LoupeCore
import Testing
@testable import LoupeCatalog


private let voc100 = sharedData.appendingPathComponent("voc100-detections/gts")

private func parseVOC(_ xml: String, file: String = "bad.xml") throws(ImportError) -> ImportBatch {
    try VOCImporter().parse(Data(xml.utf8), file: file)
}

private func vocError(_ xml: String) -> ImportError? {
    do {
        _ = try parseVOC(xml)
        return nil
    } catch {
        return error
    }
}

/// A one-object VOC document with the given `bndbox` body.
private func document(filename: String = "<filename>a.jpg</filename>", bndbox: String) -> String {
    """
    <annotation>
      \(filename)
      <size><width>100</width><height>50</height><depth>3</depth></size>
      <object><name>cat</name><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>30</xmax><ymax>40</ymax></bndbox></object>
      <object><name>dog</name><difficult>1</difficult><bndbox>\(bndbox)</bndbox></object>
    </annotation>
    """
}

@Suite("Pascal VOC import")
struct VOCFormatTests {
    @Test("voc100: 100 rows, 273 boxes, 38 difficult, the README's class counts")
    func voc100Counts() throws {
        let batch = try VOCImporter().read(contentsOf: voc100.appendingPathComponent("pascalvoc_format"))
        #expect(batch.rows.count == 100)
        #expect(Set(batch.rows.map(\.key)).count == 100)
        #expect(batch.rows.allSatisfy { $0.width != nil && $0.height != nil && $0.kind == .image })
        #expect(batch.annotations.count == 273)
        #expect(batch.annotations.allSatisfy { $0.geometry.kind == .box })
        #expect(batch.annotations.filter { $0.attributes["difficult"] == .bool(true) }.count == 38)
        #expect(batch.annotations.filter { $0.attributes["difficult"] == .bool(false) }.count == 235)
        #expect(batch.warnings.isEmpty)
        var counts: [String: Int] = [:]
        for annotation in batch.annotations { counts[annotation.className!, default: 0] += 1 }
        let expected = ["person": 91, "aeroplane": 15, "chair": 15, "car": 14, "bicycle": 14, "cow": 14, "bottle": 13,
                        "boat": 11, "sofa": 10, "sheep": 10, "tvmonitor": 9, "dog": 8, "diningtable": 7, "pottedplant": 7,
                        "horse": 7, "bird": 6, "bus": 6, "train": 6, "cat": 5, "motorbike": 5]
        #expect(counts == expected)
        #expect(batch.classes.count == 20)
        // First file 2007_000027.xml holds one person, the second one aeroplanes then persons.
        #expect(batch.classes.prefix(2).map(\.name) == ["person", "aeroplane"])
        #expect(batch.rows.first?.key == "2007_000027.jpg")
        #expect(batch.rows.first?.width == 486 && batch.rows.first?.height == 500)
    }

    @Test("voc100: boxes equal the COCO v1 file's to 1e-3 px (x = xmin, w = xmax − xmin)")
    func voc100MatchesCOCO() throws {
        struct COCOFile: Decodable {
            struct Image: Decodable { var id: Int; var file_name: String; var width: Int; var height: Int }
            struct Category: Decodable { var id: Int; var name: String }
            struct Annotation: Decodable { var image_id: Int; var category_id: Int; var bbox: [Double] }
            var images: [Image]
            var categories: [Category]
            var annotations: [Annotation]
        }
        let data = try Data(contentsOf: voc100.appendingPathComponent("coco_format_v1/instances_default.json"))
        let coco = try JSONDecoder().decode(COCOFile.self, from: data)
        let images = Dictionary(uniqueKeysWithValues: coco.images.map { ($0.id, $0) })
        let names = Dictionary(uniqueKeysWithValues: coco.categories.map { ($0.id, $0.name) })
        struct Key: Hashable { var row: String; var className: String }
        var expected: [Key: [[Double]]] = [:]
        for annotation in coco.annotations {
            let key = Key(row: images[annotation.image_id]!.file_name, className: names[annotation.category_id]!)
            expected[key, default: []].append(annotation.bbox)
        }
        let batch = try VOCImporter().read(contentsOf: voc100.appendingPathComponent("pascalvoc_format"))
        var actual: [Key: [[Double]]] = [:]
        for annotation in batch.annotations {
            guard case .box(let box) = annotation.geometry else { Issue.record("not a box"); continue }
            actual[Key(row: annotation.rowKey, className: annotation.className!), default: []]
                .append([box.x, box.y, box.width, box.height])
        }
        #expect(Set(actual.keys) == Set(expected.keys))
        let order: ([Double], [Double]) -> Bool = { $0.lexicographicallyPrecedes($1) }
        var compared = 0
        for (key, boxes) in expected {
            let mine = (actual[key] ?? []).sorted(by: order)
            let theirs = boxes.sorted(by: order)
            #expect(mine.count == theirs.count, "\(key)")
            for (a, b) in zip(mine, theirs) {
                #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-3 }, "\(key): \(a) vs \(b)")
                compared += 1
            }
        }
        #expect(compared == 273)
        let sizes = Dictionary(uniqueKeysWithValues: coco.images.map { ($0.file_name, [$0.width, $0.height]) })
        for row in batch.rows { #expect(sizes[row.key] == [row.width!, row.height!], "\(row.key)") }
    }

    @Test("one file: attributes, class order, uri")
    func singleFile() throws {
        let batch = try VOCImporter().read(contentsOf: voc100.appendingPathComponent("pascalvoc_format/2007_000032.xml"))
        #expect(batch.rows == [DataRow(key: "2007_000032.jpg", uri: "2007_000032.jpg", kind: .image, width: 500, height: 281)])
        #expect(batch.classes.map(\.name) == ["aeroplane", "person"])
        #expect(batch.annotations.count == 4)
        let first = try #require(batch.annotations.first)
        #expect(first.geometry == .box(BoundingBox(x: 104, y: 78, width: 271, height: 105)))
        #expect(first.attributes == ["difficult": .bool(false), "truncated": .bool(false), "pose": .string("Frontal")])
        #expect(batch.annotations.map { $0.attributes["pose"] } == ["Frontal", "Left", "Rear", "Rear"].map { .string($0) })
    }

    @Test("a class list fixes the schema order; other classes are errors")
    func classList() throws {
        let names = ["dog", "cat", "bird"]
        let batch = try VOCImporter(classNames: names).parse(Data(document(bndbox: "<xmin>5</xmin><ymin>5</ymin><xmax>6</xmax><ymax>7</ymax>").utf8), file: "a.xml")
        #expect(batch.classes.map(\.name) == names)
        do {
            _ = try VOCImporter(classNames: ["dog"]).parse(Data(document(bndbox: "<xmin>5</xmin><ymin>5</ymin><xmax>6</xmax><ymax>7</ymax>").utf8), file: "a.xml")
            Issue.record("expected an error")
        } catch {
            #expect(error.location == .element("annotation/object[1]/name"))
            #expect(error.message.contains("'cat' is not in the given class list"))
        }
    }

    @Test("fractional coordinates, CVAT attributes, occluded; size 0 is a warning")
    func extras() throws {
        let xml = """
        <annotation><filename>b c.png</filename><size><width>0</width><height>0</height></size>
        <object><name>car</name><occluded>1</occluded><truncated>0.25</truncated>
        <bndbox><xmin>10.5</xmin><ymin>2</ymin><xmax>20.25</xmax><ymax>2</ymax></bndbox>
        <attributes><attribute><name>color</name><value>red</value></attribute></attributes></object></annotation>
        """
        let batch = try parseVOC(xml, file: "b.xml")
        #expect(batch.rows.first?.key == "b c.png")
        #expect(batch.rows.first?.width == nil)
        #expect(batch.annotations.first?.geometry == .box(BoundingBox(x: 10.5, y: 2, width: 9.75, height: 0)))
        #expect(batch.annotations.first?.attributes == ["occluded": .bool(true), "truncated": .number(0.25), "color": .string("red")])
        #expect(batch.warnings.count == 1)
        #expect(batch.warnings.first?.location == .element("annotation/size"))
        #expect(batch.warnings.first?.file == "b.xml")
    }

    @Test("a folder with a repeated filename adds to one row and warns once per file")
    func repeatedFilename() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("voc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = document(bndbox: "<xmin>5</xmin><ymin>5</ymin><xmax>6</xmax><ymax>7</ymax>")
        for name in ["2.xml", "1.xml", "3.XML"] { try Data(body.utf8).write(to: folder.appendingPathComponent(name)) }
        try Data("not xml".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let batch = try VOCImporter().read(contentsOf: folder)
        #expect(batch.rows.count == 1)
        #expect(batch.annotations.count == 6)
        #expect(batch.warnings.count == 2)
        #expect(batch.warnings.allSatisfy { $0.message.contains("earlier file") })
        #expect(batch.warnings.map { URL(fileURLWithPath: $0.file).lastPathComponent } == ["2.xml", "3.XML"])
    }

    // MARK: Bad input

    @Test("malformed XML names the file and the parser's line")
    func malformed() throws {
        let xml = "<annotation>\n<filename>a.jpg</filename>\n<object><name>x</name>\n<bndbox><xmin>1</xmin></bndbox>\n</objec>\n</annotation>"
        let error = try #require(vocError(xml))
        #expect(error.file == "bad.xml")
        #expect(error.location == .line(5))
        #expect(error.message.contains("malformed XML"))
        #expect(error.message.contains("closing tag"))
    }

    @Test("a truncated document is malformed, not empty")
    func truncated() throws {
        let xml = "<annotation>\n<filename>a.jpg</filename>\n<object><name>x</name>"
        let error = try #require(vocError(xml))
        #expect(error.location == .line(3))
        #expect(error.message.contains("malformed XML"))
        let empty = try #require(vocError(""))
        #expect(empty.message.contains("malformed XML"))
    }

    @Test("missing filename")
    func missingFilename() throws {
        let error = try #require(vocError(document(filename: "", bndbox: "<xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax>")))
        #expect(error.file == "bad.xml")
        #expect(error.location == .element("annotation/filename"))
        #expect(error.message.contains("<filename>"))
    }

    @Test("non-numeric coordinate names the element path")
    func nonNumeric() throws {
        let error = try #require(vocError(document(bndbox: "<xmin>12px</xmin><ymin>1</ymin><xmax>20</xmax><ymax>2</ymax>")))
        #expect(error.location == .element("annotation/object[2]/bndbox/xmin"))
        #expect(error.message.contains("expected a number, found '12px'"))
        #expect(error.description == "bad.xml: annotation/object[2]/bndbox/xmin: expected a number, found '12px'")
        let nan = try #require(vocError(document(bndbox: "<xmin>1</xmin><ymin>nan</ymin><xmax>20</xmax><ymax>2</ymax>")))
        #expect(nan.location == .element("annotation/object[2]/bndbox/ymin"))
        let missing = try #require(vocError(document(bndbox: "<xmin>1</xmin><ymin>1</ymin><xmax>20</xmax>")))
        #expect(missing.location == .element("annotation/object[2]/bndbox/ymax"))
        #expect(missing.message.contains("missing <ymax>"))
    }

    @Test("xmax < xmin and ymax < ymin")
    func inverted() throws {
        let error = try #require(vocError(document(bndbox: "<xmin>20</xmin><ymin>1</ymin><xmax>10</xmax><ymax>2</ymax>")))
        #expect(error.location == .element("annotation/object[2]/bndbox"))
        #expect(error.message.contains("xmax (10) is less than xmin (20)"))
        let y = try #require(vocError(document(bndbox: "<xmin>1</xmin><ymin>5</ymin><xmax>10</xmax><ymax>2.5</ymax>")))
        #expect(y.message.contains("ymax (2.5) is less than ymin (5)"))
    }

    @Test("other structural errors: root, name, difficult, size")
    func structural() throws {
        let root = try #require(vocError("<annotations><filename>a</filename></annotations>"))
        #expect(root.location == .element("annotations"))
        #expect(root.message.contains("expected <annotation>"))
        let noName = try #require(vocError("<annotation><filename>a</filename><object><bndbox/></object></annotation>"))
        #expect(noName.location == .element("annotation/object[1]/name"))
        let difficult = try #require(vocError("""
            <annotation><filename>a</filename><object><name>x</name><difficult>maybe</difficult>
            <bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object></annotation>
            """))
        #expect(difficult.location == .element("annotation/object[1]/difficult"))
        #expect(difficult.message.contains("'maybe'"))
        let size = try #require(vocError("<annotation><filename>a</filename><size><width>wide</width><height>2</height></size></annotation>"))
        #expect(size.location == .element("annotation/size/width"))
    }

    @Test("a file inside a folder is named by its path; an empty folder is an error")
    func folderErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("voc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try VOCImporter().read(contentsOf: folder)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("no .xml files"))
        }
        try Data("<annotation><filename>a</filename>".utf8).write(to: folder.appendingPathComponent("broken.xml"))
        do {
            _ = try VOCImporter().read(contentsOf: folder)
            Issue.record("expected an error")
        } catch {
            #expect(error.file.hasSuffix("/broken.xml"))
            #expect(error.location == .line(1))
        }
    }
}
