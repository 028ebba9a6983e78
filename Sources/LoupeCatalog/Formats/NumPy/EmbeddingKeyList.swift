import Foundation

/// The row keys that go with an embeddings file, one per vector, in order: a text file with one
/// key a line, or a JSON array of strings (when the first non-blank character is `[`).
///
/// In a text file `\n` and `\r\n` end lines, a byte order mark is skipped and a final line end
/// is optional; keys are taken exactly as written (spaces kept), and an empty line is an error,
/// as it would shift every later key onto the wrong vector. Keys must be non-empty and unique.
struct EmbeddingKeyList {
    /// The keys in order.
    var keys: [String]

    /// Reads a key list; `file` names it in errors.
    init(parsing data: Data, file: String) throws(ImportError) {
        let bytes = [UInt8](data)
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var firstVisible = start
        while firstVisible < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[firstVisible]) { firstVisible += 1 }
        var firstPlace: [String: String] = [:]
        func check(_ key: String, at place: String, _ location: SourceLocation) throws(ImportError) {
            guard !key.isEmpty else { throw ImportError(file: file, location: location, message: "an empty key") }
            if let first = firstPlace.updateValue(place, forKey: key) {
                throw ImportError(file: file, location: location, message: "duplicate key '\(key)': already at \(first)")
            }
        }
        if firstVisible < bytes.count, bytes[firstVisible] == UInt8(ascii: "[") {
            keys = try JSONDecoding.decode([String].self, from: Data(bytes[start...]), file: file)
            for (index, key) in keys.enumerated() { try check(key, at: "$[\(index)]", .jsonPath("$[\(index)]")) }
            return
        }
        keys = []
        var number = 1
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var last = end
            if last > start, bytes[last - 1] == 0x0D { last -= 1 }
            guard let key = String(validating: bytes[start..<last], as: UTF8.self) else {
                throw ImportError(file: file, location: .line(number), message: "the line is not valid UTF-8")
            }
            try check(key, at: "line \(number)", .line(number))
            keys.append(key)
            start = end + 1
            number += 1
        }
    }
}
