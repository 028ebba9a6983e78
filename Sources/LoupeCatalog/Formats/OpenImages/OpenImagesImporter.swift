import Foundation
import LoupeCore

/// Reads an Open Images–style bounding-box CSV (`ImageID,Source,LabelName,Confidence,XMin,XMax,
/// YMin,YMax,IsOccluded,IsTruncated,IsGroupOf,IsDepiction,IsInside`) into an `ImportBatch`.
///
/// Columns are matched by exact name in any order; `ImageID`, `LabelName`, `XMin`, `XMax`, `YMin`
/// and `YMax` are required, the others optional, and columns not listed here are ignored with one
/// warning. Quoting follows RFC 4180 (see `CSVTable`).
///
/// Mapping:
/// - **rows**: one per image, in first-seen order, keyed by `ImageID` as given (in the voc100 set
///   it is the file name, `2007_000027.jpg`, so rows meet those of the other formats). When the
///   ID has no image extension (Open Images' own hexadecimal IDs) and the file is found in the
///   images folder as `<ImageID>.jpg`, `.jpeg` or `.png`, that file name becomes the key, so the
///   row meets the rows other formats make from the same file. `uri` is the key.
/// - **sizes**: the relative coordinates need the image size: first `imageSizes[ImageID]`, then
///   the header of `<imagesDirectory>/<ImageID>` (or with the extensions above). An image whose
///   size cannot be found is an error.
/// - **boxes**: `XMin·W, YMin·H` to `XMax·W, YMax·H` as a `.box` in pixels. Coordinates must lie
///   in `[0, 1]`, with `XMax ≥ XMin` and `YMax ≥ YMin`.
/// - **classes**: `LabelName`, in first-seen order. Open Images names classes by Freebase MIDs
///   (`/m/01g317`); with `classDescriptions` (MID → display name, see
///   `classDescriptions(contentsOf:)`) the display name is the class and an unlisted MID is an
///   error; without it the `LabelName` itself is the class.
/// - **flags**: `IsGroupOf = 1` sets `isCrowd`; `IsOccluded`, `IsTruncated`, `IsDepiction` and
///   `IsInside` become boolean attributes `occluded`, `truncated`, `depiction` and `inside`; an
///   empty cell or `-1` (Open Images' "unknown") adds nothing; `Source` becomes the text
///   attribute `source`.
/// - **ground truth or predictions**: a row with a non-empty `Confidence` is a prediction with
///   that score, a row without one ground truth; one file holds one or the other. Open Images'
///   own annotation files put a dummy `1` in every `Confidence` cell: set `ignoresConfidence` to
///   read them as ground truth.
///
/// Numbers: the numeric cells (`Confidence`, `XMin`…`YMax`) accept `.` or a single `,` as the
/// decimal separator (`"0,3580246914"`, written by spreadsheets in comma-decimal locales; it must
/// be quoted in a comma-separated file). A `,` is never a thousands separator (`"1,234"` is
/// 1.234); a cell holding both `.` and `,`, or more than one `,`, is an error.
///
/// Errors name the file, the 1-based line of the record and the column:
/// `line 7: column 'XMin': expected a number, found 'abc'`.
public struct OpenImagesImporter: Sendable {
    /// The folder holding the images, to read sizes from their headers.
    public var imagesDirectory: URL?
    /// Image sizes by `ImageID`, looked up before `imagesDirectory`.
    public var imageSizes: [String: ImageSize]
    /// Display names by MID (`/m/01g317` → `Person`); empty to keep `LabelName`s as class names.
    public var classDescriptions: [String: String]
    /// Read every row as ground truth, whatever its `Confidence` cell says.
    public var ignoresConfidence: Bool

    /// An importer; at least one of `imagesDirectory` and `imageSizes` is needed for any row.
    public init(imagesDirectory: URL? = nil, imageSizes: [String: ImageSize] = [:],
                classDescriptions: [String: String] = [:], ignoresConfidence: Bool = false) {
        self.imagesDirectory = imagesDirectory
        self.imageSizes = imageSizes
        self.classDescriptions = classDescriptions
        self.ignoresConfidence = ignoresConfidence
    }

    /// Reads a boxes `.csv` file.
    /// - Throws: `ImportError` when the file cannot be read or holds bad input.
    /// - Complexity: O(n) in the file size, plus one small header read per distinct image.
    public func read(contentsOf url: URL) throws(ImportError) -> ImportBatch {
        try parse(ImportFile.contents(of: url), file: url.path)
    }

    /// Parses a boxes file's bytes; `file` names it in the batch and in errors.
    /// - Throws: `ImportError` for the first bad record.
    /// - Complexity: as `read(contentsOf:)`.
    public func parse(_ data: Data, file: String) throws(ImportError) -> ImportBatch {
        let table = try Self.table(data, file: file)
        var reader = try OpenImagesRecordReader(file: file, header: table.header, importer: self)
        return try reader.read(table.records)
    }

    /// A class-descriptions CSV: `MID,DisplayName` per line (`/m/011k07,Tortoise`), with or
    /// without a header line (`LabelName,DisplayName`, as in `oidv6-class-descriptions.csv`).
    /// - Throws: `ImportError` naming the file and line for a record without two fields, an
    ///   empty cell or a MID listed twice.
    public static func classDescriptions(contentsOf url: URL) throws(ImportError) -> [String: String] {
        try classDescriptions(from: ImportFile.contents(of: url), file: url.path)
    }

    /// Class descriptions from CSV text in memory; `file` names it in messages.
    /// - Throws: `ImportError` as `classDescriptions(contentsOf:)`.
    public static func classDescriptions(from data: Data, file: String) throws(ImportError) -> [String: String] {
        let table = try table(data, file: file)
        guard table.header.count == 2 else {
            throw ImportError(file: file, location: .line(1),
                              message: "expected two fields 'MID,DisplayName', found \(table.header.count)")
        }
        var records = table.records
        let first = table.header.map { $0.lowercased() }
        if !(["labelname", "mid"].contains(first[0]) && first[1] == "displayname") {
            records.insert(CSVTable.Record(line: 1, fields: table.header), at: 0)
        }
        var names: [String: String] = [:]
        var lineOfMID: [String: Int] = [:]
        for record in records {
            let mid = record.fields[0], name = record.fields[1]
            guard !mid.isEmpty, !name.isEmpty else {
                throw ImportError(file: file, location: .line(record.line), message: "an empty MID or display name")
            }
            if let earlier = lineOfMID.updateValue(record.line, forKey: mid) {
                throw ImportError(file: file, location: .line(record.line), message: "MID '\(mid)' is already on line \(earlier)")
            }
            names[mid] = name
        }
        return names
    }

    /// The CSV table of a comma-separated file.
    static func table(_ data: Data, file: String) throws(ImportError) -> CSVTable {
        let outcome: Result<CSVTable, ImportError> = data.withUnsafeBytes { raw in
            do throws(ImportError) {
                return .success(try CSVTable.parse(raw.bindMemory(to: UInt8.self), delimiter: UInt8(ascii: ","), file: file))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
