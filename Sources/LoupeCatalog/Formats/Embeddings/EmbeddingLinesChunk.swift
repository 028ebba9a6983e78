/// The vectors of a run of embedding lines (a chunk of the file, or all of it), read until the
/// first bad line. Duplicate keys and dimensions across chunks are checked by
/// `EmbeddingLinesImporter` when it joins them.
struct EmbeddingLinesChunk {
    private let file: String
    /// Each line's key, in order.
    private(set) var keys: [String] = []
    /// Each key's 1-based line.
    private(set) var lines: [Int] = []
    /// `keys.count × dimension` values, line after line.
    private(set) var values: [Float] = []
    /// The length of the vectors and the line that set it: the file's first vector, or this
    /// chunk's when the first line could not be read ahead.
    private(set) var dimension: (size: Int, line: Int)?
    private(set) var warnings = ImportWarningCounter()
    /// The first error, which ends the chunk.
    private(set) var error: ImportError?
    private var firstLineOfKey: [String: Int] = [:]

    init(file: String, dimension: (size: Int, line: Int)?) {
        self.file = file
        self.dimension = dimension
    }

    /// Reads one line; returns `false` (with `error` set) at the first bad line.
    mutating func add(_ line: UnsafeBufferPointer<UInt8>, number: Int) -> Bool {
        do throws(ImportError) {
            try read(line, number: number)
            return true
        } catch {
            self.error = error
            return false
        }
    }

    private mutating func read(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws(ImportError) {
        var scanner = JSONScanner(bytes: line)
        var key: String?
        let start = values.count
        var count: Int?
        do throws(JSONScanner.Failure) {
            scanner.skipSpace()
            try scanner.members("$") { (scanner: inout JSONScanner, name: String) throws(JSONScanner.Failure) in
                switch name {
                case "key":
                    guard scanner.peek == UInt8(ascii: "\"") else { throw scanner.typeMismatch("$.key", expected: "a string") }
                    key = try scanner.string(path: "$.key")
                case "vector":
                    guard scanner.peek == UInt8(ascii: "[") else { throw scanner.typeMismatch("$.vector", expected: "an array of numbers") }
                    values.removeSubrange(start...)
                    try scanner.elements("$.vector") { (scanner: inout JSONScanner, position: Int) throws(JSONScanner.Failure) in
                        let path = "$.vector[\(position)]"
                        let value = Float(try scanner.number(path))
                        guard value.isFinite else {
                            throw JSONScanner.Failure(path: path, message: "the value is beyond the float32 range (±3.4e38)", offset: scanner.index)
                        }
                        values.append(value)
                    }
                    count = values.count - start
                default:
                    try scanner.skipValue(path: "$." + name, depth: 1)
                    warnings.add("unknown field '\(name)' ignored", file: file, at: .lineAndPath(number, "$." + name))
                }
            }
            try scanner.end("$")
        } catch {
            values.removeSubrange(start...)
            throw JSONLImporter.importError(error, line: line, number: number, file: file)
        }
        func fail(_ path: String, _ message: String) -> ImportError {
            ImportError(file: file, location: .lineAndPath(number, path), message: message)
        }
        guard let key else { throw fail("$", "missing required key 'key'") }
        guard !key.isEmpty else { throw fail("$.key", "the key is empty") }
        guard let count else { throw fail("$", "missing required key 'vector'") }
        guard count > 0 else { throw fail("$.vector", "the vector is empty") }
        if let dimension, dimension.size != count {
            throw fail("$.vector", "expected \(dimension.size) values as on line \(dimension.line), found \(count)")
        }
        if let first = firstLineOfKey.updateValue(number, forKey: key) {
            throw fail("$.key", "duplicate key '\(key)': already on line \(first)")
        }
        if dimension == nil { dimension = (count, number) }
        keys.append(key)
        lines.append(number)
    }
}
