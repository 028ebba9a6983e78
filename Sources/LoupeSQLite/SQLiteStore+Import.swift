import Foundation
import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `apply`, in one SQLite transaction.
    public func apply(_ batch: ImportBatch, toDataset name: String, options: ImportOptions,
                      progress: ImportProgress?) async throws -> ImportReport {
        do {
            // Rows, metadata, tags and ground truth change only the dataset they go to; predictions
            // (new runs and models) and vectors (workspace-wide spaces) change what every dataset's
            // filters resolve.
            let confined = batch.predictions.isEmpty && batch.embeddings == nil
            return try await write(changesData: !confined) { db in
                let meter = ProgressMeter(total: batch.rows.count + batch.annotations.count + batch.predictions.count
                                          + (batch.embeddings?.rowKeys.count ?? 0), report: progress)
                let report = try Self.apply(batch, toDataset: name, options: options, meter: meter, db)
                if confined, let dataset = try Self.dataset(named: name, db) { try Self.bumpGeneration(datasetID: dataset.id, db) }
                return report
            }
        } catch let error as StoreError where error.code == "invalid" && !error.message.hasPrefix(batch.source) {
            // Name the file, as importers do, when the store refuses one of its values.
            throw StoreError.invalid("\(batch.source): \(error.message)")
        }
    }

    /// The whole import in the caller's transaction: any throw rolls everything back.
    static func apply(_ batch: ImportBatch, toDataset name: String, options: ImportOptions, meter: ProgressMeter,
                      _ db: Database) throws -> ImportReport {
        var report = ImportReport(dataset: name)
        let dataset = try dataset(named: name, db) ?? createDataset(named: name, db)
        if let root = options.assetRoot { try addAssetRoot(root, datasetID: dataset.id, db) }

        // Classes: the format's order first, then names only seen on labels, in first-seen order.
        var classSpecs = batch.classes
        var named = Set(classSpecs.map(\.name))
        let referenced = batch.annotations.map(\.className) + batch.predictions.map(\.className)
            + (batch.probabilityClasses ?? []).map(Optional.some)
        for case let name? in referenced where named.insert(name).inserted { classSpecs.append(ClassSpec(name: name)) }
        report.classesAdded = try addClasses(classSpecs, datasetID: dataset.id, db)
        let schema = try classes(datasetID: dataset.id, db)
        let classIDs = Dictionary(uniqueKeysWithValues: schema.map { ($0.name, $0.id) })

        var labeledKeys = Set(batch.annotations.map(\.rowKey))
        if batch.statesCompleteGroundTruth { labeledKeys.formUnion(batch.rows.map(\.key)) }
        let upserted = try upsertRows(batch.rows, datasetID: dataset.id, labeledKeys: labeledKeys, db)
        meter.advance(by: batch.rows.count)
        report.rowsCreated = upserted.created.count
        report.rowsUpdated = batch.rows.count - upserted.created.count
        var rowIDs = Dictionary(uniqueKeysWithValues: zip(batch.rows.map(\.key), upserted.ids))
        func rowID(_ key: String, _ what: String) throws -> Int64 {
            if let id = rowIDs[key] { return id }
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM data_row WHERE dataset_id = ? AND key = ?",
                                              arguments: [dataset.id, key]) else {
                throw StoreError.notFound("\(batch.source): \(what) refers to row '\(key)', which is neither in the file nor in dataset '\(name)'")
            }
            rowIDs[key] = id
            return id
        }

        try writeGroundTruth(batch, classIDs: classIDs, rowID: rowID, createdRows: upserted.created, options: options,
                             report: &report, meter: meter, db)
        try writePredictions(batch, dataset: dataset, schema: schema, rowID: rowID, options: options, report: &report,
                             meter: meter, db)
        if let embeddings = batch.embeddings {
            try writeEmbeddings(embeddings, rowID: rowID, options: options, report: &report, meter: meter, db)
        }
        try refreshPlannerStatistics(of: .dataRow, changedRows: batch.rows.count, db)
        meter.finish()
        return report
    }

    /// Writes the batch's annotations as the next label version of each row they name (and of
    /// every batch row when the batch states complete ground truth, so rows labeled as empty get a
    /// version too). Rows the batch created already start at version 1; existing rows with ground
    /// truth need `replace`.
    private static func writeGroundTruth(_ batch: ImportBatch, classIDs: [String: Int64], rowID: (String, String) throws -> Int64,
                                         createdRows: Set<Int64>, options: ImportOptions, report: inout ImportReport,
                                         meter: ProgressMeter, _ db: Database) throws {
        let rowIDs = try batch.annotations.map { try rowID($0.rowKey, "an annotation") }
        let completeRows = batch.statesCompleteGroundTruth ? try batch.rows.map { try rowID($0.key, "a row") } : []
        guard !rowIDs.isEmpty || !completeRows.isEmpty else { return }
        var versions: [Int64: Int] = [:]
        let versionOf = try db.makeStatement(sql: "SELECT label_version FROM data_row WHERE id = ?")
        let bump = try db.makeStatement(sql: "UPDATE data_row SET label_version = ? WHERE id = ?")
        for id in completeRows + rowIDs where versions[id] == nil {
            if createdRows.contains(id) {
                versions[id] = 1
                continue
            }
            let current = try Int.fetchOne(versionOf, arguments: [id]) ?? 0
            if current > 0 {
                guard options.replace else {
                    let key = try String.fetchOne(db, sql: "SELECT key FROM data_row WHERE id = ?", arguments: [id]) ?? "\(id)"
                    throw StoreError.conflict("row '\(key)' already has ground truth (label version \(current)); "
                        + "import with --replace to record these labels as its next label version")
                }
                report.rowsRelabeled += 1
            }
            versions[id] = current + 1
            try bump.execute(arguments: [current + 1, id])
        }
        let insert = try AnnotationInsert(db)
        for (spec, id) in zip(batch.annotations, rowIDs) {
            _ = try insert.execute(Annotation(rowID: id, classID: spec.className.flatMap { classIDs[$0] }, geometry: spec.geometry,
                                              isCrowd: spec.isCrowd, area: spec.area, attributes: spec.attributes,
                                              labelVersion: versions[id] ?? 1, author: spec.author ?? options.author))
            report.annotations += 1
            meter.advance()
        }
    }

    private static func writePredictions(_ batch: ImportBatch, dataset: Dataset, schema: [LabelClass],
                                         rowID: (String, String) throws -> Int64, options: ImportOptions,
                                         report: inout ImportReport, meter: ProgressMeter, _ db: Database) throws {
        guard !batch.predictions.isEmpty else { return }
        guard let modelName = options.modelName else {
            throw StoreError.invalid("\(batch.source) holds predictions: name the model they come from (--model)")
        }
        let classIDs = Dictionary(uniqueKeysWithValues: schema.map { ($0.name, $0.id) })
        let ordinals = Dictionary(uniqueKeysWithValues: schema.map { ($0.name, $0.ordinal) })
        // Probability vectors arrive in the file's class order and are stored by schema ordinal.
        let remap: [Int]? = try batch.probabilityClasses.map { names in
            try names.map { name in
                guard let ordinal = ordinals[name] else { throw StoreError.invalid("unknown probability class '\(name)'") }
                return ordinal
            }
        }
        let model = try Row.fetchOne(db, sql: "SELECT * FROM model WHERE name = ?", arguments: [modelName]).map(model)
            ?? createModel(named: modelName, task: options.modelTask, db)
        var runIDs: [String: Int64] = [:]
        func runID(_ name: String?) throws -> Int64 {
            guard let name = name ?? options.runName else {
                throw StoreError.invalid("\(batch.source) holds predictions: name the run they belong to (--run)")
            }
            if let id = runIDs[name] { return id }
            let id: Int64
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM model_run WHERE model_id = ? AND name = ?",
                                                 arguments: [model.id, name]) {
                id = existing
            } else {
                id = try createRun(modelID: model.id, name: name, configJSON: options.runConfigJSON, db).id
                report.runsCreated += 1
            }
            runIDs[name] = id
            return id
        }
        let existing = try db.makeStatement(sql: "SELECT COUNT(*) FROM prediction WHERE run_id = ? AND row_id = ?")
        let clear = try db.makeStatement(sql: "DELETE FROM prediction WHERE run_id = ? AND row_id = ?")
        var checked = Set<[Int64]>()
        let insert = try PredictionInsert(db)
        for spec in batch.predictions {
            let run = try runID(spec.runName)
            let row = try rowID(spec.rowKey, "a prediction")
            if checked.insert([run, row]).inserted, (try Int.fetchOne(existing, arguments: [run, row]) ?? 0) > 0 {
                guard options.replace else {
                    throw StoreError.conflict("run '\(spec.runName ?? options.runName ?? "")' already has predictions on row "
                        + "'\(spec.rowKey)'; import with --replace to replace them")
                }
                try clear.execute(arguments: [run, row])
            }
            var probabilities: [Float]?
            if let given = spec.probabilities, let remap {
                guard given.count == remap.count else {
                    throw StoreError.invalid("row '\(spec.rowKey)': \(given.count) probabilities for \(remap.count) classes")
                }
                var vector = [Float](repeating: 0, count: schema.count)
                for (index, ordinal) in remap.enumerated() { vector[ordinal] = given[index] }
                probabilities = vector
            } else {
                probabilities = spec.probabilities
            }
            _ = try insert.execute(Prediction(runID: run, rowID: row, classID: spec.className.flatMap { classIDs[$0] },
                                              geometry: spec.geometry, score: spec.score, probabilities: probabilities))
            report.predictions += 1
            meter.advance()
        }
    }

    private static func writeEmbeddings(_ set: EmbeddingSet, rowID: (String, String) throws -> Int64, options: ImportOptions,
                                        report: inout ImportReport, meter: ProgressMeter, _ db: Database) throws {
        let dimension = set.vectors.columns
        let space: EmbeddingSpace
        if let found = try Row.fetchOne(db, sql: "SELECT * FROM embedding_space WHERE name = ?", arguments: [set.spaceName]).map(Self.space) {
            guard found.dimension == dimension else {
                throw StoreError.invalid("embedding space '\(set.spaceName)' has dimension \(found.dimension), the file has \(dimension)")
            }
            space = found
        } else {
            var sourceRun: Int64?
            if let runName = options.embeddingRunName, let modelName = options.modelName {
                sourceRun = try Int64.fetchOne(db, sql: """
                    SELECT r.id FROM model_run r JOIN model m ON m.id = r.model_id WHERE m.name = ? AND r.name = ?
                    """, arguments: [modelName, runName])
                if sourceRun == nil { throw StoreError.notFound("no run '\(runName)' of model '\(modelName)'") }
            }
            space = try createSpace(named: set.spaceName, dimension: dimension, sourceRunID: sourceRun, db)
        }
        let upsert = try EmbeddingUpsert(db)
        for (index, key) in set.rowKeys.enumerated() {
            try upsert.execute(Embedding(spaceID: space.id, rowID: try rowID(key, "a vector"), vector: Array(set.vectors.row(index))))
            report.embeddings += 1
            meter.advance()
        }
    }
}

/// Counts written items and calls the progress callback about every 1% (and at least every
/// 50,000 items), so that reporting never costs the import noticeable time.
final class ProgressMeter {
    private let total: Int
    private let report: ImportProgress?
    private var done = 0
    private var nextReport = 0
    private let step: Int

    init(total: Int, report: ImportProgress?) {
        self.total = total
        self.report = report
        step = max(1, min(50_000, total / 100))
        report?(0, total)
    }

    func advance(by count: Int = 1) {
        done += count
        if done >= nextReport, let report {
            report(done, total)
            nextReport = done + step
        }
    }

    func finish() {
        report?(total, total)
    }
}
