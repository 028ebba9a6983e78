import Foundation
import LoupeCore

/// Writes a dataset's ground truth (or a run's predictions) as YOLO label files and a names file.
///
/// - One label file per image row, named after the row key with its extension replaced by
///   `.txt` (`000000000009.jpg` → `000000000009.txt`); rows without objects get an empty file,
///   which YOLO trainers read as a background image. Text rows are skipped.
/// - The names file lists the classes in ordinal order, so a line's class index is the ordinal.
/// - `.box` → `class cx cy w h`; `.polygon` → a segment line `class x1 y1 x2 y2 …` (rings of a
///   multi-ring polygon are written one after another into the one segment YOLO allows), or,
///   with `polygonsAsBoxes`, a box line from COCO's recorded bbox (`COCOBoxAttributes`) or
///   else the polygon's bounding box, as Ultralytics' COCO converter writes detection labels;
///   `.mask` → a box line from the recorded bbox or else the mask's bounding box.
/// - **Crowd annotations are skipped** (YOLO has no crowd regions; Ultralytics' converter drops
///   them too), as are shapes YOLO cannot state (`.none`, `.point`) and objects without a class.
/// - With `source = .predictions`, `contents.predictions` are written with their score as a
///   sixth token (`class cx cy w h conf`, Ultralytics' `save_conf`).
/// - Numbers are relative to the image size with 6 decimals (`0.479492`), as CVAT and
///   Ultralytics' converters write them; a relative coordinate is then exact to 5e-7.
public struct YOLOExporter: Sendable {
    /// What the label lines are made from.
    public enum Source: Sendable, Hashable {
        /// The current ground truth.
        case groundTruth
        /// `DatasetContents.predictions`, each with its score.
        case predictions
    }

    /// What to write.
    public var source: Source
    /// Write polygons as box lines instead of segment lines.
    public var polygonsAsBoxes: Bool

    /// An exporter of ground truth (default) or predictions.
    public init(source: Source = .groundTruth, polygonsAsBoxes: Bool = false) {
        self.source = source
        self.polygonsAsBoxes = polygonsAsBoxes
    }

    /// The label files and names file for `contents`.
    /// - Throws: `YOLOExportError` when two rows would write the same label file, a row with
    ///   objects has no known size, or a prediction has no score.
    /// - Complexity: O(n) in the number of objects and their vertices.
    public func export(_ contents: DatasetContents) throws(YOLOExportError) -> YOLOExport {
        var ordinals: [Int64: Int] = [:]
        for labelClass in contents.classes { ordinals[labelClass.id] = labelClass.ordinal }
        var rowIndex: [Int64: Int] = [:]
        var fileNames: [String] = []
        var owner: [String: String] = [:]
        let rows = contents.rows.filter { $0.kind == .image }
        for (index, row) in rows.enumerated() {
            let name = YOLOImporter.stem(row.key) + ".txt"
            if let other = owner[name] {
                throw YOLOExportError(rowKey: row.key, message: "rows '\(other)' and '\(row.key)' would both write \(name)")
            }
            owner[name] = row.key
            fileNames.append(name)
            if let id = row.id { rowIndex[id] = index }
        }
        var texts = [[UInt8]](repeating: [], count: rows.count)

        func add(rowID: Int64, classID: Int64?, geometry: Geometry, attributes: [String: MetadataValue],
                 score: Double?) throws(YOLOExportError) {
            guard let index = rowIndex[rowID], let ordinal = classID.flatMap({ ordinals[$0] }) else { return }
            let row = rows[index]
            var numbers: [Double] = []
            switch geometry {
            case .none, .point:
                return
            case .polygon(let polygon) where !polygonsAsBoxes:
                let (width, height) = try size(of: row)
                for ring in polygon.rings {
                    for (offset, value) in ring.enumerated() { numbers.append(value / (offset % 2 == 0 ? width : height)) }
                }
            case .box, .polygon, .mask:
                guard let box = COCOBoxAttributes.box(of: geometry, attributes: attributes) else { return }
                let (width, height) = try size(of: row)
                numbers = [(box.x + box.width / 2) / width, (box.y + box.height / 2) / height,
                           box.width / width, box.height / height]
            }
            if source == .predictions {
                guard let score else { throw YOLOExportError(rowKey: row.key, message: "a prediction has no score") }
                numbers.append(score)
            }
            var line = Array(String(ordinal).utf8)
            for number in numbers {
                line.append(0x20)
                YOLOExport.appendFixed6(number, to: &line)
            }
            line.append(0x0A)
            texts[index] += line
        }

        switch source {
        case .groundTruth:
            for annotation in contents.annotations where !annotation.isCrowd {
                try add(rowID: annotation.rowID, classID: annotation.classID, geometry: annotation.geometry,
                        attributes: annotation.attributes, score: nil)
            }
        case .predictions:
            for prediction in contents.predictions {
                try add(rowID: prediction.rowID, classID: prediction.classID, geometry: prediction.geometry,
                        attributes: [:], score: prediction.score)
            }
        }
        var labelFiles: [String: String] = [:]
        for (index, name) in fileNames.enumerated() { labelFiles[name] = String(decoding: texts[index], as: UTF8.self) }
        let names = contents.classes.sorted { $0.ordinal < $1.ordinal }.map { $0.name + "\n" }.joined()
        return YOLOExport(labelFiles: labelFiles, names: names)
    }

    private func size(of row: DataRow) throws(YOLOExportError) -> (Double, Double) {
        guard let width = row.width, let height = row.height, width > 0, height > 0 else {
            throw YOLOExportError(rowKey: row.key, message: "the image size is unknown; YOLO coordinates are relative to it")
        }
        return (Double(width), Double(height))
    }
}

/// YOLO label files and names file, as text.
public struct YOLOExport: Hashable, Sendable {
    /// Label text by file name (`000000000009.txt`), one file per image row.
    public var labelFiles: [String: String]
    /// The names file: one class name per line, in ordinal order.
    public var names: String

    /// Label files and names.
    public init(labelFiles: [String: String], names: String) {
        self.labelFiles = labelFiles
        self.names = names
    }

    /// Writes the label files into `labelsDirectory` (created if missing; subfolders of row keys
    /// too) and the names into `namesFile`.
    /// - Throws: `YOLOExportError` naming the file that could not be written.
    public func write(labelsDirectory: URL, namesFile: URL) throws(YOLOExportError) {
        for (name, text) in labelFiles.sorted(by: { $0.key < $1.key }) {
            let url = labelsDirectory.appendingPathComponent(name)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw YOLOExportError(rowKey: nil, message: "cannot write \(url.path): \(error.localizedDescription)")
            }
        }
        do {
            try Data(names.utf8).write(to: namesFile, options: .atomic)
        } catch {
            throw YOLOExportError(rowKey: nil, message: "cannot write \(namesFile.path): \(error.localizedDescription)")
        }
    }

    /// Appends `value` with exactly 6 decimals (`0.479492`, `-0.000001`, `12.000000`), rounding
    /// half away from zero; a value that rounds to zero is written without a sign.
    static func appendFixed6(_ value: Double, to bytes: inout [UInt8]) {
        let scaled = (value * 1_000_000).rounded()
        guard abs(scaled) < 9e15 else {
            bytes += Array(String(value).utf8)
            return
        }
        var units = Int64(scaled)
        if units < 0 {
            bytes.append(UInt8(ascii: "-"))
            units = -units
        }
        bytes += Array(String(units / 1_000_000).utf8)
        bytes.append(UInt8(ascii: "."))
        let fraction = Array(String(units % 1_000_000).utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "0"), count: 6 - fraction.count)
        bytes += fraction
    }
}

/// A dataset that cannot be written as YOLO: which row and why.
public struct YOLOExportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The row at fault, when one is.
    public var rowKey: String?
    /// What was wrong.
    public var message: String

    /// An export error about `rowKey`.
    public init(rowKey: String?, message: String) {
        self.rowKey = rowKey
        self.message = message
    }

    /// `YOLO export: row 'key': message`.
    public var description: String {
        if let rowKey { return "YOLO export: row '\(rowKey)': \(message)" }
        return "YOLO export: \(message)"
    }
}
