import LoupeCore

/// Reads a JSONL line's `annotations` array (what `JSONLExporter` writes for ground truth that
/// is not a single classification) into `AnnotationSpec`s.
///
/// Each element is an object with an optional `class`, at most one shape — `box: [x, y, w, h]`,
/// `polygon: [[x1, y1, x2, y2, …], …]`, `mask: {"size": [h, w], "counts": "…" | [n, …]}` (COCO
/// RLE, compressed or not) or `point: [x, y]`; none means a whole-row classification — and
/// optionally `iscrowd` (boolean, or 0/1), `area` (number) and `attributes` (an object of scalars).
struct JSONLAnnotationReader {
    let file: String
    let line: Int

    /// Failures are `ImportError`s at `line` and the element's JSON path.
    func read(_ value: JSONLValue, rowKey: String, warnings: inout ImportWarningCounter) throws(ImportError) -> [AnnotationSpec] {
        guard case .array(let items) = value else { throw error("$.annotations", "expected an array, found \(value.typeName)") }
        var specs: [AnnotationSpec] = []
        for (index, item) in items.enumerated() {
            let base = "$.annotations[\(index)]"
            guard case .object(let members) = item else { throw error(base, "expected an object, found \(item.typeName)") }
            var spec = AnnotationSpec(rowKey: rowKey, className: nil, geometry: .none)
            var shapeField: String?
            for (name, member) in members {
                let path = base + "." + name
                if case .null = member { continue }
                switch name {
                case "class":
                    guard case .string(let text) = member else { throw error(path, "expected a string, found \(member.typeName)") }
                    spec.className = text
                case "box", "polygon", "mask", "point":
                    if let shapeField { throw error(path, "an annotation has one shape; '\(shapeField)' is already given") }
                    shapeField = name
                    spec.geometry = try geometry(name, member, path: path)
                case "iscrowd":
                    switch member {
                    case .bool(let flag): spec.isCrowd = flag
                    case .number(let number) where number == 0 || number == 1: spec.isCrowd = number == 1
                    default: throw error(path, "expected true, false, 0 or 1")
                    }
                case "area":
                    guard case .number(let area) = member, area >= 0 else { throw error(path, "expected a non-negative number") }
                    spec.area = area
                case "attributes":
                    spec.attributes = try attributes(member, path: path)
                default:
                    warnings.add("unknown annotation field '\(name)' ignored", file: file, at: .lineAndPath(line, path))
                }
            }
            specs.append(spec)
        }
        return specs
    }

    private func geometry(_ kind: String, _ value: JSONLValue, path: String) throws(ImportError) -> Geometry {
        switch kind {
        case "box":
            let numbers = try numbers(value, path: path)
            guard numbers.count == 4 else { throw error(path, "expected [x, y, width, height], found \(numbers.count) numbers") }
            let box = BoundingBox(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
            guard box.isValid else { throw error(path, "a box's width and height must not be negative") }
            return .box(box)
        case "point":
            let numbers = try numbers(value, path: path)
            guard numbers.count == 2 else { throw error(path, "expected [x, y], found \(numbers.count) numbers") }
            return .point(x: numbers[0], y: numbers[1])
        case "polygon":
            guard case .array(let rings) = value, !rings.isEmpty else { throw error(path, "expected an array of rings") }
            var result: [[Double]] = []
            for (index, ring) in rings.enumerated() { result.append(try numbers(ring, path: "\(path)[\(index)]")) }
            let polygon = Polygon(rings: result)
            guard polygon.isValid else { throw error(path, "every ring needs an even number of coordinates, at least 3 points") }
            return .polygon(polygon)
        default:
            return .mask(try mask(value, path: path))
        }
    }

    private func mask(_ value: JSONLValue, path: String) throws(ImportError) -> RunLengthMask {
        guard case .object(let members) = value,
              let size = members.first(where: { $0.key == "size" })?.value,
              let counts = members.first(where: { $0.key == "counts" })?.value else {
            throw error(path, "expected {\"size\": [height, width], \"counts\": …}")
        }
        let dimensions = try numbers(size, path: path + ".size")
        guard dimensions.count == 2, dimensions.allSatisfy({ $0 >= 0 && $0.rounded() == $0 && $0 < 1e9 }) else {
            throw error(path + ".size", "expected [height, width] as non-negative integers")
        }
        let height = Int(dimensions[0]), width = Int(dimensions[1])
        let mask: RunLengthMask
        switch counts {
        case .string(let text):
            do {
                mask = try RunLengthMask(height: height, width: width, compressed: text)
            } catch {
                throw self.error(path + ".counts", error.description)
            }
        default:
            let runs = try numbers(counts, path: path + ".counts")
            guard runs.allSatisfy({ $0 >= 0 && $0.rounded() == $0 && $0 <= Double(UInt32.max) }) else {
                throw error(path + ".counts", "expected non-negative integer run lengths")
            }
            mask = RunLengthMask(height: height, width: width, counts: runs.map { UInt32($0) })
        }
        guard mask.isWellFormed else { throw error(path + ".counts", "the runs do not add up to height × width pixels") }
        return mask
    }

    private func attributes(_ value: JSONLValue, path: String) throws(ImportError) -> [String: MetadataValue] {
        guard case .object(let members) = value else { throw error(path, "expected an object, found \(value.typeName)") }
        var result: [String: MetadataValue] = [:]
        for (name, member) in members {
            switch member {
            case .null: continue
            case .bool(let flag): result[name] = .bool(flag)
            case .number(let number): result[name] = .number(number)
            case .string(let text): result[name] = .parsingDates(text)
            case .array, .object: throw error(path + "." + name, JSONScanner.nestedMetadataMessage)
            }
        }
        return result
    }

    private func numbers(_ value: JSONLValue, path: String) throws(ImportError) -> [Double] {
        guard case .array(let items) = value else { throw error(path, "expected an array of numbers, found \(value.typeName)") }
        var result: [Double] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard case .number(let number) = item else { throw error("\(path)[\(index)]", "expected a number, found \(item.typeName)") }
            result.append(number)
        }
        return result
    }

    private func error(_ path: String, _ message: String) -> ImportError {
        ImportError(file: file, location: .lineAndPath(line, path), message: message)
    }
}
