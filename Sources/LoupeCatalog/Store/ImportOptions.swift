/// How `Store.apply` treats what already exists.
///
/// Rows are always upserted by key: fields the batch gives overwrite, fields it leaves `nil`
/// keep their stored value, metadata is merged key by key, tags are added, and the row's kind
/// (image or text) stays what it was created as. Ground truth and
/// predictions are never silently duplicated:
/// - a row that already has ground truth refuses new annotations unless `replace` is set, in
///   which case the new annotations become the row's next label version (the old version stays
///   in history, and run snapshots that point to it stay true);
/// - a run that already has predictions on a row of the batch refuses more for that row unless
///   `replace` is set, in which case its predictions on the rows in the batch are replaced
///   (predictions for rows the run has none on are simply added, so uploads can come in chunks).
public struct ImportOptions: Hashable, Sendable {
    /// Replace existing ground truth (as a new label version) and predictions instead of failing.
    public var replace: Bool
    /// The model that predictions belong to (created if missing).
    public var modelName: String?
    /// The model's task, used when the model is created.
    public var modelTask: ModelTask
    /// The run predictions without a run name of their own belong to (created if missing).
    public var runName: String?
    /// The run's config JSON, used when the run is created.
    public var runConfigJSON: String
    /// The run that produced embeddings, if any (by name within `modelName`).
    public var embeddingRunName: String?
    /// Who the imported annotations are attributed to when the format does not say.
    public var author: String?
    /// An images folder to register as an asset root of the dataset (absolute, standardized).
    public var assetRoot: String?

    /// Options; by default nothing existing is replaced.
    public init(replace: Bool = false, modelName: String? = nil, modelTask: ModelTask = .detection,
                runName: String? = nil, runConfigJSON: String = "{}", embeddingRunName: String? = nil,
                author: String? = nil, assetRoot: String? = nil) {
        self.replace = replace
        self.modelName = modelName
        self.modelTask = modelTask
        self.runName = runName
        self.runConfigJSON = runConfigJSON
        self.embeddingRunName = embeddingRunName
        self.author = author
        self.assetRoot = assetRoot
    }
}

/// What one `Store.apply` wrote.
public struct ImportReport: Hashable, Sendable, Codable {
    /// The dataset written to.
    public var dataset: String
    /// Rows created.
    public var rowsCreated: Int
    /// Rows that existed and were updated.
    public var rowsUpdated: Int
    /// Classes added to the schema.
    public var classesAdded: Int
    /// Annotations written.
    public var annotations: Int
    /// Rows whose ground truth got a new label version.
    public var rowsRelabeled: Int
    /// Predictions written.
    public var predictions: Int
    /// Runs created.
    public var runsCreated: Int
    /// Vectors written.
    public var embeddings: Int

    /// A report of zero writes for `dataset`.
    public init(dataset: String) {
        self.dataset = dataset
        rowsCreated = 0
        rowsUpdated = 0
        classesAdded = 0
        annotations = 0
        rowsRelabeled = 0
        predictions = 0
        runsCreated = 0
        embeddings = 0
    }
}
