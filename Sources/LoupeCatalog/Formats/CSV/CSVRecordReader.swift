import Foundation

/// Turns the records of a CSV table into a batch, by column.
struct CSVRecordReader {
    let file: String
    let header: [String]
    let columns: [String: Int]
    let keyColumn: Int
    private var batch: ImportBatch
    private var lineOfKey: [String: Int] = [:]
    private var seenClasses: Set<String> = []

    init(file: String, header: [String], columns: [String: Int], keyColumn: Int) {
        self.file = file
        self.header = header
        self.columns = columns
        self.keyColumn = keyColumn
        batch = ImportBatch(source: file)
    }

    static let rowColumns: Set<String> = ["key", "label", "split", "uri", "text", "width", "height", "tags"]

    mutating func rows(_ records: [CSVTable.Record]) throws(ImportError) -> ImportBatch {
        let metadataColumns = header.indices.filter { !Self.rowColumns.contains(header[$0]) }
        let types = metadataColumns.map { column in CSVColumnType.infer(records.lazy.map { $0.fields[column] }) }
        batch.rows.reserveCapacity(records.count)
        for record in records {
            let key = try self.key(record)
            var metadata: [String: MetadataValue] = [:]
            for (position, column) in metadataColumns.enumerated() where !record.fields[column].isEmpty {
                metadata[header[column]] = types[position].value(record.fields[column])
            }
            let text = cell(record, "text")
            let tags = cell(record, "tags").map { tags in
                tags.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            } ?? []
            let width = try size(record, "width"), height = try size(record, "height")
            if (width == nil) != (height == nil) {
                throw error(record, width == nil ? "width" : "height", "width and height go together: give both or neither")
            }
            batch.rows.append(DataRow(key: key, uri: cell(record, "uri"), kind: text == nil ? .image : .text,
                                      width: width, height: height,
                                      text: text, split: cell(record, "split"), metadata: metadata, tags: tags))
            if let label = cell(record, "label") {
                if seenClasses.insert(label).inserted { batch.classes.append(ClassSpec(name: label)) }
                batch.annotations.append(AnnotationSpec(rowKey: key, className: label, geometry: .none))
            }
        }
        return batch
    }

    mutating func predictions(_ records: [CSVTable.Record]) throws(ImportError) -> ImportBatch {
        let prefix = CSVImporter.probabilityPrefix
        let probabilityColumns = header.indices.filter { header[$0].hasPrefix(prefix) }
        let classes = probabilityColumns.map { String(header[$0].dropFirst(prefix.count)) }
        if let empty = probabilityColumns.first(where: { header[$0] == prefix }) {
            throw ImportError(file: file, location: .line(1), message: "column \(empty + 1) '\(prefix)' names no class")
        }
        var warnings = ImportWarningCounter()
        for name in header where !["key", "label", "score"].contains(name) && !name.hasPrefix(prefix) {
            warnings.add("column '\(name)' is not read in predictions mode; ignored", file: file, at: .line(1))
        }
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        for name in classes where seenClasses.insert(name).inserted { batch.classes.append(ClassSpec(name: name)) }
        var anyProbabilities = false
        batch.predictions.reserveCapacity(records.count)
        for record in records {
            let key = try self.key(record)
            var score: Double?
            if let text = cell(record, "score") {
                guard let value = CSVColumnType.parseNumber(text) else { throw error(record, "score", "expected a number, found '\(text)'") }
                score = value
            }
            var probabilities: [Double]?
            let filled = probabilityColumns.filter { !record.fields[$0].isEmpty }
            if !filled.isEmpty {
                guard filled.count == probabilityColumns.count else {
                    let missing = probabilityColumns.first { record.fields[$0].isEmpty }!
                    throw error(record, header[missing], "empty, while other probability columns of the row are filled")
                }
                var values: [Double] = []
                for column in probabilityColumns {
                    let text = record.fields[column]
                    guard let value = CSVColumnType.parseNumber(text) else { throw error(record, header[column], "expected a number, found '\(text)'") }
                    values.append(value)
                }
                probabilities = values
            }
            let resolved = ClassificationPredictionRules.resolve(label: cell(record, "label"), score: score, probabilities: probabilities,
                                                                 classes: classes.isEmpty ? nil : classes, classIndex: classIndex)
            switch resolved {
            case .success(let prediction):
                if probabilities != nil { anyProbabilities = true }
                if seenClasses.insert(prediction.className).inserted { batch.classes.append(ClassSpec(name: prediction.className)) }
                batch.predictions.append(PredictionSpec(rowKey: key, className: prediction.className, geometry: .none,
                                                        score: prediction.score, probabilities: prediction.probabilities))
            case .failure(let problem):
                switch problem.field {
                case .label: throw error(record, "label", problem.message)
                case .score: throw error(record, "score", problem.message)
                case .probabilities(let index?): throw error(record, header[probabilityColumns[index]], problem.message)
                case .probabilities(nil):
                    throw ImportError(file: file, location: .line(record.line), message: "columns '\(prefix)…': \(problem.message)")
                }
            }
        }
        if anyProbabilities { batch.probabilityClasses = classes }
        batch.warnings = warnings.warnings
        return batch
    }

    // MARK: Cells

    /// The key of a record, checked non-empty and unique in the file.
    private mutating func key(_ record: CSVTable.Record) throws(ImportError) -> String {
        let key = record.fields[keyColumn]
        guard !key.isEmpty else { throw error(record, "key", "the key is empty") }
        if let first = lineOfKey.updateValue(record.line, forKey: key) {
            throw error(record, "key", "duplicate key '\(key)': already on line \(first)")
        }
        return key
    }

    /// The cell of a named column, `nil` when the column is missing or the cell empty.
    private func cell(_ record: CSVTable.Record, _ name: String) -> String? {
        guard let column = columns[name] else { return nil }
        let text = record.fields[column]
        return text.isEmpty ? nil : text
    }

    private func size(_ record: CSVTable.Record, _ name: String) throws(ImportError) -> Int? {
        guard let text = cell(record, name) else { return nil }
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let value = Int(text), value > 0 else {
            throw error(record, name, "expected a positive integer, found '\(text)'")
        }
        return value
    }

    private func error(_ record: CSVTable.Record, _ column: String, _ message: String) -> ImportError {
        ImportError(file: file, location: .line(record.line), message: "column '\(column)': \(message)")
    }
}
