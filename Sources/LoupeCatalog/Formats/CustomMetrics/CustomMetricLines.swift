import Foundation

/// Custom metric values as JSON Lines, one value a line, read by `loupe runs metrics` and
/// `POST /runs/{run}/metrics`:
///
/// ```
/// {"name": "latency_ms", "value": 12.5}                  the run
/// {"name": "f2", "class": "cat", "value": 0.8}           a class
/// {"name": "loss", "key": "000001.jpg", "value": 0.12}   a row
/// ```
///
/// Blank lines are skipped. Errors name the file and line: malformed JSON, a missing name or
/// value, and a value given for both a class and a row.
public enum CustomMetricLines {
    private struct Line: Decodable {
        var name: String
        var value: Double
        var `class`: String?
        var key: String?
    }

    /// The values of a file's bytes; `file` names it in errors.
    /// - Throws: `ImportError` for the first bad line.
    /// - Complexity: O(n) in the size of `data`.
    public static func parse(_ data: Data, file: String) throws(ImportError) -> [CustomMetricValue] {
        var values: [CustomMetricValue] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
            let parsed = try JSONDecoding.decodeLine(Line.self, from: Data(line), file: file, line: index + 1)
            guard parsed.class == nil || parsed.key == nil else {
                throw ImportError(file: file, location: .line(index + 1), message: "a value is for a class or a row, not both")
            }
            let scope: CustomMetricValue.Scope = parsed.class.map { .classNamed($0) } ?? parsed.key.map { .row($0) } ?? .run
            values.append(CustomMetricValue(name: parsed.name, scope: scope, value: parsed.value))
        }
        return values
    }
}
