import LoupeCore

/// The shape of an annotation or prediction. `.none` is a whole-row classification.
public enum Geometry: Hashable, Sendable {
    /// No shape: the class applies to the whole row.
    case none
    /// An axis-aligned box in pixels.
    case box(BoundingBox)
    /// One or more closed rings in pixels.
    case polygon(Polygon)
    /// A COCO run-length mask.
    case mask(RunLengthMask)
    /// A single point in pixels.
    case point(x: Double, y: Double)

    /// The kind as stored: `none`, `box`, `polygon`, `mask` or `point`.
    public var kind: GeometryKind {
        switch self {
        case .none: .none
        case .box: .box
        case .polygon: .polygon
        case .mask: .mask
        case .point: .point
        }
    }

    /// `true` when every coordinate is finite, sizes are not negative, polygons have rings of at
    /// least three points and masks' runs cover their size. Stores refuse invalid geometry.
    public var isValid: Bool {
        switch self {
        case .none: true
        case .box(let box): box.isValid
        case .polygon(let polygon): polygon.isValid
        case .mask(let mask): mask.isWellFormed
        case .point(let x, let y): x.isFinite && y.isFinite
        }
    }

    /// The box around the shape (a zero-size box for a point), or `nil` for `.none`.
    public var boundingBox: BoundingBox? {
        switch self {
        case .none: nil
        case .box(let box): box
        case .polygon(let polygon): polygon.boundingBox
        case .mask(let mask): mask.boundingBox
        case .point(let x, let y): BoundingBox(x: x, y: y, width: 0, height: 0)
        }
    }
}

/// The kinds of `Geometry`, as stored in the `geometry_kind` column.
public enum GeometryKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Whole-row classification.
    case none
    /// Axis-aligned box.
    case box
    /// Polygon rings.
    case polygon
    /// Run-length mask.
    case mask
    /// Single point.
    case point
}
