import LoupeCore

/// Turns decoded Labelbox records into rows, annotations, predictions and warnings, in input
/// order. See `LabelboxImporter` for the mapping.
struct LabelboxBatchBuilder {
    /// Where a record is: makes locations for paths inside it (`""`, `.bbox`, `.Label.objects[2]`).
    struct Place {
        var line: Int?
        var base: String

        func at(_ suffix: String = "") -> SourceLocation {
            if let line { return .lineAndPath(line, base + suffix) }
            return .jsonPath(base + suffix)
        }
    }

    private(set) var batch: ImportBatch
    let asPredictions: Bool
    private var warnings = ImportWarningCounter()
    private var rowIndexByKey: [String: Int] = [:]
    private var seenClasses: Set<String> = []

    init(source: String, asPredictions: Bool) {
        batch = ImportBatch(source: source)
        self.asPredictions = asPredictions
    }

    /// The batch with its warnings.
    var result: ImportBatch {
        var result = batch
        result.warnings = warnings.warnings
        return result
    }

    // MARK: Records

    /// Adds one top-level value.
    mutating func add(_ line: LabelboxLine, at place: Place) throws(ImportError) {
        switch line {
        case .record(let record): try add(record: record, at: place)
        case .exportRow(let row): try add(exportRow: row, at: place)
        }
    }

    private mutating func add(record: LabelboxObject, at place: Place) throws(ImportError) {
        if record.keys.contains("metricValue") {
            warn("custom metrics import is not supported yet; metric records skipped", at: place.at())
            return
        }
        guard let reference = record.dataRow else {
            throw ImportError(file: batch.source, location: place.at(), message: "missing required key 'dataRow'")
        }
        guard let key = nonEmpty(reference.globalKey) ?? nonEmpty(reference.id) else {
            throw ImportError(file: batch.source, location: place.at(".dataRow"),
                              message: "missing dataRow.globalKey or dataRow.id: a record must name its data row")
        }
        try add(object: record, rowKey: key, author: nil, at: place)
    }

    private mutating func add(exportRow row: LabelboxExportRow, at place: Place) throws(ImportError) {
        guard let key = nonEmpty(row.externalID) ?? nonEmpty(row.dataRowID) else {
            throw ImportError(file: batch.source, location: place.at(),
                              message: "missing 'External ID' and 'DataRow ID': an exported row must name its data row")
        }
        if row.skipped {
            warn("skipped labels (\"Skipped\": true) are not imported", at: place.at())
            return
        }
        guard let label = row.label else { return }
        for (index, object) in (label.objects ?? []).enumerated() {
            try add(object: object, rowKey: key, author: row.createdBy,
                    at: Place(line: place.line, base: place.base + ".Label.objects[\(index)]"))
        }
        for (index, classification) in (label.classifications ?? []).enumerated() {
            let here = Place(line: place.line, base: place.base + ".Label.classifications[\(index)]")
            try addClassification(question: classification.featureName, answer: classification.chosen, confidence: nil,
                                  rowKey: key, author: row.createdBy, at: here)
        }
    }

    // MARK: Objects

    private mutating func add(object: LabelboxObject, rowKey: String, author: String?, at place: Place) throws(ImportError) {
        let keys = object.keys
        if keys.contains("frames") || keys.contains("segments") {
            return warn("video annotations (frames, segments) are not supported; skipped", at: place.at())
        }
        if keys.contains("page") || keys.contains("textSelections") {
            return warn("document (PDF) annotations are not supported; skipped", at: place.at())
        }
        if keys.contains("location") || keys.contains("messageId") || keys.contains("data") {
            return warn("text entity annotations are not supported; skipped", at: place.at())
        }
        if keys.contains("relationship") {
            return warn("relationships are not supported; skipped", at: place.at())
        }
        let geometry: Geometry
        if let box = object.bbox {
            guard box.width >= 0, box.height >= 0 else {
                throw ImportError(file: batch.source, location: place.at(".bbox"),
                                  message: "expected a non-negative width and height, found \(box.width) × \(box.height)")
            }
            geometry = .box(BoundingBox(x: box.left, y: box.top, width: box.width, height: box.height))
        } else if let points = object.polygon {
            guard points.count >= 3 else {
                throw ImportError(file: batch.source, location: place.at(".polygon"),
                                  message: "a polygon needs at least 3 points, found \(points.count)")
            }
            geometry = .polygon(Polygon(rings: [points.flatMap { [$0.x, $0.y] }]))
        } else if let point = object.point {
            geometry = .point(x: point.x, y: point.y)
        } else if keys.contains("line") {
            return warn("polylines are not supported; skipped", at: place.at())
        } else if keys.contains("mask") || keys.contains("instanceURI") {
            return warn("masks given by URL (instanceURI) cannot be resolved offline; skipped", at: place.at())
        } else if object.answer != nil {
            return try addClassification(question: object.featureName, answer: object.answer,
                                         confidence: object.confidence, rowKey: rowKey, author: author, at: place)
        } else {
            let listed = keys.sorted().joined(separator: ", ")
            return warn("unrecognized annotation kind (keys: \(listed)); skipped", at: place.at())
        }
        guard let className = object.featureName else {
            throw ImportError(file: batch.source, location: place.at(),
                              message: "missing 'name' or 'schemaId': an object must name its feature")
        }
        var attributes: [String: MetadataValue] = [:]
        for classification in object.classifications ?? [] { Self.collect(classification, into: &attributes) }
        addRow(rowKey)
        addClass(className)
        if asPredictions || object.confidence != nil {
            if !attributes.isEmpty {
                warn("nested classifications on predictions are not kept (predictions carry no attributes)", at: place.at(".classifications"))
            }
            batch.predictions.append(PredictionSpec(rowKey: rowKey, className: className, geometry: geometry,
                                                    score: object.confidence))
        } else {
            batch.annotations.append(AnnotationSpec(rowKey: rowKey, className: className, geometry: geometry,
                                                    attributes: attributes, author: author))
        }
    }

    /// A top-level classification: each chosen option is a `.none` annotation (or prediction when
    /// it has a confidence, its own or else the record's) of that option's class; free text goes
    /// to row metadata.
    private mutating func addClassification(question: String?, answer: LabelboxAnswerValue?, confidence: Double?,
                                            rowKey: String, author: String?, at place: Place) throws(ImportError) {
        guard let question else {
            throw ImportError(file: batch.source, location: place.at(),
                              message: "missing 'name' or 'schemaId': a classification must name its question")
        }
        let options: [(answer: LabelboxAnswer, path: String)]
        switch answer {
        case .none:
            return
        case .text(let text):
            if asPredictions {
                return warn("free-text answers are not imported as predictions; skipped", at: place.at(".answer"))
            }
            addRow(rowKey)
            batch.rows[rowIndexByKey[rowKey]!].metadata[question] = .string(text)
            return
        case .option(let option): options = [(option, ".answer")]
        case .options(let list): options = list.enumerated().map { ($1, ".answer[\($0)]") }
        }
        for (option, path) in options {
            guard let className = option.featureName else {
                throw ImportError(file: batch.source, location: place.at(path),
                                  message: "missing 'name' or 'schemaId': an answer must name its option")
            }
            addRow(rowKey)
            addClass(className)
            let score = option.confidence ?? confidence
            if asPredictions || score != nil {
                batch.predictions.append(PredictionSpec(rowKey: rowKey, className: className, geometry: .none,
                                                        score: score))
            } else {
                var attributes: [String: MetadataValue] = ["question": .string(question)]
                for nested in option.classifications ?? [] { Self.collect(nested, into: &attributes) }
                batch.annotations.append(AnnotationSpec(rowKey: rowKey, className: className, geometry: .none,
                                                        attributes: attributes, author: author))
            }
        }
    }

    /// Adds `{question: answer}` for a nested classification, and for classifications nested
    /// under its options. A checklist's options are joined with ", " in the order given.
    static func collect(_ classification: LabelboxClassification, into attributes: inout [String: MetadataValue]) {
        guard let question = classification.featureName, let answer = classification.chosen else { return }
        let options: [LabelboxAnswer]
        switch answer {
        case .text(let text):
            attributes[question] = .string(text)
            return
        case .option(let option): options = [option]
        case .options(let list): options = list
        }
        attributes[question] = .string(options.compactMap(\.featureName).joined(separator: ", "))
        for option in options {
            for nested in option.classifications ?? [] { collect(nested, into: &attributes) }
        }
    }

    // MARK: Helpers

    private mutating func addRow(_ key: String) {
        guard rowIndexByKey[key] == nil else { return }
        rowIndexByKey[key] = batch.rows.count
        batch.rows.append(DataRow(key: key, kind: .image))
    }

    private mutating func addClass(_ name: String) {
        if seenClasses.insert(name).inserted { batch.classes.append(ClassSpec(name: name)) }
    }

    private mutating func warn(_ message: String, at location: SourceLocation) {
        warnings.add(message, file: batch.source, at: location)
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
