import LoupeCore

/// A COCO `segmentation` value as written in a file, before it is turned into a mask.
enum COCOSegmentationValue {
    /// Polygon rings, each a flat `[x1, y1, x2, y2, …]` list.
    case polygons([[Double]])
    /// `{"size": [h, w], "counts": [...]}`, the form COCO uses for crowd regions.
    case uncompressed(RunLengthMask)
    /// `{"size": [h, w], "counts": "…"}`, the form detectors write.
    case compressed(height: Int, width: Int, counts: String)
}

extension JSONScanner {
    /// A `segmentation` value: polygon rings or an RLE object (compressed or not).
    mutating func cocoSegmentation(_ path: String) throws(Failure) -> COCOSegmentationValue {
        if peek == UInt8(ascii: "[") {
            var rings: [[Double]] = []
            try elements(path) { (scanner: inout JSONScanner, ring: Int) throws(Failure) in
                guard scanner.peek == UInt8(ascii: "[") else {
                    throw scanner.typeMismatch("\(path)[\(ring)]", expected: "a polygon ring (an array of x, y numbers)")
                }
                var points: [Double] = []
                try scanner.elements("\(path)[\(ring)]") { (scanner: inout JSONScanner, index: Int) throws(Failure) in
                    points.append(try scanner.number("\(path)[\(ring)][\(index)]"))
                }
                rings.append(points)
            }
            return .polygons(rings)
        }
        guard peek == UInt8(ascii: "{") else {
            throw typeMismatch(path, expected: "polygon rings or an RLE object {\"size\", \"counts\"}")
        }
        var size: [Int]?
        var counts: [UInt32]?
        var text: String?
        try members(path) { (scanner: inout JSONScanner, name: String) throws(Failure) in
            switch name {
            case "size":
                var values: [Int] = []
                guard scanner.peek == UInt8(ascii: "[") else { throw scanner.typeMismatch(path + ".size", expected: "[height, width]") }
                try scanner.elements(path + ".size") { (scanner: inout JSONScanner, index: Int) throws(Failure) in
                    values.append(try scanner.integer("\(path).size[\(index)]"))
                }
                size = values
            case "counts":
                if scanner.peek == UInt8(ascii: "\"") {
                    text = try scanner.string(path: path + ".counts")
                } else {
                    guard scanner.peek == UInt8(ascii: "[") else {
                        throw scanner.typeMismatch(path + ".counts", expected: "a compressed RLE string or an array of run lengths")
                    }
                    var runs: [UInt32] = []
                    try scanner.elements(path + ".counts") { (scanner: inout JSONScanner, index: Int) throws(Failure) in
                        let run = try scanner.integer("\(path).counts[\(index)]")
                        guard run >= 0, run <= Int(UInt32.max) else {
                            throw Failure(path: "\(path).counts[\(index)]", message: "a run length must be between 0 and \(UInt32.max)")
                        }
                        runs.append(UInt32(run))
                    }
                    counts = runs
                }
            default:
                try scanner.skipValue(path: path + "." + name, depth: 1)
            }
        }
        guard let size, size.count == 2, size[0] >= 0, size[1] >= 0 else {
            throw Failure(path: path + ".size", message: "an RLE object needs \"size\": [height, width] with two non-negative integers")
        }
        if let text { return .compressed(height: size[0], width: size[1], counts: text) }
        guard let counts else { throw Failure(path: path + ".counts", message: "an RLE object needs \"counts\"") }
        let mask = RunLengthMask(height: size[0], width: size[1], counts: counts)
        guard mask.isWellFormed else {
            throw Failure(path: path + ".counts", message: "the run lengths add up to \(counts.reduce(0) { $0 + Int($1) }) pixels, not \(size[0]) × \(size[1])")
        }
        return .uncompressed(mask)
    }

    /// `[x, y, width, height]` with finite numbers and a non-negative size.
    mutating func cocoBox(_ path: String) throws(Failure) -> BoundingBox {
        guard peek == UInt8(ascii: "[") else { throw typeMismatch(path, expected: "[x, y, width, height]") }
        var values: [Double] = []
        values.reserveCapacity(4)
        try elements(path) { (scanner: inout JSONScanner, index: Int) throws(Failure) in
            values.append(try scanner.number("\(path)[\(index)]"))
        }
        guard values.count == 4 else {
            throw Failure(path: path, message: "expected [x, y, width, height], found \(values.count) numbers")
        }
        guard values[2] >= 0, values[3] >= 0 else {
            throw Failure(path: path, message: "a box's width and height must not be negative")
        }
        return BoundingBox(x: values[0], y: values[1], width: values[2], height: values[3])
    }

    /// A flat array of numbers (keypoints `[x1, y1, v1, …]`).
    mutating func numbers(_ path: String) throws(Failure) -> [Double] {
        guard peek == UInt8(ascii: "[") else { throw typeMismatch(path, expected: "an array of numbers") }
        var values: [Double] = []
        try elements(path) { (scanner: inout JSONScanner, index: Int) throws(Failure) in
            values.append(try scanner.number("\(path)[\(index)]"))
        }
        return values
    }

    /// `iscrowd`: 0/1 or a boolean.
    mutating func flag(_ path: String) throws(Failure) -> Bool {
        if peek == UInt8(ascii: "t") || peek == UInt8(ascii: "f") { return try literalBool(path) }
        let value = try integer(path)
        guard value == 0 || value == 1 else { throw Failure(path: path, message: "expected 0, 1 or a boolean, found \(value)") }
        return value == 1
    }
}
