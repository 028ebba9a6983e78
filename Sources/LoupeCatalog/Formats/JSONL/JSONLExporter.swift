import Foundation

/// Writes a dataset's rows and current ground truth as JSON Lines that `JSONLImporter` reads
/// back to the same rows and annotations.
///
/// Output, one compact JSON object a line, `\n` endings, UTF-8:
/// - first, unless `classHeader` is off, a header line `{"classes": [...]}` with the schema's
///   class names in ordinal order (so classes without labels, and the order, survive a round trip);
/// - then one line per row, in the order of `DatasetContents.rows`, with the fields in this order,
///   each left out when it has no value: `key`, `uri`, `kind` (always), `split`, `width`,
///   `height`, `text`, `tags` (when not empty), `metadata` (when not empty; keys sorted, dates as
///   ISO 8601 in UTC), then the ground truth:
///   - `label`: the class name, when the row's ground truth is exactly one whole-row
///     classification (`.none` geometry, with a class, not crowd, no area, no attributes);
///   - otherwise `annotations`, when the row has any: an array of objects in annotation order
///     with `class` (when classified), the shape (`box: [x, y, w, h]`, `polygon: [[x, y, …], …]`,
///     `mask: {"size": [h, w], "counts": "<COCO compressed RLE>"}`, `point: [x, y]`, none for a
///     classification), `iscrowd: true` (only when set), `area` (when given) and `attributes`
///     (when not empty, keys sorted).
///
/// Numbers are written in their shortest round-trip form, integral values without a fraction.
/// Annotation authors, label versions and store ids are not written: a re-import attributes the
/// labels to whoever imports them. Predictions in the contents are ignored.
public struct JSONLExporter: Sendable {
    /// Write the `{"classes": [...]}` header line first; default `true`. Turn it off for tools that
    /// expect every line to be a row (the schema's unused classes are then lost).
    public var classHeader: Bool

    /// An exporter.
    public init(classHeader: Bool = true) {
        self.classHeader = classHeader
    }

    /// The JSONL bytes of `contents`.
    /// - Precondition: every annotation's class id is one of `contents.classes` (true of contents
    ///   read from a store or materialized from a batch).
    /// - Complexity: O(rows + annotations), plus sorting each row's metadata keys.
    public func export(_ contents: DatasetContents) -> Data {
        let classes = contents.classes.sorted { $0.ordinal < $1.ordinal }
        var bytes = classHeader ? headerLine(classes: classes) : []
        bytes += lines(rows: contents.rows, annotations: contents.annotations,
                       classNames: Dictionary(classes.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
        return Data(bytes)
    }

    /// The `{"classes": [...]}` header line with its newline, names in ordinal order: the start
    /// of a file written in parts (a streamed export).
    public func headerLine(classes: [LabelClass]) -> [UInt8] {
        var writer = CompactJSONWriter()
        writer.beginObject()
        writer.key("classes")
        writer.beginArray()
        for labelClass in classes.sorted(by: { $0.ordinal < $1.ordinal }) { writer.string(labelClass.name) }
        writer.endArray()
        writer.endObject()
        writer.newline()
        return writer.bytes
    }

    /// One line per row, in the order given, each with the annotations of `annotations` that
    /// belong to it (in their order): a part of a file written in parts.
    /// - Precondition: `classNames` names every annotation's class.
    public func lines(rows: [DataRow], annotations: [Annotation], classNames: [Int64: String]) -> [UInt8] {
        var writer = CompactJSONWriter()
        var annotationsByRow: [Int64: [Annotation]] = [:]
        for annotation in annotations { annotationsByRow[annotation.rowID, default: []].append(annotation) }
        for row in rows {
            write(row, annotations: row.id.flatMap { annotationsByRow[$0] } ?? [], names: classNames, into: &writer)
            writer.newline()
        }
        return writer.bytes
    }

    private func write(_ row: DataRow, annotations: [Annotation], names: [Int64: String], into writer: inout CompactJSONWriter) {
        func name(_ classID: Int64) -> String {
            guard let name = names[classID] else { preconditionFailure("JSONLExporter: class id \(classID) is not in the contents' classes") }
            return name
        }
        writer.beginObject()
        writer.key("key"); writer.string(row.key)
        if let uri = row.uri { writer.key("uri"); writer.string(uri) }
        writer.key("kind"); writer.string(row.kind.rawValue)
        if let split = row.split { writer.key("split"); writer.string(split) }
        if let width = row.width { writer.key("width"); writer.integer(width) }
        if let height = row.height { writer.key("height"); writer.integer(height) }
        if let text = row.text { writer.key("text"); writer.string(text) }
        if !row.tags.isEmpty {
            writer.key("tags")
            writer.beginArray()
            for tag in row.tags { writer.string(tag) }
            writer.endArray()
        }
        if !row.metadata.isEmpty { writer.key("metadata"); writer.object(row.metadata) }
        if annotations.count == 1, let only = annotations.first, Self.isPlainLabel(only), let classID = only.classID {
            writer.key("label"); writer.string(name(classID))
        } else if !annotations.isEmpty {
            writer.key("annotations")
            writer.beginArray()
            for annotation in annotations {
                writer.beginObject()
                if let classID = annotation.classID { writer.key("class"); writer.string(name(classID)) }
                writeShape(annotation.geometry, into: &writer)
                if annotation.isCrowd { writer.key("iscrowd"); writer.bool(true) }
                if let area = annotation.area { writer.key("area"); writer.number(area) }
                if !annotation.attributes.isEmpty { writer.key("attributes"); writer.object(annotation.attributes) }
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
    }

    /// A classification that `label` says completely.
    private static func isPlainLabel(_ annotation: Annotation) -> Bool {
        annotation.geometry == .none && annotation.classID != nil && !annotation.isCrowd && annotation.area == nil
            && annotation.attributes.isEmpty
    }

    private func writeShape(_ geometry: Geometry, into writer: inout CompactJSONWriter) {
        switch geometry {
        case .none:
            break
        case .box(let box):
            writer.key("box"); writer.numbers([box.x, box.y, box.width, box.height])
        case .polygon(let polygon):
            writer.key("polygon")
            writer.beginArray()
            for ring in polygon.rings { writer.numbers(ring) }
            writer.endArray()
        case .mask(let mask):
            writer.key("mask")
            writer.beginObject()
            writer.key("size"); writer.numbers([Double(mask.height), Double(mask.width)])
            writer.key("counts"); writer.string(mask.compressed)
            writer.endObject()
        case .point(let x, let y):
            writer.key("point"); writer.numbers([x, y])
        }
    }
}
