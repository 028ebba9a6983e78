import LoupeCore

/// The attribute names under which `COCOImporter` keeps COCO's `bbox` of a polygon or mask
/// annotation (the geometry holds the shape; COCO states the box separately, and tools do not
/// always derive it exactly from the shape). `COCOExporter` writes these numbers back as `bbox`.
public enum COCOBoxAttributes {
    /// `bbox[0]`, the left edge.
    public static let x = "bbox_x"
    /// `bbox[1]`, the top edge.
    public static let y = "bbox_y"
    /// `bbox[2]`, the width.
    public static let width = "bbox_w"
    /// `bbox[3]`, the height.
    public static let height = "bbox_h"
    /// The four names, for filtering them out of exported attributes.
    public static let all: Set<String> = [x, y, width, height]

    /// The COCO bbox recorded in `attributes`, when all four numbers are there.
    public static func box(in attributes: [String: MetadataValue]) -> BoundingBox? {
        guard case .number(let bx)? = attributes[x], case .number(let by)? = attributes[y],
              case .number(let bw)? = attributes[width], case .number(let bh)? = attributes[height]
        else { return nil }
        return BoundingBox(x: bx, y: by, width: bw, height: bh)
    }

    /// The box COCO states for a shape: a box's own geometry, else the recorded bbox
    /// attributes, else the shape's bounding box (`nil` for `.none`).
    public static func box(of geometry: Geometry, attributes: [String: MetadataValue]) -> BoundingBox? {
        if case .box(let box) = geometry { return box }
        return box(in: attributes) ?? geometry.boundingBox
    }
}
