/// A dataset's schema, rows and current ground truth (and optionally one run's predictions), as
/// exporters take it. Read from a store by `DatasetReader`, or built from an `ImportBatch` in tests.
public struct DatasetContents: Sendable {
    /// The dataset's name.
    public var name: String
    /// Its classes by ordinal.
    public var classes: [LabelClass]
    /// Its rows in id order.
    public var rows: [DataRow]
    /// Current ground truth, in id order.
    public var annotations: [Annotation]
    /// Predictions to export instead of (or beside) ground truth, in id order.
    public var predictions: [Prediction]

    /// Contents of a dataset.
    public init(name: String, classes: [LabelClass], rows: [DataRow], annotations: [Annotation],
                predictions: [Prediction] = []) {
        self.name = name
        self.classes = classes
        self.rows = rows
        self.annotations = annotations
        self.predictions = predictions
    }

    /// The contents a fresh store would hold after applying `batch` to an empty dataset: ids are
    /// assigned 1, 2, … in batch order, classes get ordinals in order, every labeled row is at
    /// label version 1. Used to test importers and exporters without a store.
    public init(materializing batch: ImportBatch, name: String = "dataset") {
        var classes: [LabelClass] = []
        var classIDs: [String: Int64] = [:]
        func classID(_ name: String?) -> Int64? {
            guard let name else { return nil }
            if let id = classIDs[name] { return id }
            let id = Int64(classes.count + 1)
            classes.append(LabelClass(id: id, datasetID: 1, ordinal: classes.count, name: name,
                                      color: LabelClass.defaultColor(ordinal: classes.count)))
            classIDs[name] = id
            return id
        }
        for spec in batch.classes { _ = classID(spec.name) }
        var rows: [DataRow] = []
        var rowIDs: [String: Int64] = [:]
        for var row in batch.rows where rowIDs[row.key] == nil {
            row.id = Int64(rows.count + 1)
            rowIDs[row.key] = row.id
            rows.append(row)
        }
        var annotations: [Annotation] = []
        for spec in batch.annotations {
            guard let rowID = rowIDs[spec.rowKey] else { continue }
            annotations.append(Annotation(id: Int64(annotations.count + 1), rowID: rowID, classID: classID(spec.className),
                                          geometry: spec.geometry, isCrowd: spec.isCrowd, area: spec.area,
                                          attributes: spec.attributes, labelVersion: 1, author: spec.author))
        }
        let labeled = Set(annotations.map(\.rowID))
        for index in rows.indices where labeled.contains(rows[index].id!) { rows[index].labelVersion = 1 }
        var predictions: [Prediction] = []
        for spec in batch.predictions {
            guard let rowID = rowIDs[spec.rowKey] else { continue }
            predictions.append(Prediction(id: Int64(predictions.count + 1), runID: 1, rowID: rowID,
                                          classID: classID(spec.className), geometry: spec.geometry,
                                          score: spec.score, probabilities: spec.probabilities))
        }
        self.init(name: name, classes: classes, rows: rows, annotations: annotations, predictions: predictions)
    }
}
