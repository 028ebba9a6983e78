/// Collects `ImportWarning`s, folding repeats of one message into a count that keeps the first
/// place it happened. Warnings come out in the order their messages were first seen.
/// Every importer reports through one, so a file with 10,000 zero-size boxes gives one line.
struct ImportWarningCounter: Sendable {
    private(set) var warnings: [ImportWarning] = []
    private var indexByMessage: [String: Int] = [:]

    /// Records one occurrence of `message` in `file` at `location`.
    mutating func add(_ message: String, file: String, at location: SourceLocation?) {
        let key = file + "\u{0}" + message
        if let index = indexByMessage[key] {
            warnings[index].count += 1
        } else {
            indexByMessage[key] = warnings.count
            warnings.append(ImportWarning(file: file, location: location, message: message))
        }
    }

    /// Adds another counter's warnings, as if each of its occurrences had been added here after
    /// this counter's own (so a chunk read in parallel counts like the same lines read in order).
    mutating func merge(_ other: ImportWarningCounter) {
        for warning in other.warnings {
            let key = warning.file + "\u{0}" + warning.message
            if let index = indexByMessage[key] {
                warnings[index].count += warning.count
            } else {
                indexByMessage[key] = warnings.count
                warnings.append(warning)
            }
        }
    }
}
