import LoupeCore
import Testing

@Suite("Boxes and polygons")
struct GeometryTests {
    @Test("boxes from corners are normalized; YOLO's relative form round-trips")
    func boxes() {
        #expect(BoundingBox(x1: 81, y1: 69, x2: 38, y2: 28) == BoundingBox(x: 38, y: 28, width: 43, height: 41))
        let box = BoundingBox(relativeCenterX: 0.5, centerY: 0.25, width: 0.2, height: 0.1, imageWidth: 640, imageHeight: 480)
        #expect(box == BoundingBox(x: 256, y: 96, width: 128, height: 48))
        let back = box.relativeCenterForm(imageWidth: 640, imageHeight: 480)
        #expect(back.cx == 0.5 && back.cy == 0.25 && abs(back.w - 0.2) < 1e-15 && abs(back.h - 0.1) < 1e-15)
        #expect(!BoundingBox(x: 0, y: 0, width: -1, height: 1).isValid)
        #expect(!BoundingBox(x: .nan, y: 0, width: 1, height: 1).isValid)
        #expect(BoundingBox(x: 0, y: 0, width: 0, height: 5).isValid)
    }

    @Test("polygons: validity, bounding box and shoelace area over several rings")
    func polygons() {
        let polygon = Polygon(rings: [[0, 0, 4, 0, 4, 3], [10, 10, 12, 10, 12, 12, 10, 12]])
        #expect(polygon.isValid)
        #expect(polygon.boundingBox == BoundingBox(x: 0, y: 0, width: 12, height: 12))
        #expect(polygon.shoelaceArea == 6 + 4)
        #expect(!Polygon(rings: [[0, 0, 1, 1]]).isValid)
        #expect(!Polygon(rings: [[0, 0, 1, 1, 2]]).isValid)
        #expect(!Polygon(rings: []).isValid)
    }
}
