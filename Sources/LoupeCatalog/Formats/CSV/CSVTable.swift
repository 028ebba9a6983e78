/// A CSV file read per RFC 4180: a header and records of text fields, each record with the
/// 1-based line it starts on.
///
/// Fields are separated by the delimiter and records by `\n` or `\r\n`. A field in double quotes
/// may hold delimiters, quotes (doubled: `""`) and line breaks. A quote inside an unquoted field,
/// text after a closing quote, or an unclosed quote is an error; so is a record whose field count
/// differs from the header's. Blank lines are skipped; a UTF-8 byte order mark is accepted.
struct CSVTable {
    /// One record and the line it starts on.
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// The column names.
    var header: [String]
    /// The records after the header, in order.
    var records: [Record]

    /// Reads `bytes`; `file` names the file in errors.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, file: String) throws(ImportError) -> CSVTable {
        var reader = Reader(bytes: bytes, delimiter: delimiter, file: file)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
        guard let header = try reader.record() else { throw ImportError(file: file, message: "the file is empty: expected a header line") }
        var records: [Record] = []
        while let record = try reader.record() {
            guard record.fields.count == header.fields.count else {
                throw ImportError(file: file, location: .line(record.line),
                                  message: "\(record.fields.count) fields, the header has \(header.fields.count)")
            }
            records.append(record)
        }
        return CSVTable(header: header.fields, records: records)
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let delimiter: UInt8
        let file: String
        var index = 0
        var line = 1
        private var field: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, file: String) {
            self.bytes = bytes
            self.delimiter = delimiter
            self.file = file
        }

        /// The next non-blank record, or `nil` at the end of the file.
        mutating func record() throws(ImportError) -> Record? {
            while index < bytes.count, bytes[index] == 0x0A || (bytes[index] == 0x0D && next == 0x0A) {
                index += bytes[index] == 0x0D ? 2 : 1
                line += 1
            }
            guard index < bytes.count else { return nil }
            let start = line
            var fields: [String] = []
            while true {
                fields.append(try readField(recordLine: start))
                guard index < bytes.count else { return Record(line: start, fields: fields) }
                let byte = bytes[index]
                if byte == delimiter {
                    index += 1
                    if index == bytes.count { fields.append(""); return Record(line: start, fields: fields) }
                    continue
                }
                // The field ended at a line break.
                index += byte == 0x0D ? 2 : 1
                line += 1
                return Record(line: start, fields: fields)
            }
        }

        private var next: UInt8? { index + 1 < bytes.count ? bytes[index + 1] : nil }

        private func atLineEnd(_ position: Int) -> Bool {
            bytes[position] == 0x0A || (bytes[position] == 0x0D && position + 1 < bytes.count && bytes[position + 1] == 0x0A)
        }

        /// One field; leaves `index` on the delimiter, the line break or the end of the file.
        private mutating func readField(recordLine: Int) throws(ImportError) -> String {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                let start = index
                while index < bytes.count, bytes[index] != delimiter, !atLineEnd(index) {
                    if bytes[index] == UInt8(ascii: "\"") {
                        throw ImportError(file: file, location: .line(line),
                                          message: "a quote inside an unquoted field: quote the whole field and double the quote (\"\")")
                    }
                    index += 1
                }
                return try text(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            }
            let openedOn = line
            index += 1
            field.removeAll(keepingCapacity: true)
            while true {
                guard index < bytes.count else {
                    throw ImportError(file: file, location: .line(openedOn), message: "a quoted field is not closed")
                }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    if next == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    index += 1
                    guard index == bytes.count || bytes[index] == delimiter || atLineEnd(index) else {
                        throw ImportError(file: file, location: .line(line), message: "text after the closing quote of a field")
                    }
                    return try field.withUnsafeBufferPointer { (raw) throws(ImportError) in try text(raw) }
                }
                if byte == 0x0A { line += 1 }
                field.append(byte)
                index += 1
            }
        }

        private func text(_ raw: UnsafeBufferPointer<UInt8>) throws(ImportError) -> String {
            let text = String(decoding: raw, as: UTF8.self)
            if raw.contains(where: { $0 >= 0x80 }), !text.utf8.elementsEqual(raw) {
                throw ImportError(file: file, location: .line(line), message: "a field is not valid UTF-8")
            }
            return text
        }
    }
}
