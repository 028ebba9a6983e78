import LoupeCatalog

/// A shape on the wire: `kind` and the one member that kind uses. Boxes are `[x, y, width,
/// height]` in pixels, polygons a list of rings `[x1, y1, x2, y2, …]`, masks COCO's compressed
/// RLE `{"size": [height, width], "counts": "…"}`, points `[x, y]`.
struct GeometryView: Encodable, Sendable {
    /// A COCO RLE mask.
    struct MaskView: Encodable, Sendable {
        var size: [Int]
        var counts: String
    }

    var kind: String
    var box: [Double]?
    var polygon: [[Double]]?
    var mask: MaskView?
    var point: [Double]?

    init(_ geometry: Geometry) {
        kind = geometry.kind.rawValue
        switch geometry {
        case .none: break
        case .box(let value): box = [value.x, value.y, value.width, value.height]
        case .polygon(let value): polygon = value.rings
        case .mask(let value): mask = MaskView(size: [value.height, value.width], counts: value.compressed)
        case .point(let x, let y): point = [x, y]
        }
    }
}
