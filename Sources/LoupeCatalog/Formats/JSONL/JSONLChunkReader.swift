/// Reads a run of JSONL lines (a chunk of the file, or all of it) into rows, annotations and
/// predictions, checking what each line means: classes in the class list, probabilities valid.
/// Keys are checked for duplicates across chunks by `JSONLBatchBuilder`.
///
/// Chunks of a ground-truth file are read in parallel: each reader then only depends on the
/// class list of the header line, and records the classes it sees in first-seen order.
struct JSONLChunkReader {
    private let file: String
    private let mode: JSONLImporter.Mode
    /// The class list from the header line or the `probabilityClasses` option.
    private(set) var classList: [String]?
    private var classIndex: [String: Int] = [:]
    private var seenClasses: Set<String> = []
    /// Classes in first-seen order (starting with the class list, when one is set here).
    private(set) var classes: [String] = []
    private(set) var rows: [DataRow] = []
    private(set) var annotations: [AnnotationSpec] = []
    private(set) var predictions: [PredictionSpec] = []
    /// Each row's or prediction's key and 1-based line, in order.
    private(set) var keys: [(key: String, line: Int)] = []
    private(set) var anyProbabilities = false
    private(set) var warnings = ImportWarningCounter()
    /// The first error, which ends the chunk.
    var error: ImportError?
    /// Whether a header line may still come (only as the first line of the file).
    private var headerAllowed: Bool

    init(file: String, mode: JSONLImporter.Mode, classList: [String]?, headerAllowed: Bool, expectedLines: Int) {
        self.file = file
        self.mode = mode
        self.headerAllowed = headerAllowed
        keys.reserveCapacity(expectedLines)
        switch mode {
        case .groundTruth: rows.reserveCapacity(expectedLines)
        case .predictions: predictions.reserveCapacity(expectedLines)
        }
        if let classList { setClassList(classList) }
    }

    /// Reads one line; returns `false` (with `error` set) at the first bad line.
    mutating func add(_ line: UnsafeBufferPointer<UInt8>, number: Int) -> Bool {
        do throws(ImportError) {
            try add(try JSONLImporter.record(line, number: number, file: file), line: number)
            return true
        } catch {
            self.error = error
            return false
        }
    }

    mutating func add(_ record: JSONLRecord, line: Int) throws(ImportError) {
        for name in record.otherFields {
            warnings.add("unknown field '\(name)' ignored", file: file, at: .lineAndPath(line, "$." + name))
        }
        if record.has(.classes) {
            try header(record, line: line)
            return
        }
        headerAllowed = false
        guard let key = record.key else {
            throw error(line, "$", record.has(.key) ? "expected a string, found null" : "missing required key 'key'")
        }
        guard !key.isEmpty else { throw error(line, "$.key", "the key is empty") }
        if record.label?.isEmpty == true { throw error(line, "$.label", "the label is empty") }
        switch mode {
        case .groundTruth: try addRow(record, key: key, line: line)
        case .predictions: try addPrediction(record, key: key, line: line)
        }
        keys.append((key, line))
    }

    // MARK: Lines

    private mutating func header(_ record: JSONLRecord, line: Int) throws(ImportError) {
        guard headerAllowed, record.present == JSONLField.classes.bit else {
            throw error(line, "$.classes", "'classes' belongs on a header line of its own: {\"classes\": [...]} as the first line")
        }
        guard let names = record.classes else { throw error(line, "$.classes", "expected an array of strings, found null") }
        var unique = Set<String>()
        for (index, name) in names.enumerated() {
            guard !name.isEmpty else { throw error(line, "$.classes[\(index)]", "a class name is empty") }
            guard unique.insert(name).inserted else { throw error(line, "$.classes[\(index)]", "class '\(name)' is listed twice") }
        }
        if mode == .predictions, let classList, classList != names {
            throw error(line, "$.classes", "the header's classes [\(names.joined(separator: ", "))] differ from "
                        + "the probabilityClasses option [\(classList.joined(separator: ", "))]")
        }
        setClassList(names)
        headerAllowed = false
    }

    private mutating func setClassList(_ names: [String]) {
        classList = names
        classIndex = [:]
        for (index, name) in names.enumerated() where classIndex[name] == nil { classIndex[name] = index }
        for name in names where seenClasses.insert(name).inserted { classes.append(name) }
    }

    private mutating func addRow(_ record: JSONLRecord, key: String, line: Int) throws(ImportError) {
        for field in JSONLField.predictionFields where record.has(field) {
            warnings.add("field '\(field.name)' is read only in predictions mode; ignored", file: file,
                         at: .lineAndPath(line, "$." + field.name))
        }
        let kind: RowKind
        switch record.kind {
        case nil: kind = record.text == nil ? .image : .text
        case let name?:
            guard let given = RowKind(rawValue: name) else {
                throw error(line, "$.kind", "expected \"image\" or \"text\", found \"\(name)\"")
            }
            kind = given
        }
        if let width = record.width, width <= 0 { throw error(line, "$.width", "expected a positive integer, found \(width)") }
        if let height = record.height, height <= 0 { throw error(line, "$.height", "expected a positive integer, found \(height)") }
        if (record.width == nil) != (record.height == nil) {
            throw error(line, record.width == nil ? "$.width" : "$.height", "width and height go together: give both or neither")
        }
        if let split = record.split, split.isEmpty { throw error(line, "$.split", "expected a split name, found an empty string") }
        if let tags = record.tags, let empty = tags.firstIndex(of: "") { throw error(line, "$.tags[\(empty)]", "expected a tag, found an empty string") }
        rows.append(DataRow(key: key, uri: record.uri, kind: kind, width: record.width, height: record.height,
                                  text: record.text, split: record.split, metadata: record.metadata ?? [:],
                                  tags: record.tags ?? []))
        if let label = record.label {
            try useClass(label, line: line, path: "$.label")
            annotations.append(AnnotationSpec(rowKey: key, className: label, geometry: .none))
        }
        if let value = record.annotations {
            let specs = try JSONLAnnotationReader(file: file, line: line).read(value, rowKey: key, warnings: &warnings)
            for (index, spec) in specs.enumerated() {
                if let name = spec.className { try useClass(name, line: line, path: "$.annotations[\(index)].class") }
            }
            annotations += specs
        }
    }

    private mutating func addPrediction(_ record: JSONLRecord, key: String, line: Int) throws(ImportError) {
        for field in JSONLField.rowFields where record.has(field) {
            warnings.add("field '\(field.name)' is not read in predictions mode; ignored", file: file,
                         at: .lineAndPath(line, "$." + field.name))
        }
        var vector: [Double]?
        switch record.probabilities {
        case nil: break
        case .vector(let values)?:
            guard classList != nil else {
                throw error(line, "$.probabilities", "probabilities given as an array need the class order: "
                            + "a first line {\"classes\": [...]} or the probabilityClasses option")
            }
            vector = values
        case .named(let pairs)?:
            vector = try namedVector(pairs, line: line)
        }
        let resolved = ClassificationPredictionRules.resolve(label: record.label, score: record.score, probabilities: vector,
                                                             classes: classList, classIndex: classIndex)
        switch resolved {
        case .success(let prediction):
            if vector != nil { anyProbabilities = true }
            if seenClasses.insert(prediction.className).inserted { classes.append(prediction.className) }
            predictions.append(PredictionSpec(rowKey: key, className: prediction.className, geometry: .none,
                                                    score: prediction.score, probabilities: prediction.probabilities))
        case .failure(let problem):
            let path: String
            switch problem.field {
            case .label: path = record.label == nil ? "$" : "$.label"
            case .score: path = "$.score"
            case .probabilities(nil): path = "$.probabilities"
            case .probabilities(let index?):
                if case .named = record.probabilities, let classList { path = "$.probabilities." + classList[index] }
                else { path = "$.probabilities[\(index)]" }
            }
            throw error(line, path, problem.message)
        }
    }

    /// `{"cat": 0.1, "dog": 0.9}` in class-list order; the first such object sets the class list
    /// (in the order written) when neither a header nor the option gave one.
    private mutating func namedVector(_ pairs: [(name: String, value: Double)], line: Int) throws(ImportError) -> [Double] {
        if classList == nil {
            var unique = Set<String>()
            for pair in pairs {
                guard !pair.name.isEmpty else { throw error(line, "$.probabilities", "a class name is empty") }
                guard unique.insert(pair.name).inserted else {
                    throw error(line, "$.probabilities." + pair.name, "class '\(pair.name)' is given twice")
                }
            }
            setClassList(pairs.map(\.name))
        }
        guard let classList else { return [] }
        var vector = [Double](repeating: .nan, count: classList.count)
        for pair in pairs {
            let path = "$.probabilities." + pair.name
            guard let index = classIndex[pair.name] else {
                throw error(line, path, "class '\(pair.name)' is not in the class list [\(classList.joined(separator: ", "))]")
            }
            guard vector[index].isNaN else { throw error(line, path, "class '\(pair.name)' is given twice") }
            vector[index] = pair.value
        }
        if let missing = vector.firstIndex(where: \.isNaN) {
            throw error(line, "$.probabilities", "no probability for class '\(classList[missing])': every line names every class")
        }
        return vector
    }

    // MARK: Helpers

    private mutating func useClass(_ name: String, line: Int, path: String) throws(ImportError) {
        if let classList {
            guard classIndex[name] != nil else {
                throw error(line, path, "class '\(name)' is not in the header's class list [\(classList.joined(separator: ", "))]")
            }
        } else if seenClasses.insert(name).inserted {
            classes.append(name)
        }
    }

    private func error(_ line: Int, _ path: String, _ message: String) -> ImportError {
        ImportError(file: file, location: .lineAndPath(line, path), message: message)
    }
}
