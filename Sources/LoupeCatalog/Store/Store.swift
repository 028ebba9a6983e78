import Foundation
import LoupeCore

/// Reports how far a long write has come: items done and items in all.
public typealias ImportProgress = @Sendable (_ done: Int, _ total: Int) -> Void

/// A workspace: where datasets, labels, runs, predictions and vectors live.
///
/// Implemented by `SQLiteStore` (one file, the embedded default) and, later, a PostgreSQL store.
/// Every write method is one transaction that keeps the schema's invariants; lists are paged
/// by opaque cursors in store-id order. Names (dataset, model, run, space) are exact and
/// case-sensitive. Errors about the caller's input are `StoreError`s.
public protocol Store: Sendable {
    // MARK: Datasets and schema

    /// All datasets, ordered by name.
    func datasets() async throws -> [Dataset]
    /// The dataset with this name, if any.
    func dataset(named name: String) async throws -> Dataset?
    /// Creates an empty dataset. Throws `StoreError.alreadyExists` if the name is taken.
    func createDataset(named name: String) async throws -> Dataset
    /// Deletes a dataset with its rows, classes, annotations, and the predictions, snapshot
    /// entries and vectors on its rows.
    func deleteDataset(id: Int64) async throws
    /// The folders the dataset's image files may be served from, sorted.
    func assetRoots(datasetID: Int64) async throws -> [String]
    /// Registers a folder (an absolute, standardized path) the dataset's files live under.
    func addAssetRoot(_ path: String, datasetID: Int64) async throws
    /// The dataset's classes, ordered by ordinal.
    func classes(datasetID: Int64) async throws -> [LabelClass]
    /// Appends the classes not yet in the schema, in order; returns the whole schema.
    func addClasses(_ classes: [ClassSpec], datasetID: Int64) async throws -> [LabelClass]

    // MARK: Rows and ground truth

    /// One page of the dataset's rows, in id order.
    func rows(datasetID: Int64, page: PageRequest) async throws -> Page<DataRow>
    /// The row with this key, if any.
    func row(datasetID: Int64, key: String) async throws -> DataRow?
    /// Upserts rows by key (see `ImportOptions` for the merge rules); returns their ids in order.
    func upsertRows(_ rows: [DataRow], datasetID: Int64) async throws -> [Int64]
    /// The rows a filter selects (all rows when `filter` is nil), sorted by `sort` then by id, with
    /// their count: `limit` rows after the first `offset`. Names in the filter (classes, runs,
    /// metadata fields) are resolved in the dataset; an unknown one is `StoreError.invalid`.
    /// Values are bound as parameters, never spliced into SQL.
    func queryRows(datasetID: Int64, filter: FilterExpression?, sort: [SortKey], limit: Int, offset: Int) async throws -> RowQuery
    /// One page of the rows a filter selects, as `queryRows` without the count: a first page
    /// stops reading as soon as it has `limit` rows, where a count must visit every match.
    func queryPage(datasetID: Int64, filter: FilterExpression?, sort: [SortKey], limit: Int, offset: Int) async throws -> [DataRow]
    /// How many rows a filter selects (all rows when `filter` is nil).
    func countRows(datasetID: Int64, filter: FilterExpression?) async throws -> Int
    /// The ids of all rows a filter selects, ascending.
    func queryRowIDs(datasetID: Int64, filter: FilterExpression) async throws -> [Int64]
    /// The ids of all rows a filter selects (every row without one) in the order `queryPage`
    /// pages them under `sort`, so that `queryPage(…, limit: n, offset: k)` is the rows of
    /// `orderedRowIDs(…)[k..<k+n]`.
    func orderedRowIDs(datasetID: Int64, filter: FilterExpression?, sort: [SortKey]) async throws -> [Int64]
    /// The metadata fields a filter or sort of `datasetID` reads that have no index yet but would
    /// be served by one (plain names of declared fields, in a dataset large enough for an index
    /// to pay), sorted by name; empty when there is nothing to build.
    func metadataFieldsWantingIndexes(datasetID: Int64, filter: FilterExpression?, sort: [SortKey]) async throws -> [String]
    /// Builds the indexes of `fields` of `datasetID` (those that `metadataFieldsWantingIndexes`
    /// names; others are ignored) in one write, and returns the fields that now have one. Queries
    /// give the same rows with or without them, only faster.
    func buildMetadataIndexes(datasetID: Int64, fields: [String]) async throws -> [String]
    /// The rows of `datasetID` with these ids, in the order of `ids`; ids of other datasets or of
    /// no row are skipped.
    func rows(datasetID: Int64, ids: [Int64]) async throws -> [DataRow]
    /// `rows(datasetID:ids:)` read only while the dataset's write generation is still `generation`, checked
    /// in the same transaction: `nil` once anything was written since, so that ids cached at
    /// `generation` are never paired with data they no longer describe.
    func rows(datasetID: Int64, ids: [Int64], atGeneration generation: Int64) async throws -> [DataRow]?
    /// One page of annotations of the dataset; only each row's current label version unless
    /// `allVersions`.
    func annotations(datasetID: Int64, allVersions: Bool, page: PageRequest) async throws -> Page<Annotation>
    /// The current ground truth of one row.
    func annotations(rowID: Int64) async throws -> [Annotation]
    /// The current ground truth of these rows, by row id then annotation id.
    func annotations(rowIDs: [Int64]) async throws -> [Annotation]
    /// Writes a new label version for each row present in `annotations` (rows that get an
    /// empty list are not touched); returns the ids of the new annotations in order.
    func replaceGroundTruth(_ annotations: [Annotation]) async throws -> [Int64]

    // MARK: Models, runs and predictions

    /// All models, by name.
    func models() async throws -> [Model]
    /// Creates a model. Throws `StoreError.alreadyExists` if the name is taken.
    func createModel(named name: String, task: ModelTask) async throws -> Model
    /// The runs of a model, oldest first.
    func runs(modelID: Int64) async throws -> [ModelRun]
    /// Creates a run with its config. Throws if the config is not a JSON object or the name is taken.
    func createRun(modelID: Int64, name: String, configJSON: String) async throws -> ModelRun
    /// Renames a run. Throws `StoreError.alreadyExists` if its model has a run of that name.
    func renameRun(id: Int64, to name: String) async throws -> ModelRun
    /// Deletes a run with its predictions, snapshot, evaluations and custom metrics; embedding
    /// spaces it produced are kept and unlinked. Returns what went with it.
    func deleteRun(id: Int64) async throws -> RunDeletion
    /// Records rows in a run's snapshot with their split and current label version (upsert).
    func addToSnapshot(runID: Int64, rows: [(rowID: Int64, split: String)]) async throws
    /// One page of a run's snapshot.
    func snapshot(runID: Int64, page: PageRequest) async throws -> Page<SnapshotEntry>
    /// Appends predictions in one transaction; returns their ids.
    func insertPredictions(_ predictions: [Prediction]) async throws -> [Int64]
    /// One page of a run's predictions.
    func predictions(runID: Int64, page: PageRequest) async throws -> Page<Prediction>
    /// The predictions on one row, of one run or (when `runID` is nil) of every run, by run id then
    /// descending score (unscored last) then id.
    func predictions(rowID: Int64, runID: Int64?) async throws -> [Prediction]

    // MARK: Evaluations

    /// Stores an evaluation with its per-row and per-object results in one transaction. Throws
    /// `StoreError.alreadyExists` if the run has an evaluation under this key, unless `replace`
    /// (then the old one and its results are deleted first).
    func saveEvaluation(_ draft: EvaluationDraft, replace: Bool) async throws -> Evaluation
    /// The evaluations of a run, by key.
    func evaluations(runID: Int64) async throws -> [Evaluation]
    /// The evaluation of a run under a key, if any.
    func evaluation(runID: Int64, key: String) async throws -> Evaluation?
    /// One page of an evaluation's per-row results, in row-id order.
    func evaluationRows(evaluationID: Int64, page: PageRequest) async throws -> Page<EvaluationRowResult>
    /// The per-object results of one row in an evaluation: predictions by descending score, then
    /// missed ground truth by id.
    func evaluationObjects(evaluationID: Int64, rowID: Int64) async throws -> [EvaluationObjectResult]
    /// The rows behind one cell of an evaluation's confusion matrix (class ids; `nil` = none),
    /// with their counts in row-id order, a page at a time, and the cell's totals.
    func confusionCell(evaluationID: Int64, actualClassID: Int64?, predictedClassID: Int64?,
                       page: PageRequest) async throws -> ConfusionCellPage
    /// Per class, the true and false positives among a detection evaluation's predictions with
    /// `score >= scoreThreshold`, and its counted ground truths, from the stored per-object
    /// outcomes (at the evaluation's IoU threshold). Classes without objects are left out.
    func detectionOperatingCounts(evaluationID: Int64, scoreThreshold: Double) async throws -> [DetectionOperatingCounts]
    /// Whether an evaluation stored its rows' confusion cells (evaluations made before Loupe
    /// recorded them did not).
    func hasConfusionCells(evaluationID: Int64) async throws -> Bool
    /// Deletes an evaluation with its per-row and per-object results.
    func deleteEvaluation(id: Int64) async throws
    /// The per-row results and object outcomes of an evaluation on the rows of `datasetID` that
    /// `filter` selects (all its rows when nil), read in one transaction.
    func evaluationOutcomes(evaluationID: Int64, datasetID: Int64, filter: FilterExpression?) async throws -> EvaluationOutcomes

    // MARK: Custom metrics

    /// Stores custom metric values on a run (upsert by name and scope), resolving class names and
    /// row keys in `datasetID`. Throws `StoreError.invalid` for an unknown class or row or a
    /// non-finite value; nothing is written then.
    func setCustomMetrics(_ values: [CustomMetricValue], runID: Int64, datasetID: Int64) async throws
    /// A run's custom metrics of run and class scope, by name then class.
    func customMetrics(runID: Int64) async throws -> [CustomMetricValue]
    /// The names of a run's per-row custom metrics with their row counts.
    func customRowMetricNames(runID: Int64) async throws -> [String: Int]
    /// The values of one per-row custom metric of a run, by row id.
    func customRowMetric(runID: Int64, name: String) async throws -> [Int64: Double]

    // MARK: Slices

    /// Saves a named filter (validated by the caller). Throws `StoreError.alreadyExists` if the
    /// dataset has a slice of that name, unless `replace`.
    func saveSlice(datasetID: Int64, name: String, filter: String, replace: Bool) async throws -> Slice
    /// The dataset's slices, by name.
    func slices(datasetID: Int64) async throws -> [Slice]
    /// Deletes a slice.
    func deleteSlice(id: Int64) async throws

    // MARK: Embeddings

    /// All embedding spaces, by name.
    func embeddingSpaces() async throws -> [EmbeddingSpace]
    /// Creates a space. Throws `StoreError.alreadyExists` if the name is taken.
    func createEmbeddingSpace(named name: String, dimension: Int, sourceRunID: Int64?) async throws -> EmbeddingSpace
    /// Writes vectors (upsert per row and object). Throws if a vector's length is not the space's dimension.
    func upsertEmbeddings(_ embeddings: [Embedding]) async throws
    /// One page of a space's vectors, in the order they were first written.
    func embeddings(spaceID: Int64, page: PageRequest) async throws -> Page<Embedding>
    /// How many vectors a space holds.
    func embeddingCount(spaceID: Int64) async throws -> Int
    /// Every vector of a space as an entry (id, row, object, dataset), in id order: what an index
    /// over the space compares itself with to catch up on adds, replacements and deletes.
    func embeddingEntries(spaceID: Int64) async throws -> [EmbeddingEntry]
    /// The vectors with these embedding ids, as rows of a matrix in the order of `ids`.
    /// - Throws: `StoreError.notFound` naming an id that is not a vector of the space (it was
    ///   replaced or deleted meanwhile), `StoreError.invalid` for an unreadable blob.
    func embeddingVectors(spaceID: Int64, ids: [Int64]) async throws -> RowMajorMatrix
    /// `EmbeddingEntry.sourceSignature` of the space's whole-row vectors, computed by the store
    /// without listing them: how a cache tells at the cost of one index range that nothing changed.
    func embeddingSourceSignature(spaceID: Int64) async throws -> String
    /// Stores a space's layout by `method`, replacing the one stored before, with its points, in
    /// one transaction.
    func saveProjection(spaceID: Int64, method: Projection.Method, parametersJSON: String, source: String,
                        points: [ProjectionPoint]) async throws -> Projection
    /// The stored layout of a space by a method, if any.
    func projection(spaceID: Int64, method: Projection.Method) async throws -> Projection?
    /// A layout's points, all of them or those of one dataset's rows, in row-id order.
    func projectionPoints(projectionID: Int64, datasetID: Int64?) async throws -> [ProjectionPoint]

    // MARK: Data issues

    /// Stores a dataset's data-issue report, replacing the one of the same kind, with a score per
    /// row, in one transaction. Throws `StoreError.invalid` when a scored row is not the dataset's.
    func saveDataIssueReport(datasetID: Int64, report: KeyedDataIssueReport, spaceID: Int64?, runID: Int64?,
                             source: String, parametersJSON: String) async throws -> DataIssueSummary
    /// The dataset's stored data-issue reports, by kind.
    func dataIssueSummaries(datasetID: Int64) async throws -> [DataIssueSummary]
    /// A stored report's rows worst first (score ascending, then key), `offset` and `limit`
    /// applied after `flaggedOnly`; `nil` when the dataset has no report of `kind`.
    func dataIssueRows(datasetID: Int64, kind: DataIssueKind, flaggedOnly: Bool, offset: Int,
                       limit: Int) async throws -> (summary: DataIssueSummary, rows: [DataIssueRowScore])?
    /// A stored report's score per row id; `nil` when the dataset has no report of `kind`.
    func dataIssueScores(datasetID: Int64, kind: DataIssueKind) async throws -> [Int64: Double]?

    // MARK: Labeling

    /// Creates a labeling project on a dataset. Throws `StoreError.alreadyExists` if the dataset
    /// has a project of that name, `invalid` for an empty name or a non-finite threshold.
    func createLabelingProject(datasetID: Int64, name: String, prelabelRunID: Int64?, scoreThreshold: Double) async throws -> LabelingProject
    /// The dataset's labeling projects, by name.
    func labelingProjects(datasetID: Int64) async throws -> [LabelingProject]
    /// Adds rows to a project's queue under a batch name, in one transaction. A row already in
    /// the project keeps its priority, batch and status unless `reprioritize` (then its priority
    /// and batch are replaced, never its status). Throws `StoreError.invalid` for a row of
    /// another dataset; nothing is written then.
    func addLabelingItems(projectID: Int64, items: [LabelingItemSpec], batch: String, reprioritize: Bool) async throws -> LabelingBatchResult
    /// Gives `assignee` the next item of a project in one write transaction, so that no item is
    /// given to two labelers: the assignee's own item in progress if it has one, else its own
    /// item sent back for rework, else the queued item of highest priority (then lowest id),
    /// which becomes in progress. `nil` when there is none.
    func claimLabelingItem(projectID: Int64, assignee: String) async throws -> LabelingItem?
    /// The project's item on a row, if any.
    func labelingItem(projectID: Int64, rowID: Int64) async throws -> LabelingItem?
    /// The project's items, of one status or all, by id.
    func labelingItems(projectID: Int64, status: LabelingStatus?) async throws -> [LabelingItem]
    /// Submits an item in one transaction: writes the row's next label version (as
    /// `replaceGroundTruth`, also when the list is empty), records the submission with its
    /// object outcomes and marks the item submitted. Throws `StoreError.conflict` unless the
    /// item is in progress and its assignee is `draft.labeler`, `notFound` for an unknown item.
    func submitLabelingItem(_ draft: LabelingSubmissionDraft) async throws -> LabelingSubmission
    /// Reviews a submitted item: approved it becomes reviewed, otherwise it goes back to its
    /// assignee as rework with `note`. Throws `StoreError.conflict` unless it is submitted.
    func reviewLabelingItem(itemID: Int64, reviewer: String, approve: Bool, note: String?) async throws -> LabelingItem
    /// How many of a project's items are in each status (every status present, zeros included).
    func labelingStatusCounts(projectID: Int64) async throws -> [LabelingStatus: Int]
    /// A project's submissions with their outcomes, by id.
    func labelingSubmissions(projectID: Int64) async throws -> [LabelingSubmission]

    // MARK: Import and statistics

    /// Writes a whole parsed file in one transaction: creates the dataset if needed, appends new
    /// classes, upserts rows, writes ground truth, predictions and vectors under `options`.
    /// Nothing is written if any part fails. `progress`, if given, is called now and then with
    /// the number of items written and the total (rows, annotations, predictions and vectors).
    func apply(_ batch: ImportBatch, toDataset name: String, options: ImportOptions,
               progress: ImportProgress?) async throws -> ImportReport
    /// Counts per dataset, by name.
    func statistics() async throws -> [DatasetStatistics]
    /// A dataset's declared metadata fields with their kinds, by name.
    func metadataFields(datasetID: Int64) async throws -> [MetadataField]
    /// How `field`'s values spread over the rows `filter` selects: the `limit` most common values
    /// of a categorical field, or `bins` equal-width bins of a numeric one.
    /// Throws `StoreError.notFound` for an undeclared metadata field, `invalid` for a bad filter.
    func facet(datasetID: Int64, field: FieldFacet.Field, filter: FilterExpression?, limit: Int, bins: Int) async throws -> FieldFacet
    /// One dataset's statistics; `nil` for an unknown id.
    func statistics(datasetID: Int64) async throws -> DatasetStatistics?

    // MARK: API tokens

    /// All API tokens, revoked ones too, by name.
    func apiTokens() async throws -> [ApiToken]
    /// How many tokens are not revoked.
    func activeAPITokenCount() async throws -> Int
    /// Stores a new token under the SHA-256 of its secret (32 bytes). Throws
    /// `StoreError.alreadyExists` if a token (even a revoked one) has the name, `StoreError.invalid`
    /// for an empty name or a hash that is not 32 bytes.
    func createAPIToken(name: String, role: TokenRole, secretHash: Data) async throws -> ApiToken
    /// The token whose secret has this SHA-256, revoked or not, if any.
    func apiToken(secretHash: Data) async throws -> ApiToken?
    /// Revokes the token of this name. Throws `StoreError.notFound` for an unknown name and
    /// `StoreError.conflict` if it is already revoked.
    func revokeAPIToken(named name: String) async throws -> ApiToken
    /// Records that a request used the token at `date`.
    func markAPITokenUsed(id: Int64, at date: Date) async throws

    // MARK: Change detection

    /// A number that changes whenever data a query of `datasetID` can see changes, by any process,
    /// and only grows: every write that changes data, except those confined to another dataset
    /// (rows, metadata, tags and ground truth imported into it without predictions or vectors).
    /// Bookkeeping such as a token's last use or a job's progress leaves it alone. It never comes
    /// back to an earlier value, even for a dataset deleted and another created with its id, so
    /// anything derived from a dataset's data can be cached under it.
    func writeGeneration(datasetID: Int64) async throws -> Int64

    // MARK: Jobs

    /// Records a new job, `queued`, with its parameters (a JSON object). Throws
    /// `StoreError.invalid` when the parameters are not a JSON object.
    func createJob(kind: JobKind, parametersJSON: String, createdBy: String?) async throws -> Job
    /// Moves a queued job to `running` and records when it started. Throws `StoreError.notFound`
    /// for an unknown id and `StoreError.conflict` when the job is not queued.
    func startJob(id: Int64) async throws -> Job
    /// Records how far a job that has not ended has come. Throws `StoreError.notFound` for an
    /// unknown id and `StoreError.conflict` when the job has already ended.
    func updateJobProgress(id: Int64, progress: JobProgress) async throws
    /// Ends a job: `status` must be final (`succeeded`, `failed` with an error, `cancelled`),
    /// with its result (a JSON object) if any. Throws `StoreError.notFound` for an unknown id,
    /// `StoreError.conflict` when it has already ended, `StoreError.invalid` for a status that
    /// is not final or a failure without an error.
    func finishJob(id: Int64, status: JobStatus, resultJSON: String?, error: String?) async throws -> Job
    /// The job with this id, if any.
    func job(id: Int64) async throws -> Job?
    /// One page of jobs, newest first, optionally only of a status and a kind. Because the order
    /// is descending, `page.after` means "older than the job with this id".
    func jobs(status: JobStatus?, kind: JobKind?, page: PageRequest) async throws -> Page<Job>
    /// Marks every `queued` or `running` job `failed` with `message` and returns how many there
    /// were: called when a server starts, since no job survives the process that ran it.
    func failInterruptedJobs(message: String) async throws -> Int
}

extension Store {
    /// `apply(_:toDataset:options:progress:)` without progress reports.
    public func apply(_ batch: ImportBatch, toDataset name: String, options: ImportOptions) async throws -> ImportReport {
        try await apply(batch, toDataset: name, options: options, progress: nil)
    }
}
