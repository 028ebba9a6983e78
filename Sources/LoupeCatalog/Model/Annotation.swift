import LoupeCore

/// A piece of ground truth on a row: a class and a shape, with COCO's crowd flag, free
/// attributes, the label version it belongs to and who made it.
public struct Annotation: Hashable, Sendable {
    /// Store-assigned id; `nil` before the annotation is written.
    public var id: Int64?
    /// The row it labels.
    public var rowID: Int64
    /// Its class, or `nil` for an unclassified shape.
    public var classID: Int64?
    /// Its shape.
    public var geometry: Geometry
    /// COCO's `iscrowd`: a region of many objects, matched with crowd semantics.
    public var isCrowd: Bool
    /// The area given by the source format (COCO's `area`), when it gave one.
    public var area: Double?
    /// Free attributes (`occluded`, `difficult`, `truncated`, nested classifications, …).
    public var attributes: [String: MetadataValue]
    /// The row label version this annotation belongs to (from 1).
    public var labelVersion: Int
    /// Who made it: a person, a tool, or the importing file.
    public var author: String?

    /// An annotation value.
    public init(id: Int64? = nil, rowID: Int64, classID: Int64?, geometry: Geometry, isCrowd: Bool = false,
                area: Double? = nil, attributes: [String: MetadataValue] = [:], labelVersion: Int, author: String? = nil) {
        self.id = id
        self.rowID = rowID
        self.classID = classID
        self.geometry = geometry
        self.isCrowd = isCrowd
        self.area = area
        self.attributes = attributes
        self.labelVersion = labelVersion
        self.author = author
    }
}
