import Foundation
import LoupeCore

/// Reads the geometry and attributes of one shape element of a CVAT `<image>`.
struct CVATShapeReader {
    let file: String
    let element: XMLTreeElement
    /// `annotations/image[n]/box[m]`, for messages.
    let path: String

    /// The shape's geometries (several for `<points>`), or `nil` for an element that is not a
    /// shape Loupe reads.
    /// - Throws: `ImportError` at the offending attribute.
    func geometries() throws(ImportError) -> [Geometry]? {
        switch element.name {
        case "box": return [try box()]
        case "polygon":
            let points = try points()
            guard points.count >= 3 else {
                throw ImportError(file: file, location: .element(path + "@points"),
                                  message: "a polygon needs at least 3 points, found \(points.count)")
            }
            return [.polygon(Polygon(rings: [points.flatMap { [$0.x, $0.y] }]))]
        case "points":
            return try points().map { .point(x: $0.x, y: $0.y) }
        case "tag":
            return [.none]
        default:
            return nil
        }
    }

    /// `occluded` and the child `<attribute name="k">v</attribute>` elements.
    /// - Throws: `ImportError` for an `<attribute>` without a name.
    func attributes() throws(ImportError) -> [String: MetadataValue] {
        var attributes: [String: MetadataValue] = [:]
        if let occluded = element.attributes["occluded"], !occluded.isEmpty {
            attributes["occluded"] = Self.value(occluded)
        }
        for (index, attribute) in element.children(named: "attribute").enumerated() {
            guard let name = attribute.attributes["name"], !name.isEmpty else {
                throw ImportError(file: file, location: .element("\(path)/attribute[\(index + 1)]@name"),
                                  message: "an <attribute> without a name")
            }
            attributes[name] = Self.value(attribute.text)
        }
        return attributes
    }

    /// A boolean for `true`/`false`/`0`/`1` (any case), a number for other decimal numbers, else the text.
    static func value(_ text: String) -> MetadataValue {
        switch text.lowercased() {
        case "true", "1": return .bool(true)
        case "false", "0": return .bool(false)
        default: break
        }
        if let number = VOCDocument.number(text) { return .number(number) }
        return .string(text)
    }

    // MARK: Geometry

    private func box() throws(ImportError) -> Geometry {
        let xtl = try coordinate("xtl"), ytl = try coordinate("ytl")
        let xbr = try coordinate("xbr"), ybr = try coordinate("ybr")
        guard xbr >= xtl else {
            throw ImportError(file: file, location: .element(path),
                              message: "xbr (\(Self.text(xbr))) is less than xtl (\(Self.text(xtl)))")
        }
        guard ybr >= ytl else {
            throw ImportError(file: file, location: .element(path),
                              message: "ybr (\(Self.text(ybr))) is less than ytl (\(Self.text(ytl)))")
        }
        var rotation = 0.0
        if let text = element.attributes["rotation"], !text.isEmpty {
            guard let value = VOCDocument.number(text) else {
                throw ImportError(file: file, location: .element(path + "@rotation"),
                                  message: "expected a number of degrees, found '\(text)'")
            }
            rotation = value.truncatingRemainder(dividingBy: 360)
        }
        guard rotation != 0 else { return .box(BoundingBox(x1: xtl, y1: ytl, x2: xbr, y2: ybr)) }
        // Rotated clockwise on screen (y points down) about the centre: four corners as a polygon.
        let cx = (xtl + xbr) / 2, cy = (ytl + ybr) / 2
        let radians = rotation * .pi / 180
        let cosine = cos(radians), sine = sin(radians)
        var ring: [Double] = []
        for (x, y) in [(xtl, ytl), (xbr, ytl), (xbr, ybr), (xtl, ybr)] {
            let dx = x - cx, dy = y - cy
            ring += [cx + dx * cosine - dy * sine, cy + dx * sine + dy * cosine]
        }
        return .polygon(Polygon(rings: [ring]))
    }

    private func coordinate(_ name: String) throws(ImportError) -> Double {
        let place = SourceLocation.element("\(path)@\(name)")
        guard let text = element.attributes[name] else {
            throw ImportError(file: file, location: place, message: "missing attribute '\(name)'")
        }
        guard let value = VOCDocument.number(text) else {
            throw ImportError(file: file, location: place, message: "expected a number, found '\(text)'")
        }
        return value
    }

    /// The `points` attribute, `x,y;x,y;…`.
    private func points() throws(ImportError) -> [(x: Double, y: Double)] {
        let place = SourceLocation.element(path + "@points")
        guard let text = element.attributes["points"], !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ImportError(file: file, location: place, message: "missing or empty attribute 'points'")
        }
        var points: [(x: Double, y: Double)] = []
        for (index, pair) in text.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
            let parts = pair.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let x = VOCDocument.number(parts[0]), let y = VOCDocument.number(parts[1]) else {
                throw ImportError(file: file, location: place,
                                  message: "point \(index + 1) '\(pair)': expected two numbers 'x,y'")
            }
            points.append((x, y))
        }
        return points
    }

    private static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
