/// Joins the chunks of a JSONL file, in file order, into one `ImportBatch`: keys unique across
/// the whole file, classes in first-seen order, warnings counted once.
///
/// The result is exactly what reading the lines one by one gives, also for errors: a chunk's
/// rows before its first bad line are checked for duplicate keys before its error is thrown.
struct JSONLBatchBuilder {
    private var batch: ImportBatch
    private let mode: JSONLImporter.Mode
    private var lineOfKey: [String: Int] = [:]
    private var seenClasses: Set<String> = []
    private var warnings = ImportWarningCounter()
    private var probabilityClasses: [String]?

    init(file: String, mode: JSONLImporter.Mode, expectedLines: Int) {
        batch = ImportBatch(source: file)
        self.mode = mode
        lineOfKey.reserveCapacity(expectedLines)
    }

    /// Adds the next chunk; throws the first error in file order.
    mutating func add(_ chunk: consuming JSONLChunkReader) throws(ImportError) {
        for (key, line) in chunk.keys {
            if let first = lineOfKey.updateValue(line, forKey: key) {
                throw ImportError(file: batch.source, location: .lineAndPath(line, "$.key"),
                                  message: "duplicate key '\(key)': already on line \(first)")
            }
        }
        warnings.merge(chunk.warnings)
        if let error = chunk.error { throw error }
        for name in chunk.classes where seenClasses.insert(name).inserted { batch.classes.append(ClassSpec(name: name)) }
        if chunk.anyProbabilities { probabilityClasses = chunk.classList }
        if batch.rows.isEmpty { batch.rows = chunk.rows } else { batch.rows += chunk.rows }
        if batch.annotations.isEmpty { batch.annotations = chunk.annotations } else { batch.annotations += chunk.annotations }
        if batch.predictions.isEmpty { batch.predictions = chunk.predictions } else { batch.predictions += chunk.predictions }
    }

    /// The batch of every chunk added.
    var result: ImportBatch {
        var result = batch
        result.warnings = warnings.warnings
        if mode == .predictions { result.probabilityClasses = probabilityClasses }
        return result
    }
}
