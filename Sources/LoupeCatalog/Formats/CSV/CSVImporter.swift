import Foundation

/// Reads CSV files (RFC 4180, with a header line) of rows with class labels and metadata, or
/// (in predictions mode) a model's class and class probabilities per row.
///
/// Ground-truth columns (`mode: .groundTruth`), matched by exact, case-sensitive name:
/// - `key` (required): the row key, unique in the file;
/// - `label`: the class, as a whole-row (`.none` geometry) annotation; an empty cell is an
///   unlabeled row. Classes come in first-seen order;
/// - `split`, `uri`, `text`: the row's fields; a row with text is a `.text` row, else `.image`;
/// - `width`, `height`: non-negative integers (pixels);
/// - `tags`: tags separated by `;` (spaces around them trimmed);
/// - every other column is metadata under its name, typed per column (see `CSVColumnType`):
///   numbers when every non-empty cell of the column is a decimal number, booleans when every one
///   is `true`/`false` (any case), dates when every one is a complete ISO 8601 date, otherwise
///   text. An empty cell is an absent value.
///
/// Prediction columns (`mode: .predictions`), for rows already in the dataset (no rows are made):
/// `key` (required), `label`, `score`, and one `prob_<class>` column per class (`prob_cat`,
/// `prob_dog`; the class order is the column order). A row gives a label, probabilities, or both;
/// see `ClassificationPredictionRules` for the checks and what is derived (argmax label, score).
/// A row may leave all its probability cells empty, not some. Other columns are ignored with a
/// warning.
///
/// Quoting follows RFC 4180 (see `CSVTable`); `\r\n` and `\n` line ends are accepted. Errors name
/// the file, the 1-based line a record starts on, and the column: `line 7: column 'width':
/// expected a non-negative integer, found 'wide'`.
public struct CSVImporter: Sendable {
    /// What the records hold.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// Rows, their metadata and class labels.
        case groundTruth
        /// A model's predictions on existing rows.
        case predictions
    }

    /// The prefix of probability columns in predictions mode: `prob_<class>`.
    public static let probabilityPrefix = "prob_"

    /// What the records hold; default `.groundTruth`.
    public var mode: Mode
    /// The field separator, `,` by default (`\t` reads TSV with the same quoting rules).
    public var delimiter: Character

    /// An importer for `mode`.
    /// - Precondition: `delimiter` is one ASCII character other than `"`, `\r` and `\n`.
    public init(mode: Mode = .groundTruth, delimiter: Character = ",") {
        precondition(delimiter.isASCII && delimiter.utf8.count == 1 && !"\"\r\n".contains(delimiter),
                     "CSVImporter: the delimiter must be one ASCII character other than a quote or a line break")
        self.mode = mode
        self.delimiter = delimiter
    }

    /// Reads a `.csv` file.
    /// - Throws: `ImportError` when the file cannot be read or holds bad input.
    /// - Complexity: O(n) in the file size.
    public func read(contentsOf url: URL) throws(ImportError) -> ImportBatch {
        let data = try ImportFile.contents(of: url)
        return try parse(data, file: url.path)
    }

    /// Parses a file's bytes; `file` names it in the batch and in errors.
    /// - Throws: `ImportError` for the first bad record.
    /// - Complexity: O(n) in the file size.
    public func parse(_ data: Data, file: String) throws(ImportError) -> ImportBatch {
        let separator = delimiter.utf8.first!
        let outcome: Result<CSVTable, ImportError> = data.withUnsafeBytes { raw in
            do throws(ImportError) {
                return .success(try CSVTable.parse(raw.bindMemory(to: UInt8.self), delimiter: separator, file: file))
            } catch {
                return .failure(error)
            }
        }
        let table = try outcome.get()
        var columns: [String: Int] = [:]
        for (index, name) in table.header.enumerated() {
            guard !name.isEmpty else { throw ImportError(file: file, location: .line(1), message: "column \(index + 1) has no name") }
            guard columns.updateValue(index, forKey: name) == nil else {
                throw ImportError(file: file, location: .line(1), message: "column '\(name)' appears twice")
            }
        }
        guard let keyColumn = columns["key"] else {
            throw ImportError(file: file, location: .line(1),
                              message: "no 'key' column; the columns are \(table.header.map { "'\($0)'" }.joined(separator: ", "))")
        }
        var reader = CSVRecordReader(file: file, header: table.header, columns: columns, keyColumn: keyColumn)
        switch mode {
        case .groundTruth: return try reader.rows(table.records)
        case .predictions: return try reader.predictions(table.records)
        }
    }
}
