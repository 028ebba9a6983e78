import LoupeCore

extension RowSelector {
    /// The per-class quotas of `class_balanced` for `budget` new labels: the budget planner's
    /// allocation (`LearningCurveAnalysis` over the runs of `model` with stored evaluations, per
    /// class, as `loupe plan --budget`) when it allocates any label, else the budget split evenly
    /// over the classes (`budget / K` each, the remainder one by one to the first classes by
    /// ordinal), with a note saying why the planner was not used.
    /// - Complexity: that of `LearningCurveAnalysis.analyze` (without bootstrap).
    func quotas(model: Model, dataset: Dataset, classNames: [String], budget: Int) async throws -> RowSelection.Quotas {
        let note: String
        do {
            let report = try await LearningCurveAnalysis.analyze(store: store, dataset: dataset.name, model: model, budget: budget,
                                                                 options: LearningCurve.Options(bootstrapResamples: 0))
            if let plan = report.plan, plan.allocations.contains(where: { $0.addedLabels > 0 }) {
                let quotas = Selection.quotas(from: plan, groupNames: classNames)
                return RowSelection.Quotas(source: "plan", note: nil, classes: zip(classNames, quotas).map { .init(className: $0, quota: $1) })
            }
            note = "the planner fitted no learning curve for model '\(model.name)' "
                + "(it needs at least 3 evaluated runs with snapshots; see loupe plan)"
        } catch let error as StoreError {
            note = "the planner could not run: \(error.message)"
        }
        let k = max(classNames.count, 1)
        let quotas = classNames.indices.map { budget / k + ($0 < budget % k ? 1 : 0) }
        return RowSelection.Quotas(source: "even", note: note, classes: zip(classNames, quotas).map { .init(className: $0, quota: $1) })
    }
}
