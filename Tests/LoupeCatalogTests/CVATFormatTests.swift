import Foundation
import LoupeCore
import Testing
@testable import LoupeCatalog


private let cvatFile = sharedData.appendingPathComponent("voc100-detections/gts/cvat_format/annotations.xml")

private func parseCVAT(_ xml: String, file: String = "bad.xml") throws(ImportError) -> ImportBatch {
    try CVATImporter().parse(Data(xml.utf8), file: file)
}

private func cvatError(_ xml: String) -> ImportError? {
    do {
        _ = try parseCVAT(xml)
        return nil
    } catch {
        return error
    }
}

/// A document with labels cat and dog, two plain images, and `third` as the body of image 3.
private func document(third: String, name: String = "name=\"c.jpg\"") -> String {
    """
    <?xml version="1.0" encoding="utf-8"?>
    <annotations>
      <version>1.1</version>
      <meta><task><labels>
        <label><name>cat</name><color>#FF0000</color></label>
        <label><name>dog</name><color>blue</color></label>
      </labels></task></meta>
      <image id="0" name="a.jpg" width="100" height="50"></image>
      <image id="1" name="b.jpg" width="100" height="50">
        <box label="cat" occluded="0" xtl="1" ytl="2" xbr="30" ybr="40"></box>
      </image>
      <image id="2" \(name) width="100" height="50">
        \(third)
      </image>
    </annotations>
    """
}

private let goodBox = #"<box label="cat" occluded="1" xtl="1" ytl="2" xbr="3" ybr="4"></box>"#

@Suite("CVAT for images 1.1 import")
struct CVATFormatTests {
    @Test("voc100: 100 rows, 273 boxes, the meta's 20 labels with colours, sizes from the attributes")
    func voc100() throws {
        let batch = try CVATImporter().read(contentsOf: cvatFile)
        #expect(batch.rows.count == 100)
        #expect(batch.annotations.count == 273)
        #expect(batch.annotations.allSatisfy { $0.geometry.kind == .box && $0.attributes == ["occluded": .bool(false)] })
        #expect(batch.warnings.isEmpty)
        #expect(batch.classes.count == 20)
        #expect(batch.classes.prefix(3) == [ClassSpec(name: "person", color: "#c06060"), ClassSpec(name: "cat", color: "#6080c0"),
                                            ClassSpec(name: "boat", color: "#4040c0")])
        // Images come in the file's order (id 99 first).
        #expect(batch.rows.first == DataRow(key: "2007_001585.jpg", uri: "2007_001585.jpg", kind: .image, width: 500, height: 434))
        let last = try #require(batch.annotations.last)
        #expect(last.rowKey == "2007_000027.jpg")
        #expect(last.geometry == .box(BoundingBox(x: 174, y: 101, width: 175, height: 250)))
    }

    @Test("polygons, points, tags, attributes, rotated boxes; other shapes skipped with counted warnings")
    func shapes() throws {
        let batch = try parseCVAT(document(third: """
            <polygon label="dog" occluded="0" points="10.5,20;30,20;30,40">
              <attribute name="color">red</attribute><attribute name="age">3.5</attribute><attribute name="wild">true</attribute>
            </polygon>
            <points label="cat" occluded="0" points="1,2;3,4"></points>
            <tag label="dog"></tag>
            <polyline label="cat" points="1,2;3,4"></polyline>
            <ellipse label="cat" cx="5" cy="5" rx="2" ry="1"></ellipse>
            <polyline label="cat" points="1,2;3,4"></polyline>
            <box label="cat" xtl="0" ytl="0" xbr="4" ybr="2" rotation="90"></box>
            """), file: "shapes.xml")
        #expect(batch.rows.map(\.key) == ["a.jpg", "b.jpg", "c.jpg"])
        #expect(batch.classes == [ClassSpec(name: "cat", color: "#ff0000"), ClassSpec(name: "dog")])
        let third = batch.annotations.filter { $0.rowKey == "c.jpg" }
        #expect(third.map(\.geometry.kind) == [.polygon, .point, .point, .none, .polygon])
        #expect(third[0].geometry == .polygon(Polygon(rings: [[10.5, 20, 30, 20, 30, 40]])))
        #expect(third[0].attributes == ["occluded": .bool(false), "color": .string("red"), "age": .number(3.5), "wild": .bool(true)])
        #expect(third[2].geometry == .point(x: 3, y: 4))
        #expect(third[3].className == "dog")
        // A 4×2 box rotated 90° about (2, 1) covers x 1…3, y −1…3.
        let rotated = try #require(third[4].geometry.boundingBox)
        #expect(abs(rotated.x - 1) < 1e-9 && abs(rotated.y + 1) < 1e-9 && abs(rotated.width - 2) < 1e-9 && abs(rotated.height - 4) < 1e-9)
        #expect(batch.warnings.count == 3)
        #expect(batch.warnings.first?.location == .element("annotations/meta/task/labels/label[2]/color"))
        let polyline = try #require(batch.warnings.first { $0.message.contains("<polyline>") })
        #expect(polyline.count == 2)
        #expect(polyline.file == "shapes.xml")
        #expect(polyline.location == .element("annotations/image[3]/polyline[1]"))
        #expect(batch.warnings.contains { $0.message.contains("<ellipse>") && $0.location == .element("annotations/image[3]/ellipse[1]") })
    }

    @Test("project labels; without labels in <meta> classes come first-seen; a missing size is a warning")
    func labelSources() throws {
        let project = try parseCVAT("""
            <annotations><meta><project><labels><label><name>b</name></label><label><name>a</name></label></labels></project></meta>
            <image name="x.png" width="4" height="4"><box label="a" xtl="0" ytl="0" xbr="1" ybr="1"/></image></annotations>
            """)
        #expect(project.classes.map(\.name) == ["b", "a"])
        let free = try parseCVAT("""
            <annotations><image name="x.png"><box label="z" xtl="0" ytl="0" xbr="1" ybr="1"/>
            <box label="y" xtl="0" ytl="0" xbr="1" ybr="1"/><box label="z" xtl="0" ytl="0" xbr="1" ybr="1"/></image></annotations>
            """)
        #expect(free.classes.map(\.name) == ["z", "y"])
        #expect(free.rows.first?.width == nil)
        #expect(free.warnings.first?.location == .element("annotations/image[1]"))
    }

    // MARK: Bad input

    @Test("a non-numeric coordinate names the image, the shape and the attribute")
    func nonNumeric() throws {
        let error = try #require(cvatError(document(third: goodBox + #"<box label="cat" xtl="12px" ytl="2" xbr="30" ybr="40"/>"#)))
        #expect(error.file == "bad.xml")
        #expect(error.location == .element("annotations/image[3]/box[2]@xtl"))
        #expect(error.description == "bad.xml: annotations/image[3]/box[2]@xtl: expected a number, found '12px'")
        let missing = try #require(cvatError(document(third: #"<box label="cat" xtl="1" ytl="2" xbr="30"/>"#)))
        #expect(missing.location == .element("annotations/image[3]/box[1]@ybr"))
        #expect(missing.message.contains("missing attribute 'ybr'"))
        let point = try #require(cvatError(document(third: #"<polygon label="cat" points="1,2;3,x;5,6"/>"#)))
        #expect(point.location == .element("annotations/image[3]/polygon[1]@points"))
        #expect(point.message.contains("point 2 '3,x'"))
    }

    @Test("a missing image name")
    func missingName() throws {
        let error = try #require(cvatError(document(third: goodBox, name: "")))
        #expect(error.location == .element("annotations/image[3]@name"))
        #expect(error.message.contains("missing or empty name"))
    }

    @Test("xbr < xtl and ybr < ytl")
    func inverted() throws {
        let error = try #require(cvatError(document(third: #"<box label="cat" xtl="20" ytl="2" xbr="10" ybr="40"/>"#)))
        #expect(error.location == .element("annotations/image[3]/box[1]"))
        #expect(error.message.contains("xbr (10) is less than xtl (20)"))
        let y = try #require(cvatError(document(third: #"<box label="cat" xtl="1" ytl="5" xbr="10" ybr="2.5"/>"#)))
        #expect(y.message.contains("ybr (2.5) is less than ytl (5)"))
    }

    @Test("a label the meta does not list")
    func unknownLabel() throws {
        let error = try #require(cvatError(document(third: goodBox + #"<points label="horse" points="1,2"/>"#)))
        #expect(error.location == .element("annotations/image[3]/points[1]@label"))
        #expect(error.message.contains("label 'horse' is not one of the labels listed in <meta>"))
    }

    @Test("malformed XML names the parser's line; a wrong root; a two-point polygon")
    func malformed() throws {
        let error = try #require(cvatError("<annotations>\n<image name=\"a.jpg\">\n<box label=\"cat\"\n</image>\n</annotations>"))
        #expect(error.file == "bad.xml")
        #expect(error.location == .line(4))
        #expect(error.message.contains("malformed XML"))
        let root = try #require(cvatError("<annotation><filename>a.jpg</filename></annotation>"))
        #expect(root.location == .element("annotation"))
        #expect(root.message.contains("expected <annotations>"))
        let polygon = try #require(cvatError(document(third: #"<polygon label="dog" points="1,2;3,4"/>"#)))
        #expect(polygon.location == .element("annotations/image[3]/polygon[1]@points"))
        #expect(polygon.message.contains("at least 3 points, found 2"))
    }

    @Test("a missing file is named")
    func missingFile() {
        #expect(throws: ImportError.self) { try CVATImporter().read(contentsOf: URL(fileURLWithPath: "/nonexistent/annotations.xml")) }
    }
}
