/// A labeling project's pre-labels and submits over a store: what a labeler is shown for an
/// item, and the submit that turns their final objects into the row's next label version with
/// the outcome of every pre-label.
public struct LabelingService<S: Store>: Sendable {
    /// The store.
    public let store: S

    /// A service over a store.
    public init(store: S) {
        self.store = store
    }

    /// The pre-labels of a row: the project's run's predictions on it scoring at least the
    /// project's threshold (unscored ones always), by descending score then id; empty when the
    /// project has no run.
    public func prelabels(project: LabelingProject, rowID: Int64) async throws -> [Prediction] {
        guard let runID = project.prelabelRunID else { return [] }
        return try await store.predictions(rowID: rowID, runID: runID).filter { prediction in
            prediction.score.map { $0 >= project.scoreThreshold } ?? true
        }
    }

    /// Submits an item's final objects for `labeler` (see `LabelingSubmissionBuilder` for how
    /// each pre-label's outcome is decided, and `Store.submitLabelingItem` for the write).
    public func submit(project: LabelingProject, item: LabelingItem, labeler: String, objects: [LabelingFinalObject],
                       rejected: [Int64], seconds: Double) async throws -> LabelingSubmission {
        let shown = try await prelabels(project: project, rowID: item.rowID)
        let draft = try LabelingSubmissionBuilder(prelabels: shown).draft(itemID: item.id, labeler: labeler, objects: objects,
                                                                          rejected: rejected, seconds: seconds,
                                                                          prelabelRunID: shown.isEmpty ? nil : project.prelabelRunID)
        return try await store.submitLabelingItem(draft)
    }
}
