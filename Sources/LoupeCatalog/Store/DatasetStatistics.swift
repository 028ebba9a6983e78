/// Counts that describe one dataset, as `loupe info` prints them.
public struct DatasetStatistics: Hashable, Sendable, Codable {
    /// The dataset's name.
    public var name: String
    /// Data rows.
    public var rows: Int
    /// Rows per kind (`image`, `text`).
    public var rowsByKind: [String: Int]
    /// Rows per split (rows without a split are not counted here).
    public var rowsBySplit: [String: Int]
    /// Current ground-truth annotations (each row's current label version).
    public var annotations: Int
    /// Current annotations per geometry kind (`box`, `polygon`, `mask`, `point`, `none`).
    public var annotationsByKind: [String: Int]
    /// Current annotations flagged crowd.
    public var crowdAnnotations: Int
    /// Classes in the schema.
    public var classes: Int
    /// Classes with at least one current annotation.
    public var classesPresent: Int
    /// Rows with ground truth recorded (label version ≥ 1), including rows labeled as empty.
    public var labeledRows: Int
    /// Model runs with predictions or snapshot entries on this dataset's rows.
    public var runs: Int
    /// Predictions on this dataset's rows.
    public var predictions: Int
    /// Vectors on this dataset's rows.
    public var embeddings: Int

    /// Statistics of a dataset.
    public init(name: String, rows: Int, rowsByKind: [String: Int], rowsBySplit: [String: Int], annotations: Int,
                annotationsByKind: [String: Int], crowdAnnotations: Int, classes: Int, classesPresent: Int,
                labeledRows: Int, runs: Int, predictions: Int, embeddings: Int) {
        self.name = name
        self.rows = rows
        self.rowsByKind = rowsByKind
        self.rowsBySplit = rowsBySplit
        self.annotations = annotations
        self.annotationsByKind = annotationsByKind
        self.crowdAnnotations = crowdAnnotations
        self.classes = classes
        self.classesPresent = classesPresent
        self.labeledRows = labeledRows
        self.runs = runs
        self.predictions = predictions
        self.embeddings = embeddings
    }
}
