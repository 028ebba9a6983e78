import Foundation
import LoupeCore

/// Turns decoded Label Studio tasks into rows, annotations, predictions and warnings, in input
/// order. See `LabelStudioImporter` for the mapping.
struct LabelStudioBatchBuilder {
    /// The task being added: its row and, once known, its image size.
    private struct TaskContext {
        var rowKey: String
        var reference: String?
        var name: String
        var isText: Bool
        /// The first `original_width` × `original_height` any region of the task states: all
        /// regions of a task are on one image, and predictions often omit the size.
        var statedSize: (width: Double, height: Double)?
        /// Whether `imageSize` was asked already, and its answer.
        var sizeLookedUp = false
        var resolvedSize: ImageSize?
    }

    private var batch: ImportBatch
    private let importer: LabelStudioImporter
    private var warnings = ImportWarningCounter()
    private var rowIndexByKey: [String: Int] = [:]
    private var seenClasses: Set<String> = []
    private let knownLabels: Set<String>?

    init(source: String, importer: LabelStudioImporter) {
        batch = ImportBatch(source: source)
        self.importer = importer
        if let config = importer.labelConfig {
            let labels = config.allLabels
            batch.classes = labels.map { ClassSpec(name: $0) }
            seenClasses = Set(labels)
            knownLabels = Set(labels)
        } else {
            knownLabels = nil
        }
    }

    /// The batch with its warnings.
    var result: ImportBatch {
        var result = batch
        result.warnings = warnings.warnings
        return result
    }

    /// Adds one task's row, annotations and predictions.
    mutating func add(_ task: LabelStudioTask, path: String) throws(ImportError) {
        guard var context = try row(for: task, path: path) else { return }
        for region in task.annotations.flatMap(\.result) + task.predictions.flatMap(\.result) {
            if let width = region.originalWidth, let height = region.originalHeight, width > 0, height > 0 {
                context.statedSize = (width, height)
                break
            }
        }
        for (index, annotation) in task.annotations.enumerated() {
            let annotationPath = "\(path).\(task.annotationsKey)[\(index)]"
            if annotation.wasCancelled {
                warn("cancelled annotations (was_cancelled) are skipped", at: annotationPath)
                continue
            }
            var attributes: [String: MetadataValue] = [:]
            if let id = annotation.id { attributes["annotation_id"] = id.metadata }
            let author = annotation.author.flatMap { $0.name.isEmpty ? nil : $0.name }
            for (regionIndex, region) in annotation.result.enumerated() {
                for shape in try shapes(region, in: &context, path: "\(annotationPath).result[\(regionIndex)]") {
                    batch.annotations.append(AnnotationSpec(rowKey: context.rowKey, className: shape.className,
                                                            geometry: shape.geometry, attributes: attributes, author: author))
                }
            }
        }
        for (index, prediction) in task.predictions.enumerated() {
            let runName = prediction.modelVersion.flatMap { $0.isEmpty ? nil : $0 }
            for (regionIndex, region) in prediction.result.enumerated() {
                let regionPath = "\(path).predictions[\(index)].result[\(regionIndex)]"
                for shape in try shapes(region, in: &context, path: regionPath) {
                    batch.predictions.append(PredictionSpec(runName: runName, rowKey: context.rowKey, className: shape.className,
                                                            geometry: shape.geometry, score: region.score ?? prediction.score))
                }
            }
        }
    }

    // MARK: Rows

    private mutating func row(for task: LabelStudioTask, path: String) throws(ImportError) -> TaskContext? {
        let imageKey = importer.labelConfig?.imageKey ?? "image"
        let textKey = importer.labelConfig?.textKey ?? "text"
        let name = task.id.map { "task \($0)" } ?? "the task at \(path)"
        var row: DataRow
        var reference: String?
        if let image = task.data[imageKey]?.string {
            reference = image
            var key: String
            switch importer.rowKey {
            case .fileName: key = LabelStudioImporter.fileName(fromImageReference: image)
            case .taskID: key = task.id?.description ?? ""
            }
            if key.isEmpty, let id = task.id { key = id.description }
            guard !key.isEmpty else {
                throw ImportError(file: batch.source, location: .jsonPath("\(path).data.\(imageKey)"),
                                  message: "\(name) has no image file name and no id to key its row by")
            }
            let uri = image.contains("://") ? image : key
            row = DataRow(key: key, uri: uri, kind: .image)
        } else if let text = task.data[textKey]?.string {
            guard let id = task.id else {
                throw ImportError(file: batch.source, location: .jsonPath(path),
                                  message: "a text task needs an 'id' for its row key")
            }
            row = DataRow(key: id.description, kind: .text, text: text)
        } else {
            warn("tasks without image or text data ('\(imageKey)' or '\(textKey)') are skipped", at: path)
            return nil
        }
        if rowIndexByKey[row.key] == nil {
            rowIndexByKey[row.key] = batch.rows.count
            batch.rows.append(row)
        } else {
            warn("several tasks have the same row key; their labels go to one row", at: path)
        }
        return TaskContext(rowKey: row.key, reference: reference, name: name, isText: row.kind == .text)
    }

    // MARK: Regions

    private mutating func shapes(_ region: LabelStudioRegion, in context: inout TaskContext,
                                 path: String) throws(ImportError) -> [(className: String?, geometry: Geometry)] {
        guard LabelStudioRegion.supportedTypes.contains(region.type) else {
            warn("region type '\(region.type)' is not supported; skipped", at: path)
            return []
        }
        let labels: [String?] = region.labels.isEmpty ? [nil] : region.labels
        if let knownLabels {
            for label in region.labels where !knownLabels.contains(label) {
                warn("label '\(label)' is not in the label config; imported anyway", at: path + ".value")
            }
        }
        if region.type == "choices" {
            addClasses(region.labels)
            return labels.map { ($0, Geometry.none) }
        }
        if context.isText {
            warn("regions on text tasks are not supported (only choices are imported); skipped", at: path)
            return []
        }
        let (width, height) = try size(of: region, in: &context, path: path)
        let geometry: Geometry
        switch region.type {
        case "rectanglelabels", "rectangle":
            guard region.width >= 0, region.height >= 0 else {
                throw ImportError(file: batch.source, location: .jsonPath(path + ".value"),
                                  message: "expected a non-negative width and height, found \(region.width) × \(region.height)")
            }
            let x = region.x / 100 * width, y = region.y / 100 * height
            let w = region.width / 100 * width, h = region.height / 100 * height
            if region.rotation.truncatingRemainder(dividingBy: 360) == 0 {
                geometry = .box(BoundingBox(x: x, y: y, width: w, height: h))
            } else {
                geometry = .polygon(Self.rotatedRectangle(x: x, y: y, width: w, height: h, degrees: region.rotation))
            }
        case "polygonlabels", "polygon":
            var ring: [Double] = []
            for (index, point) in region.points.enumerated() {
                guard point.count == 2 else {
                    throw ImportError(file: batch.source, location: .jsonPath("\(path).value.points[\(index)]"),
                                      message: "expected a point [x, y], found \(point.count) numbers")
                }
                ring += [point[0] / 100 * width, point[1] / 100 * height]
            }
            guard region.points.count >= 3 else {
                warn("polygons with fewer than 3 points are skipped", at: path)
                return []
            }
            if !region.closed { warn("open polygons (closed: false) are imported as closed polygons", at: path) }
            geometry = .polygon(Polygon(rings: [ring]))
        default: // keypointlabels, keypoint
            geometry = .point(x: region.x / 100 * width, y: region.y / 100 * height)
        }
        addClasses(region.labels)
        return labels.map { ($0, geometry) }
    }

    /// The region's pixel size: its `original_width`/`original_height`, else the size another
    /// region of the task states, else the resolver's answer for the task's image; also records
    /// it as the row's size when the row has none.
    private mutating func size(of region: LabelStudioRegion, in context: inout TaskContext,
                               path: String) throws(ImportError) -> (Double, Double) {
        var size: (Double, Double)?
        if let width = region.originalWidth, let height = region.originalHeight, width > 0, height > 0 {
            size = (width, height)
        } else if let stated = context.statedSize {
            size = stated
        } else {
            if !context.sizeLookedUp {
                context.sizeLookedUp = true
                context.resolvedSize = try lookUpSize(context)
            }
            if let resolved = context.resolvedSize { size = (Double(resolved.width), Double(resolved.height)) }
        }
        guard let size else {
            let region = region.id.map { "region '\($0)'" } ?? "a region"
            throw ImportError(file: batch.source, location: .jsonPath(path),
                              message: "\(context.name), \(region): no image size: the region has no original_width/original_height "
                                  + "and no size is known for '\(context.rowKey)' (give the importer an image-size resolver or an images folder)")
        }
        guard size.0 >= 1, size.0 < 1e9, size.1 >= 1, size.1 < 1e9, size.0.rounded() == size.0, size.1.rounded() == size.1 else {
            throw ImportError(file: batch.source, location: .jsonPath(path),
                              message: "\(context.name): image size \(size.0) × \(size.1) is not a whole number of pixels between 1 and 1e9")
        }
        if let index = rowIndexByKey[context.rowKey], batch.rows[index].width == nil {
            batch.rows[index].width = Int(size.0.rounded())
            batch.rows[index].height = Int(size.1.rounded())
        }
        return size
    }

    /// The resolver's answer for the task's image, else the header of the file of that name in
    /// the images folder; `nil` for text tasks and unknown images.
    private func lookUpSize(_ context: TaskContext) throws(ImportError) -> ImageSize? {
        guard let reference = context.reference else { return nil }
        if let answer = importer.imageSize?(context.rowKey, reference), answer.width > 0, answer.height > 0 {
            return answer
        }
        if let folder = importer.imagesDirectory {
            let url = folder.appendingPathComponent(context.rowKey)
            if FileManager.default.fileExists(atPath: url.path) { return try ImageSize.read(contentsOf: url) }
        }
        return nil
    }

    /// The four corners of a rectangle rotated clockwise (y down) about its top-left corner:
    /// top-left, top-right, bottom-right, bottom-left.
    static func rotatedRectangle(x: Double, y: Double, width: Double, height: Double, degrees: Double) -> Polygon {
        let radians = degrees * Double.pi / 180
        let cosine = cos(radians), sine = sin(radians)
        let topRight = (x + width * cosine, y + width * sine)
        let bottomRight = (topRight.0 - height * sine, topRight.1 + height * cosine)
        let bottomLeft = (x - height * sine, y + height * cosine)
        return Polygon(rings: [[x, y, topRight.0, topRight.1, bottomRight.0, bottomRight.1, bottomLeft.0, bottomLeft.1]])
    }

    private mutating func addClasses(_ labels: [String]) {
        for label in labels where seenClasses.insert(label).inserted { batch.classes.append(ClassSpec(name: label)) }
    }

    private mutating func warn(_ message: String, at path: String) {
        warnings.add(message, file: batch.source, at: .jsonPath(path))
    }
}
