/// Where in an input file something was found.
public enum SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// A 1-based line (text formats, JSONL, CSV).
    case line(Int)
    /// A 1-based line and a JSON path within that line's document (JSONL, NDJSON).
    case lineAndPath(Int, String)
    /// A JSON path like `$.annotations[12].bbox` (whole-file JSON).
    case jsonPath(String)
    /// An XML element path like `annotation/object[3]/bndbox/xmin`.
    case element(String)

    /// `line 3`, `line 3, $.bbox`, `$.annotations[12].bbox`, `annotation/object[3]`.
    public var description: String {
        switch self {
        case .line(let line): "line \(line)"
        case .lineAndPath(let line, let path): "line \(line), \(path)"
        case .jsonPath(let path): path
        case .element(let path): path
        }
    }
}

/// Bad input: which file, where in it, and what was expected. Thrown by every importer; an
/// import that throws writes nothing.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or folder) at fault.
    public var file: String
    /// Where in it, when the fault has a place.
    public var location: SourceLocation?
    /// What was found and what was expected.
    public var message: String

    /// An error at a place in a file.
    public init(file: String, location: SourceLocation? = nil, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// `file:location: message`.
    public var description: String {
        if let location { return "\(file): \(location): \(message)" }
        return "\(file): \(message)"
    }
}

/// Something an import accepted but reports: a count of like cases and one example place.
public struct ImportWarning: Hashable, Sendable, CustomStringConvertible {
    /// The file it concerns.
    public var file: String
    /// The first place it happened.
    public var location: SourceLocation?
    /// What happened.
    public var message: String
    /// How many times.
    public var count: Int

    /// A warning counted `count` times, first seen at `location`.
    public init(file: String, location: SourceLocation? = nil, message: String, count: Int = 1) {
        self.file = file
        self.location = location
        self.message = message
        self.count = count
    }

    /// `file: message (N times, first at location)`.
    public var description: String {
        var text = "\(file): \(message)"
        if count > 1 { text += " (\(count) times" + (location.map { ", first at \($0)" } ?? "") + ")" }
        else if let location { text += " (at \(location))" }
        return text
    }
}
