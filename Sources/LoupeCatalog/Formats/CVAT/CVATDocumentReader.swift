import LoupeCore

/// Turns a CVAT for images 1.1 document tree into a batch: the label list from `<meta>`, then one
/// row per `<image>` with its shapes (see `CVATImporter` for the mapping).
struct CVATDocumentReader {
    let file: String
    private var batch: ImportBatch
    /// The labels `<meta>` lists, when it lists any; shapes must then use one of them.
    private var declared: Set<String>?
    private var seenClasses: Set<String> = []
    private var rowIndexByKey: [String: Int] = [:]
    private var warnings = ImportWarningCounter()

    /// Shape elements that Loupe cannot store, skipped with a warning.
    static let skippedShapes: Set<String> = ["polyline", "cuboid", "mask", "ellipse", "skeleton"]

    init(file: String) {
        self.file = file
        batch = ImportBatch(source: file)
    }

    /// Reads the whole document.
    /// - Throws: `ImportError` at the first bad element.
    mutating func read(_ root: XMLTreeElement) throws(ImportError) -> ImportBatch {
        guard root.name == "annotations" else {
            throw ImportError(file: file, location: .element(root.name),
                              message: "expected <annotations> as the root element (CVAT for images 1.1), found <\(root.name)>")
        }
        if let meta = root.child("meta") { try readLabels(meta) }
        var imageCount = 0, trackCount = 0
        for child in root.children {
            switch child.name {
            case "image":
                imageCount += 1
                try readImage(child, path: "annotations/image[\(imageCount)]")
            case "track":
                trackCount += 1
                warnings.add("<track> elements (CVAT for video) are not imported; skipped", file: file,
                             at: .element("annotations/track[\(trackCount)]"))
            default:
                continue  // <version>, <meta>
            }
        }
        batch.warnings = warnings.warnings
        batch.statesCompleteGroundTruth = true
        return batch
    }

    // MARK: Labels

    /// The classes of `<meta><project><labels>` and `<meta><task><labels>`, in document order.
    private mutating func readLabels(_ meta: XMLTreeElement) throws(ImportError) {
        var names: Set<String> = []
        var any = false
        for owner in ["project", "task"] {
            guard let labels = meta.child(owner)?.child("labels") else { continue }
            any = true
            for (index, label) in labels.children(named: "label").enumerated() {
                let path = "annotations/meta/\(owner)/labels/label[\(index + 1)]"
                guard let name = label.child("name")?.text, !name.isEmpty else {
                    throw ImportError(file: file, location: .element(path + "/name"), message: "missing or empty label <name>")
                }
                guard names.insert(name).inserted else { continue }
                var color: String?
                if let text = label.child("color")?.text, !text.isEmpty {
                    if Self.isHexColor(text) {
                        color = text.lowercased()
                    } else {
                        warnings.add("a label <color> that is not #rrggbb was ignored", file: file, at: .element(path + "/color"))
                    }
                }
                batch.classes.append(ClassSpec(name: name, color: color))
            }
        }
        if any { declared = names }
    }

    private static func isHexColor(_ text: String) -> Bool {
        text.utf8.count == 7 && text.hasPrefix("#") && text.utf8.dropFirst().allSatisfy {
            (48...57).contains($0) || (65...70).contains($0) || (97...102).contains($0)
        }
    }

    // MARK: Images

    private mutating func readImage(_ image: XMLTreeElement, path: String) throws(ImportError) {
        guard let name = image.attributes["name"], !name.isEmpty else {
            throw ImportError(file: file, location: .element(path + "@name"),
                              message: "missing or empty name: the image file name is required as the row key")
        }
        let width = try dimension(image, "width", path: path)
        let height = try dimension(image, "height", path: path)
        if rowIndexByKey[name] == nil {
            rowIndexByKey[name] = batch.rows.count
            let known = (width ?? 0) > 0 && (height ?? 0) > 0
            if !known {
                warnings.add("an image without a width and height (or with 0); its size is left unknown", file: file,
                             at: .element(path))
            }
            batch.rows.append(DataRow(key: name, uri: name, kind: .image, width: known ? width : nil,
                                      height: known ? height : nil))
        } else {
            warnings.add("an image named twice; its shapes are added to the same row", file: file, at: .element(path))
        }
        var counts: [String: Int] = [:]
        for element in image.children {
            let index = counts[element.name, default: 0] + 1
            counts[element.name] = index
            let shapePath = "\(path)/\(element.name)[\(index)]"
            if Self.skippedShapes.contains(element.name) {
                warnings.add("<\(element.name)> shapes are not imported (Loupe stores boxes, polygons and points); skipped",
                             file: file, at: .element(shapePath))
                continue
            }
            let shape = CVATShapeReader(file: file, element: element, path: shapePath)
            guard let geometries = try shape.geometries() else {
                warnings.add("unknown element <\(element.name)> inside <image>; skipped", file: file, at: .element(shapePath))
                continue
            }
            let className = try self.className(element, path: shapePath)
            let attributes = try shape.attributes()
            for geometry in geometries {
                batch.annotations.append(AnnotationSpec(rowKey: name, className: className, geometry: geometry,
                                                        attributes: attributes))
            }
        }
    }

    /// The shape's `label`, checked against the listed labels.
    private mutating func className(_ element: XMLTreeElement, path: String) throws(ImportError) -> String {
        guard let label = element.attributes["label"], !label.isEmpty else {
            throw ImportError(file: file, location: .element(path + "@label"), message: "missing or empty label")
        }
        if let declared {
            guard declared.contains(label) else {
                throw ImportError(file: file, location: .element(path + "@label"),
                                  message: "label '\(label)' is not one of the labels listed in <meta>")
            }
        } else if seenClasses.insert(label).inserted {
            batch.classes.append(ClassSpec(name: label))
        }
        return label
    }

    /// A whole number of pixels from an `<image>` attribute, `nil` when absent.
    private func dimension(_ image: XMLTreeElement, _ name: String, path: String) throws(ImportError) -> Int? {
        guard let text = image.attributes[name], !text.isEmpty else { return nil }
        guard let value = VOCDocument.number(text), value >= 0, value == value.rounded(), value < 1e9 else {
            throw ImportError(file: file, location: .element("\(path)@\(name)"),
                              message: "expected a whole number of pixels, found '\(text)'")
        }
        return Int(value)
    }
}
