import Foundation
import LoupeCore

/// How a `Geometry` is laid out in the `annotation` and `prediction` tables of every store:
/// a kind, the bounding box in four nullable columns (so that SQL can filter and sort on
/// position and size), and a JSON text for the shapes a box cannot hold.
///
/// - `none`: no box, no shape.
/// - `box`, `point`: the box (a point is a zero-size box), no shape.
/// - `polygon`: the rings' bounding box and `{"rings": [[x, y, …], …]}`.
/// - `mask`: pycocotools' `toBbox` box and `{"size": [h, w], "counts": "<compressed>"}`.
public struct GeometryColumns: Hashable, Sendable {
    /// The stored kind.
    public var kind: GeometryKind
    /// Box left, top, width and height, `nil` for `.none`.
    public var box: BoundingBox?
    /// The JSON shape for polygons and masks.
    public var shape: String?

    /// The columns for a geometry.
    public init(_ geometry: Geometry) {
        kind = geometry.kind
        box = geometry.boundingBox
        switch geometry {
        case .polygon(let polygon):
            let rings = polygon.rings.map { ring in "[" + ring.map(Self.number).joined(separator: ",") + "]" }
            shape = "{\"rings\":[" + rings.joined(separator: ",") + "]}"
        case .mask(let mask):
            // The compressed alphabet includes '\\' (92), so the string must be JSON-escaped.
            var text = "{\"size\":[\(mask.height),\(mask.width)],\"counts\":"
            MetadataJSON.appendString(mask.compressed, to: &text)
            shape = text + "}"
        default:
            shape = nil
        }
    }

    /// Columns as read from a store.
    public init(kind: GeometryKind, box: BoundingBox?, shape: String?) {
        self.kind = kind
        self.box = box
        self.shape = shape
    }

    /// The geometry the columns describe.
    /// - Throws: `StoreError.invalid` when the columns contradict each other (a store that
    ///   keeps its CHECK constraints never holds such a row).
    public func geometry() throws -> Geometry {
        switch kind {
        case .none:
            return .none
        case .box:
            guard let box else { throw StoreError.invalid("box geometry without box columns") }
            return .box(box)
        case .point:
            guard let box else { throw StoreError.invalid("point geometry without box columns") }
            return .point(x: box.x, y: box.y)
        case .polygon:
            struct Shape: Decodable { var rings: [[Double]] }
            guard let shape, let decoded = try? JSONDecoder().decode(Shape.self, from: Data(shape.utf8)) else {
                throw StoreError.invalid("polygon geometry with an unreadable shape")
            }
            return .polygon(Polygon(rings: decoded.rings))
        case .mask:
            struct Shape: Decodable { var size: [Int]; var counts: String }
            guard let shape, let decoded = try? JSONDecoder().decode(Shape.self, from: Data(shape.utf8)),
                  decoded.size.count == 2
            else { throw StoreError.invalid("mask geometry with an unreadable shape") }
            do {
                return .mask(try RunLengthMask(height: decoded.size[0], width: decoded.size[1], compressed: decoded.counts))
            } catch {
                throw StoreError.invalid("mask geometry: \(error)")
            }
        }
    }

    /// Shortest round-tripping text of a coordinate (`12`, `12.5`, `0.30000000000000004`).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
