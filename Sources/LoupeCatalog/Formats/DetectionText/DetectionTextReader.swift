import Foundation
import LoupeCore

/// How a detection text file writes a box.
public enum DetectionTextBoxFormat: String, Sendable, CaseIterable {
    /// `x y width height` in pixels, top-left origin.
    case xywh
    /// `x1 y1 x2 y2` in pixels.
    case xyxy
    /// `cx cy width height` relative to the image size (YOLO style); needs the image sizes.
    case relative
}

/// One object of a detection text file.
public struct DetectionTextObject: Hashable, Sendable {
    /// The class name (ids are mapped through the names list).
    public var className: String
    /// The confidence, for detections.
    public var score: Double?
    /// The box in pixels.
    public var box: BoundingBox
}

/// Reads the per-image text files of the Object-Detection-Metrics toolkit (Padilla et al.), the
/// format most VOC-style AP tools share: one `<image>.txt` per image, one object per line,
/// `class [score] x y w h` (or `x1 y1 x2 y2`, or relative centre form), separated by any
/// whitespace. Scores may be written without a leading zero (`.88`).
public struct DetectionTextReader: Sendable {
    /// How boxes are written.
    public var boxFormat: DetectionTextBoxFormat
    /// Whether each line has a score after the class (detections) or not (ground truth).
    public var hasScores: Bool
    /// When classes are written as integer ids: the names, indexed by id (a `voc.names` file).
    public var classNames: [String]?
    /// Image sizes by image name (file stem), needed for `.relative` boxes.
    public var imageSizes: [String: (width: Int, height: Int)]

    /// A reader for one layout.
    public init(boxFormat: DetectionTextBoxFormat, hasScores: Bool, classNames: [String]? = nil,
                imageSizes: [String: (width: Int, height: Int)] = [:]) {
        self.boxFormat = boxFormat
        self.hasScores = hasScores
        self.classNames = classNames
        self.imageSizes = imageSizes
    }

    /// Every `*.txt` file of a folder, by image name (the file stem), in name order.
    /// - Throws: `ImportError` naming the file and line of the first bad line.
    public func read(folder: URL) throws(ImportError) -> [(imageName: String, objects: [DetectionTextObject])] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        } catch {
            throw ImportError(file: folder.path, message: "cannot list the folder: \(error.localizedDescription)")
        }
        var result: [(String, [DetectionTextObject])] = []
        for name in names {
            let url = folder.appendingPathComponent(name)
            let data = try ImportFile.contents(of: url)
            let imageName = String(name.dropLast(4))
            result.append((imageName, try parse(String(decoding: data, as: UTF8.self), file: url.path, imageName: imageName)))
        }
        return result
    }

    /// The objects of one file's text.
    /// - Throws: `ImportError` with the line for a wrong field count, a non-number, a negative
    ///   size, an unknown class id, or a relative box without the image's size.
    public func parse(_ text: String, file: String, imageName: String) throws(ImportError) -> [DetectionTextObject] {
        var objects: [DetectionTextObject] = []
        let expected = hasScores ? 6 : 5
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            let location = SourceLocation.line(offset + 1)
            guard fields.count == expected else {
                let layout = hasScores ? "class score" : "class"
                throw ImportError(file: file, location: location,
                                  message: "expected \(expected) fields (\(layout) and four box numbers), found \(fields.count)")
            }
            var numbers: [Double] = []
            for field in fields.dropFirst() {
                guard let value = Double(field), value.isFinite, !field.contains(where: { $0 == "x" || $0 == "X" }) else {
                    throw ImportError(file: file, location: location, message: "expected a number, found '\(field)'")
                }
                numbers.append(value)
            }
            let className = try self.className(String(fields[0]), file: file, location: location)
            let score = hasScores ? numbers.removeFirst() : nil
            let box = try self.box(numbers, imageName: imageName, file: file, location: location)
            objects.append(DetectionTextObject(className: className, score: score, box: box))
        }
        return objects
    }

    private func className(_ field: String, file: String, location: SourceLocation) throws(ImportError) -> String {
        guard let classNames else { return field }
        guard let id = Int(field), classNames.indices.contains(id) else {
            throw ImportError(file: file, location: location,
                              message: "expected a class id between 0 and \(classNames.count - 1) (the names list), found '\(field)'")
        }
        return classNames[id]
    }

    private func box(_ values: [Double], imageName: String, file: String, location: SourceLocation) throws(ImportError) -> BoundingBox {
        let box: BoundingBox
        switch boxFormat {
        case .xywh:
            box = BoundingBox(x: values[0], y: values[1], width: values[2], height: values[3])
        case .xyxy:
            guard values[2] >= values[0], values[3] >= values[1] else {
                throw ImportError(file: file, location: location, message: "x2 and y2 must not be smaller than x1 and y1")
            }
            box = BoundingBox(x: values[0], y: values[1], width: values[2] - values[0], height: values[3] - values[1])
        case .relative:
            guard let size = imageSizes[imageName] else {
                throw ImportError(file: file, location: location,
                                  message: "relative boxes need the size of image '\(imageName)', which the ground truth does not give")
            }
            box = BoundingBox(relativeCenterX: values[0], centerY: values[1], width: values[2], height: values[3],
                              imageWidth: size.width, imageHeight: size.height)
        }
        guard box.width >= 0, box.height >= 0 else {
            throw ImportError(file: file, location: location, message: "a box's width and height must not be negative")
        }
        return box
    }
}
