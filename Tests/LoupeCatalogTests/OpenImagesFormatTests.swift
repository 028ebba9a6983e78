import Foundation
import LoupeCore
import Testing
@testable import LoupeCatalog


private let voc100Folder = sharedData.appendingPathComponent("voc100-detections")

private let header = "ImageID,Source,LabelName,Confidence,XMin,XMax,YMin,YMax,IsOccluded,IsTruncated,IsGroupOf,IsDepiction,IsInside"
private let sizes = ["a.jpg": ImageSize(width: 200, height: 100), "b": ImageSize(width: 10, height: 10)]

private func parse(_ lines: [String], importer: OpenImagesImporter = OpenImagesImporter(imageSizes: sizes),
                   file: String = "boxes.csv") throws(ImportError) -> ImportBatch {
    try importer.parse(Data(([header] + lines).joined(separator: "\n").utf8), file: file)
}

private func openImagesError(_ lines: [String], importer: OpenImagesImporter = OpenImagesImporter(imageSizes: sizes)) -> ImportError? {
    do {
        _ = try parse(lines, importer: importer, file: "bad.csv")
        return nil
    } catch {
        return error
    }
}

/// A folder holding PNG headers of the given sizes, named as given.
private func imageFolder(_ images: [String: (Int, Int)]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, (width, height)) in images {
        func be32(_ value: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be32(13) + Array("IHDR".utf8)
            + be32(width) + be32(height) + [8, 2, 0, 0, 0]
        try Data(bytes).write(to: folder.appendingPathComponent(name))
    }
    return folder
}

@Suite("Open Images box CSV import")
struct OpenImagesFormatTests {
    @Test("voc100: 100 rows with sizes from the images, 273 boxes, decimal commas read")
    func voc100() throws {
        let batch = try OpenImagesImporter(imagesDirectory: voc100Folder.appendingPathComponent("images"))
            .read(contentsOf: voc100Folder.appendingPathComponent("gts/openimages_format/all_bounding_boxes.csv"))
        #expect(batch.rows.count == 100)
        #expect(batch.rows.first == DataRow(key: "2007_000027.jpg", uri: "2007_000027.jpg", kind: .image, width: 486, height: 500))
        #expect(batch.annotations.count == 273)
        #expect(batch.predictions.isEmpty)
        #expect(batch.warnings.isEmpty)
        #expect(batch.classes.count == 20)
        #expect(batch.classes.prefix(2).map(\.name) == ["person", "aeroplane"])
        #expect(batch.annotations.allSatisfy { !$0.isCrowd && $0.attributes.isEmpty })
        // "0,3580246914" × 486 = 174, "0,202" × 500 = 101 (the VOC file's xmin, ymin).
        let first = try #require(batch.annotations.first?.geometry.boundingBox)
        #expect(abs(first.x - 174) < 1e-6 && abs(first.y - 101) < 1e-6 && abs(first.width - 175) < 1e-6 && abs(first.height - 250) < 1e-6)
    }

    @Test("decimal commas: '.' or a single ',' inside quotes; never a thousands separator")
    func decimalComma() throws {
        let batch = try parse([#"a.jpg,,cat,,"0,25",0.75,"0,5",1,,,,,"#, #"a.jpg,,cat,,0,"1,0",0,"0,1",,,,,"#])
        #expect(batch.annotations.map(\.geometry) == [.box(BoundingBox(x: 50, y: 50, width: 100, height: 50)),
                                                      .box(BoundingBox(x: 0, y: 0, width: 200, height: 10))])
        #expect(OpenImagesRecordReader.decimal("1,234") == 1.234)
        #expect(OpenImagesRecordReader.decimal("-0,5e1") == -5)
        for bad in ["1,2,3", "1.000,5", ",", "0,5x", "nan"] { #expect(OpenImagesRecordReader.decimal(bad) == nil, "\(bad)") }
        let error = try #require(openImagesError([#"a.jpg,,cat,,"0,1,2",0.5,0,1,,,,,"#]))
        #expect(error.file == "bad.csv")
        #expect(error.location == .line(2))
        #expect(error.message == "column 'XMin': expected a number, found '0,1,2'")
    }

    @Test("flags, Source, class descriptions with and without a header")
    func flagsAndDescriptions() throws {
        let withHeader = try OpenImagesImporter.classDescriptions(from: Data("LabelName,DisplayName\n/m/01,Cat\n/m/02,\"Dog, big\"\n".utf8),
                                                                  file: "d.csv")
        #expect(withHeader == ["/m/01": "Cat", "/m/02": "Dog, big"])
        let bare = try OpenImagesImporter.classDescriptions(from: Data("/m/01,Cat\r\n/m/02,Dog\r\n".utf8), file: "d.csv")
        #expect(bare == ["/m/01": "Cat", "/m/02": "Dog"])
        let importer = OpenImagesImporter(imageSizes: sizes, classDescriptions: bare)
        let batch = try parse(["a.jpg,xclick,/m/02,,0,0.5,0,0.5,1,0,1,-1,", "b,,/m/01,,0,1,0,1,,,0,1,0"], importer: importer)
        #expect(batch.classes.map(\.name) == ["Dog", "Cat"])
        #expect(batch.rows.map(\.key) == ["a.jpg", "b"])
        #expect(batch.annotations[0].isCrowd)
        #expect(batch.annotations[0].attributes == ["occluded": .bool(true), "truncated": .bool(false), "source": .string("xclick")])
        #expect(!batch.annotations[1].isCrowd)
        #expect(batch.annotations[1].attributes == ["depiction": .bool(true), "inside": .bool(false)])
        let unknown = try #require(openImagesError(["a.jpg,,/m/03,,0,1,0,1,,,,,"], importer: importer))
        #expect(unknown.location == .line(2))
        #expect(unknown.message.contains("column 'LabelName': '/m/03' is not in the class descriptions"))
        let repeated = #expect(throws: ImportError.self) {
            try OpenImagesImporter.classDescriptions(from: Data("/m/01,Cat\n/m/01,Kitten\n".utf8), file: "d.csv")
        }
        #expect(repeated?.location == .line(2))
        #expect(repeated?.message.contains("already on line 1") == true)
    }

    @Test("an ID without an extension finds <ID>.png in the images folder; that file name is the key")
    func imagesFolder() throws {
        let folder = try imageFolder(["0001eeaf4aed83f9.png": (40, 20), "x.jpg": (8, 8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let importer = OpenImagesImporter(imagesDirectory: folder)
        let batch = try parse(["0001eeaf4aed83f9,,/m/01,,0.5,1,0.5,1,,,,,", "x.jpg,,/m/01,,0,1,0,1,,,,,"], importer: importer)
        #expect(batch.rows == [DataRow(key: "0001eeaf4aed83f9.png", uri: "0001eeaf4aed83f9.png", kind: .image, width: 40, height: 20),
                               DataRow(key: "x.jpg", uri: "x.jpg", kind: .image, width: 8, height: 8)])
        #expect(batch.annotations.first?.geometry == .box(BoundingBox(x: 20, y: 10, width: 20, height: 10)))
        let missing = try #require(openImagesError(["x.jpg,,c,,0,1,0,1,,,,,", "nothere,,c,,0,1,0,1,,,,,"], importer: importer))
        #expect(missing.file == "bad.csv")
        #expect(missing.location == .line(3))
        #expect(missing.message.contains("column 'ImageID': no size for image 'nothere'"))
        #expect(missing.message.contains("'nothere.jpg'"))
        try Data("not an image".utf8).write(to: folder.appendingPathComponent("junk.jpg"))
        let junk = try #require(openImagesError(["junk.jpg,,c,,0,1,0,1,,,,,"], importer: importer))
        #expect(junk.location == .line(2))
        #expect(junk.message.contains("cannot read the size of image 'junk.jpg'"))
    }

    @Test("a Confidence makes predictions; mixing is an error; ignoresConfidence reads ground truth")
    func predictions() throws {
        let lines = ["a.jpg,,cat,0.9,0,0.5,0,0.5,,,1,,", "a.jpg,,dog,\"0,25\",0,1,0,1,,,,,"]
        let batch = try parse(lines)
        #expect(batch.annotations.isEmpty)
        #expect(batch.predictions.map(\.score) == [0.9, 0.25])
        #expect(batch.predictions.first?.geometry == .box(BoundingBox(x: 0, y: 0, width: 100, height: 50)))
        let truth = try parse(lines, importer: OpenImagesImporter(imageSizes: sizes, ignoresConfidence: true))
        #expect(truth.predictions.isEmpty)
        #expect(truth.annotations.count == 2)
        let mixed = try #require(openImagesError(["a.jpg,,cat,,0,1,0,1,,,,,", "a.jpg,,cat,1,0,1,0,1,,,,,"]))
        #expect(mixed.location == .line(3))
        #expect(mixed.message.contains("column 'Confidence': a confidence, while line 2 has none"))
    }

    // MARK: Bad input

    @Test("coordinates: not a number, outside [0, 1], max below min, empty")
    func badCoordinates() throws {
        let text = try #require(openImagesError(["a.jpg,,cat,,0,1,0,1,,,,,", "a.jpg,,cat,,0,1,abc,1,,,,,"]))
        #expect(text.file == "bad.csv")
        #expect(text.location == .line(3))
        #expect(text.description == "bad.csv: line 3: column 'YMin': expected a number, found 'abc'")
        let pixels = try #require(openImagesError(["a.jpg,,cat,,12,140,0,1,,,,,"]))
        #expect(pixels.message.contains("column 'XMin': expected a relative coordinate in [0, 1], found '12'"))
        let inverted = try #require(openImagesError(["a.jpg,,cat,,0.5,0.25,0,1,,,,,"]))
        #expect(inverted.message.contains("column 'XMax': 0.25 is less than XMin (0.5)"))
        let empty = try #require(openImagesError(["a.jpg,,cat,,0.5,,0,1,,,,,"]))
        #expect(empty.message.contains("column 'XMax': the coordinate is empty"))
    }

    @Test("header, flags, empty cells and CSV syntax")
    func badRecords() throws {
        let noColumn = #expect(throws: ImportError.self) {
            try OpenImagesImporter(imageSizes: sizes).parse(Data("ImageID,LabelName,XMin,XMax,YMin\n".utf8), file: "bad.csv")
        }
        #expect(noColumn?.location == .line(1))
        #expect(noColumn?.message.contains("no 'YMax' column") == true)
        let flag = try #require(openImagesError(["a.jpg,,cat,,0,1,0,1,,,yes,,"]))
        #expect(flag.location == .line(2))
        #expect(flag.message.contains("column 'IsGroupOf': expected 0, 1 or -1, found 'yes'"))
        let noLabel = try #require(openImagesError(["a.jpg,,,,0,1,0,1,,,,,"]))
        #expect(noLabel.message.contains("column 'LabelName'"))
        let noID = try #require(openImagesError([",,cat,,0,1,0,1,,,,,"]))
        #expect(noID.message.contains("column 'ImageID'"))
        let unquoted = try #require(openImagesError(["a.jpg,,cat,,0,5,1,0,1,,,,,"]))
        #expect(unquoted.location == .line(2))
        #expect(unquoted.message.contains("14 fields, the header has 13"))
        let noSize = try #require(openImagesError(["c.jpg,,cat,,0,1,0,1,,,,,"]))
        #expect(noSize.message.contains("no size for image 'c.jpg': it is not in the given sizes and no images folder was given"))
    }

    @Test("other columns are ignored with one warning")
    func extraColumns() throws {
        let csv = "ImageID,LabelName,XMin,XMax,YMin,YMax,XClick1X,Note\na.jpg,cat,0,1,0,1,0.1,x\n"
        let batch = try OpenImagesImporter(imageSizes: sizes).parse(Data(csv.utf8), file: "x.csv")
        #expect(batch.annotations.count == 1)
        #expect(batch.warnings == [ImportWarning(file: "x.csv", location: .line(1), message: "columns 'XClick1X', 'Note' are not read; ignored")])
    }
}
