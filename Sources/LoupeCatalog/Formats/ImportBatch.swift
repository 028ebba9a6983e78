import LoupeCore

/// Everything one import file says, parsed and checked, before it touches a store.
///
/// Importers are pure parsers from bytes to an `ImportBatch`; `Store.apply(_:to:options:)`
/// writes a batch in one transaction, so an import is all or nothing. Rows, classes and runs are
/// referred to by the user's names (row key, class name, run name) and resolved to ids inside
/// that transaction.
public struct ImportBatch: Sendable {
    /// The file (or folder) the batch came from, for messages.
    public var source: String
    /// Classes in the order the format defines them (COCO category id order, YOLO names order);
    /// new ones are appended to the dataset's schema in this order.
    public var classes: [ClassSpec]
    /// Rows to create or update (upsert by key; see `Store.apply`).
    public var rows: [DataRow]
    /// Ground truth, by row key and class name.
    public var annotations: [AnnotationSpec]
    /// Model predictions, by row key and class name.
    public var predictions: [PredictionSpec]
    /// The class order of `PredictionSpec.probabilities`, when the format gives probability
    /// vectors; the store reorders them to the schema's ordinals.
    public var probabilityClasses: [String]?
    /// Vectors for an embedding space, if the file carries embeddings.
    public var embeddings: EmbeddingSet?
    /// Things that were accepted but worth telling (zero-area boxes kept, skipped images, …).
    public var warnings: [ImportWarning]
    /// `true` when the file states the complete ground truth of every row in `rows`, so that a
    /// row without annotations is labeled as empty (a background image, a negative) rather than
    /// unlabeled: it gets a label version, and `--replace` replaces its labels with none. Set by
    /// the detection formats that list images with their objects (COCO, YOLO, VOC, CVAT, Open
    /// Images); not by JSONL or CSV, where a row without a label is unlabeled.
    public var statesCompleteGroundTruth = false

    /// An empty batch for `source`.
    public init(source: String, classes: [ClassSpec] = [], rows: [DataRow] = [], annotations: [AnnotationSpec] = [],
                predictions: [PredictionSpec] = [], probabilityClasses: [String]? = nil,
                embeddings: EmbeddingSet? = nil, warnings: [ImportWarning] = []) {
        self.source = source
        self.classes = classes
        self.rows = rows
        self.annotations = annotations
        self.predictions = predictions
        self.probabilityClasses = probabilityClasses
        self.embeddings = embeddings
        self.warnings = warnings
    }
}

/// A class as a format names it.
public struct ClassSpec: Hashable, Sendable {
    /// The class name (unique in the dataset).
    public var name: String
    /// A `#rrggbb` colour, when the format gives one.
    public var color: String?

    /// A class by name.
    public init(name: String, color: String? = nil) {
        self.name = name
        self.color = color
    }
}

/// A ground-truth annotation before its row and class have ids.
public struct AnnotationSpec: Hashable, Sendable {
    /// Key of the row it labels (must be in the batch's rows or already in the dataset).
    public var rowKey: String
    /// Class name, or `nil` for an unclassified shape.
    public var className: String?
    /// The shape.
    public var geometry: Geometry
    /// COCO's `iscrowd`.
    public var isCrowd: Bool
    /// The area the format states (COCO `area`), if any.
    public var area: Double?
    /// Free attributes.
    public var attributes: [String: MetadataValue]
    /// Who made it, if the format says.
    public var author: String?

    /// An annotation by row key and class name.
    public init(rowKey: String, className: String?, geometry: Geometry, isCrowd: Bool = false, area: Double? = nil,
                attributes: [String: MetadataValue] = [:], author: String? = nil) {
        self.rowKey = rowKey
        self.className = className
        self.geometry = geometry
        self.isCrowd = isCrowd
        self.area = area
        self.attributes = attributes
        self.author = author
    }
}

/// A prediction before its run, row and class have ids.
public struct PredictionSpec: Hashable, Sendable {
    /// The run it belongs to, when the file names one (Label Studio's `model_version`);
    /// `nil` means the run named in the import options.
    public var runName: String?
    /// Key of the row it is about.
    public var rowKey: String
    /// Predicted class name, if any.
    public var className: String?
    /// The shape (`.none` for classification).
    public var geometry: Geometry
    /// Confidence, if given.
    public var score: Double?
    /// Probabilities in the order of `ImportBatch.probabilityClasses`.
    public var probabilities: [Float]?

    /// A prediction by row key and class name.
    public init(runName: String? = nil, rowKey: String, className: String?, geometry: Geometry,
                score: Double?, probabilities: [Float]? = nil) {
        self.runName = runName
        self.rowKey = rowKey
        self.className = className
        self.geometry = geometry
        self.score = score
        self.probabilities = probabilities
    }
}

/// Vectors for one embedding space, one per row key, as one flat row-major buffer.
public struct EmbeddingSet: Sendable {
    /// The space's name (created if missing; its dimension must match if it exists).
    public var spaceName: String
    /// The row key of each vector, in order.
    public var rowKeys: [String]
    /// `rowKeys.count × dimension` values.
    public var vectors: RowMajorMatrix

    /// A set of vectors keyed by row.
    /// - Precondition: `vectors.rows == rowKeys.count`.
    public init(spaceName: String, rowKeys: [String], vectors: RowMajorMatrix) {
        precondition(vectors.rows == rowKeys.count, "EmbeddingSet: \(vectors.rows) vectors for \(rowKeys.count) keys")
        self.spaceName = spaceName
        self.rowKeys = rowKeys
        self.vectors = vectors
    }
}
