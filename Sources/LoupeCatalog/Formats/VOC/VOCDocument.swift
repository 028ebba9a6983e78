import LoupeCore

/// One parsed VOC `<annotation>`: the image it describes and its objects, checked.
struct VOCDocument {
    /// One `<object>`.
    struct Object {
        /// `annotation/object[n]`, for messages.
        var path: String
        var className: String
        var box: BoundingBox
        var attributes: [String: MetadataValue]
    }

    /// `<filename>`, the row key.
    var fileName: String
    var width: Int?
    var height: Int?
    var objects: [Object] = []
    /// Accepted oddities, as (message, place).
    var warnings: [(String, SourceLocation)] = []

    /// Reads and checks a document's tree.
    /// - Throws: `ImportError` at the offending element.
    init(root: XMLTreeElement, file: String) throws(ImportError) {
        guard root.name == "annotation" else {
            throw ImportError(file: file, location: .element(root.name),
                              message: "expected <annotation> as the root element, found <\(root.name)>")
        }
        guard let name = root.child("filename")?.text, !name.isEmpty else {
            throw ImportError(file: file, location: .element("annotation/filename"),
                              message: "missing or empty <filename>: the image file name is required as the row key")
        }
        fileName = name
        if let size = root.child("size") {
            let width = try Self.dimension(size, "width", file: file)
            let height = try Self.dimension(size, "height", file: file)
            if let width, let height, width > 0, height > 0 {
                self.width = width
                self.height = height
            } else {
                warnings.append(("<size> is missing a dimension or is 0; the image size is left unknown",
                                 .element("annotation/size")))
            }
        } else {
            warnings.append(("no <size>; the image size is left unknown", .element("annotation/size")))
        }
        for (index, element) in root.children(named: "object").enumerated() {
            objects.append(try Self.object(element, path: "annotation/object[\(index + 1)]", file: file))
        }
    }

    private static func dimension(_ size: XMLTreeElement, _ name: String, file: String) throws(ImportError) -> Int? {
        guard let text = size.child(name)?.text, !text.isEmpty else { return nil }
        guard let value = number(text), value >= 0, value == value.rounded(), value < 1e9 else {
            throw ImportError(file: file, location: .element("annotation/size/\(name)"),
                              message: "expected a whole number of pixels, found '\(text)'")
        }
        return Int(value)
    }

    private static func object(_ element: XMLTreeElement, path: String, file: String) throws(ImportError) -> Object {
        guard let className = element.child("name")?.text, !className.isEmpty else {
            throw ImportError(file: file, location: .element(path + "/name"), message: "missing or empty <name>")
        }
        guard let bndbox = element.child("bndbox") else {
            throw ImportError(file: file, location: .element(path + "/bndbox"), message: "missing <bndbox>")
        }
        func coordinate(_ name: String) throws(ImportError) -> Double {
            let place = SourceLocation.element("\(path)/bndbox/\(name)")
            guard let text = bndbox.child(name)?.text else {
                throw ImportError(file: file, location: place, message: "missing <\(name)>")
            }
            guard let value = number(text) else {
                throw ImportError(file: file, location: place, message: "expected a number, found '\(text)'")
            }
            return value
        }
        let xmin = try coordinate("xmin"), ymin = try coordinate("ymin")
        let xmax = try coordinate("xmax"), ymax = try coordinate("ymax")
        guard xmax >= xmin else {
            throw ImportError(file: file, location: .element(path + "/bndbox"),
                              message: "xmax (\(text(xmax))) is less than xmin (\(text(xmin)))")
        }
        guard ymax >= ymin else {
            throw ImportError(file: file, location: .element(path + "/bndbox"),
                              message: "ymax (\(text(ymax))) is less than ymin (\(text(ymin)))")
        }
        var attributes: [String: MetadataValue] = [:]
        if let difficult = element.child("difficult")?.text, !difficult.isEmpty {
            guard let flag = flag(difficult) else {
                throw ImportError(file: file, location: .element(path + "/difficult"),
                                  message: "expected 0 or 1, found '\(difficult)'")
            }
            attributes["difficult"] = .bool(flag)
        }
        for name in ["truncated", "occluded"] {
            if let text = element.child(name)?.text, !text.isEmpty { attributes[name] = value(text) }
        }
        if let pose = element.child("pose")?.text, !pose.isEmpty { attributes["pose"] = .string(pose) }
        // CVAT's VOC export: <attributes><attribute><name>k</name><value>v</value></attribute></attributes>.
        for attribute in element.child("attributes")?.children(named: "attribute") ?? [] {
            guard let key = attribute.child("name")?.text, !key.isEmpty,
                  let text = attribute.child("value")?.text else { continue }
            attributes[key] = value(text)
        }
        return Object(path: path, className: className, box: BoundingBox(x1: xmin, y1: ymin, x2: xmax, y2: ymax),
                      attributes: attributes)
    }

    /// A finite decimal number (`12`, `-3.5`, `1e3`); `nil` for anything else, including the
    /// hexadecimal, `nan` and `inf` forms `Double(_:)` would accept.
    static func number(_ text: String) -> Double? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) || $0 == 43 || $0 == 45 || $0 == 46 || $0 == 101 || $0 == 69 }),
              let value = Double(text), value.isFinite
        else { return nil }
        return value
    }

    /// `0`/`1`/`false`/`true` as a boolean.
    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes": true
        case "0", "false", "no": false
        default: nil
        }
    }

    /// A boolean for `0`/`1`/`true`/`false`, a number for other numbers, else the text.
    static func value(_ text: String) -> MetadataValue {
        if let flag = flag(text) { return .bool(flag) }
        if let number = number(text) { return .number(number) }
        return .string(text)
    }

    private static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
