import LoupeCore

/// Computes a data-issue report for a dataset from the space or run a `DataIssueRequest` names,
/// and stores it: the one path the CLI (`loupe issues --save`) and the API's job share.
public struct DataIssueAnalysis<S: Store>: Sendable {
    /// The store read and written.
    public let store: S

    /// An analysis over `store`.
    public init(store: S) {
        self.store = store
    }

    /// A computed report and where it came from.
    public struct Result: Sendable {
        /// The report with its rows' ids and keys.
        public var report: KeyedDataIssueReport
        /// The space read, for the embedding kinds.
        public var spaceID: Int64?
        /// The run read, for the label kinds.
        public var runID: Int64?
        /// `space NAME` or `run MODEL/RUN`.
        public var source: String
    }

    /// Computes `request`'s report over `dataset`'s rows.
    /// - Throws: `StoreError.invalid` for a request with a `problem` or a run that several models
    ///   share, `StoreError.notFound` for an unknown space or run; as the finders otherwise.
    public func compute(_ request: DataIssueRequest, dataset: Dataset) async throws -> Result {
        if let problem = request.problem { throw StoreError.invalid(problem.message) }
        if DataIssueRequest.runKinds.contains(request.kind), let reference = request.run {
            let matches = try await store.runs(matching: reference)
            guard let (model, run) = matches.first else { throw StoreError.notFound("no run '\(reference)'") }
            guard matches.count == 1 else {
                throw StoreError.invalid("several models have a run '\(reference)': name it as MODEL/\(reference)")
            }
            let report = try await RunLabelIssueFinder(store: store).find(request.kind, model: model, run: run, dataset: dataset.name)
            return Result(report: report, spaceID: nil, runID: run.id, source: "run \(model.name)/\(run.name)")
        }
        let name = request.space ?? ""
        guard let space = try await store.embeddingSpaces().first(where: { $0.name == name }) else {
            throw StoreError.notFound("no embedding space '\(name)'")
        }
        let report = try await EmbeddingIssueFinder(store: store).find(request.kind, space: space, dataset: dataset, k: request.k,
                                                                       metric: request.metric, duplicateSimilarity: request.similarity)
        return Result(report: report, spaceID: space.id, runID: nil, source: "space \(space.name)")
    }

    /// Computes `request`'s report and stores it as the dataset's report of that kind.
    public func computeAndSave(_ request: DataIssueRequest, dataset: Dataset) async throws -> DataIssueSummary {
        let result = try await compute(request, dataset: dataset)
        return try await store.saveDataIssueReport(datasetID: dataset.id, report: result.report, spaceID: result.spaceID,
                                                   runID: result.runID, source: result.source,
                                                   parametersJSON: request.parametersJSON)
    }
}
