import Foundation
import LoupeCore

/// Reads a "CVAT for images 1.1" XML export (`annotations.xml`) into an `ImportBatch`.
///
/// Mapping:
/// - **rows**: one per `<image>`, keyed by its `name` exactly as given (the image file name, so
///   labels of the same images from COCO, YOLO or VOC files meet on one row); `uri` is that name,
///   relative to the dataset's asset root; `width` and `height` come from the attributes (a
///   missing or `0` size is left unknown and reported). An image listed twice adds to one row.
/// - **shapes**: `<box xtl ytl xbr ybr>` becomes a `.box` (corners kept as given, so
///   `x = xtl`, `width = xbr − xtl`, as CVAT's COCO and VOC exports state them); a box with a
///   non-zero `rotation` (degrees, clockwise about its centre) becomes a four-point `.polygon`,
///   since a `.box` is axis-aligned. `<polygon points="x,y;x,y;…">` becomes a `.polygon` (at
///   least three points), `<points>` one `.point` per point, and `<tag>` a whole-image (`.none`)
///   annotation. `<polyline>`, `<cuboid>`, `<mask>`, `<ellipse>` and `<skeleton>` shapes, and
///   `<track>`s (CVAT for video), are skipped and counted in one warning per kind.
/// - **attributes**: `occluded` and every child `<attribute name="k">v</attribute>`, as a
///   boolean for `true`/`false`/`0`/`1`, a number for other decimal numbers, else text.
/// - **classes**: the labels of `<meta><task><labels>` (or `<meta><project><labels>`, both
///   read when both are present) in document order, with `<color>` as the class colour; a shape
///   whose label is not listed is then an error. Without listed labels, classes come in
///   first-seen order.
///
/// Errors name the file and the element path, elements counted from 1 per tag as in XPath and
/// attributes after `@` (`annotations/image[3]/box[2]@xtl`): a missing image name, a coordinate
/// that is not a number, `xbr < xtl` or `ybr < ytl`, a polygon with fewer than three points, an
/// unknown label. Malformed XML is reported at the parser's line.
public struct CVATImporter: Sendable {
    /// An importer.
    public init() {}

    /// Reads an `annotations.xml` file.
    /// - Throws: `ImportError` when the file cannot be read or is malformed.
    /// - Complexity: O(n) in the file size.
    public func read(contentsOf url: URL) throws(ImportError) -> ImportBatch {
        try parse(ImportFile.contents(of: url), file: url.path)
    }

    /// Parses a document's bytes; `file` names it in the batch and in errors.
    /// - Throws: `ImportError` for malformed XML or the first bad element.
    /// - Complexity: O(n) in the document size.
    public func parse(_ data: Data, file: String) throws(ImportError) -> ImportBatch {
        let root = try XMLTreeElement.parse(data, file: file)
        var reader = CVATDocumentReader(file: file)
        return try reader.read(root)
    }
}
