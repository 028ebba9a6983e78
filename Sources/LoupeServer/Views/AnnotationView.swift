import LoupeCatalog

/// A ground-truth annotation on the wire: its class by name and its shape.
struct AnnotationView: Encodable, Sendable {
    var id: Int64?
    var className: String?
    var geometry: GeometryView
    var isCrowd: Bool
    var area: Double?
    var attributes: [String: MetadataValue]
    var labelVersion: Int
    var author: String?

    /// The annotation with its class named from `classNames` (by class id).
    init(_ annotation: Annotation, classNames: [Int64: String]) {
        id = annotation.id
        className = annotation.classID.flatMap { classNames[$0] }
        geometry = GeometryView(annotation.geometry)
        isCrowd = annotation.isCrowd
        area = annotation.area
        attributes = annotation.attributes
        labelVersion = annotation.labelVersion
        author = annotation.author
    }
}
