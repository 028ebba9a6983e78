import Foundation
import LoupeCore

/// Learning curves across the runs of one model, and a labeling budget plan from them.
///
/// Each run that has a snapshot and a stored evaluation gives one point per class: the number of
/// training labels of the class in its snapshot (objects for detection, labeled rows for
/// classification, counted on the snapshot's training rows) against the class's metric in the
/// evaluation (AP for detection, F1 for classification, or `metric`). A saturating power law is
/// fitted per class (`LearningCurve`), and a budget of new labels is allocated across classes to
/// the largest predicted gain (`LabelingBudgetPlan`). Label counts use each row's current ground
/// truth: a row relabeled after a run counts with its new labels.
public enum LearningCurveAnalysis {
    /// One run's place on the curves.
    public struct RunPoint: Sendable, Encodable {
        public var run: String
        /// Training labels in all.
        public var labels: Int
        /// The evaluation's headline metric.
        public var metric: Double?
    }

    /// One class's points and fitted curve.
    public struct ClassCurve: Sendable, Encodable {
        public var name: String
        public var points: [LearningCurvePoint]
        /// The fit, when the points allow one.
        public var curve: LearningCurve?
        /// Why there is no fit.
        public var unfitted: String?
    }

    /// The curves and, for a budget, the plan.
    public struct Report: Sendable, Encodable {
        public var metric: String
        public var evaluationKey: String
        public var trainingSplits: [String]
        public var runs: [RunPoint]
        public var classes: [ClassCurve]
        public var plan: LabelingBudgetPlan?
    }

    /// The analysis of `model`'s runs on `dataset`.
    /// - Parameters:
    ///   - metric: the per-class metric (default AP for detection, f1 for classification).
    ///   - budget: new labels to allocate, if a plan is wanted.
    /// - Throws: `StoreError` when the dataset is missing.
    public static func analyze(store: some Store, dataset: String, model: Model, metric: String? = nil, key: String = "default",
                               trainingSplits: [String] = ["train"], budget: Int? = nil,
                               options: LearningCurve.Options = .init()) async throws -> Report {
        let contents = try await DatasetReader(store: store).contents(ofDataset: dataset)
        let classes = contents.classes.sorted { $0.ordinal < $1.ordinal }
        let classNames = Dictionary(uniqueKeysWithValues: classes.map { ($0.id, $0.name) })
        var labelsByRow: [Int64: [String]] = [:]
        for annotation in contents.annotations {
            if let classID = annotation.classID, let name = classNames[classID] { labelsByRow[annotation.rowID, default: []].append(name) }
        }
        let metricName = metric ?? (model.task == .classification ? "f1" : "AP")
        var runs: [RunPoint] = []
        var points: [String: [LearningCurvePoint]] = [:]
        var latestCounts: [String: Int] = [:]
        for run in try await store.runs(modelID: model.id) {
            guard let evaluation = try await store.evaluation(runID: run.id, key: key) else { continue }
            var counts: [String: Int] = [:]
            for entry in try await Page.all({ try await store.snapshot(runID: run.id, page: $0) })
            where trainingSplits.contains(entry.split) {
                for name in labelsByRow[entry.rowID] ?? [] { counts[name, default: 0] += 1 }
            }
            guard !counts.isEmpty else { continue }
            runs.append(RunPoint(run: run.name, labels: counts.values.reduce(0, +), metric: evaluation.summary.first?.value))
            for record in evaluation.perClass {
                guard let value = record.metrics.first(where: { $0.name == metricName })?.value else { continue }
                points[record.className, default: []].append(LearningCurvePoint(labelCount: counts[record.className] ?? 0, metric: value))
            }
            latestCounts = counts
        }
        var curves: [ClassCurve] = []
        var groups: [LabelingBudgetPlan.Group] = []
        for labelClass in classes {
            let classPoints = points[labelClass.name] ?? []
            do throws(LearningCurveFitError) {
                let curve = try LearningCurve(fitting: classPoints, options: options)
                curves.append(ClassCurve(name: labelClass.name, points: classPoints, curve: curve))
                groups.append(.init(name: labelClass.name, curve: .success(curve), labelCount: latestCounts[labelClass.name] ?? 0))
            } catch {
                curves.append(ClassCurve(name: labelClass.name, points: classPoints, unfitted: error.reason))
                groups.append(.init(name: labelClass.name, curve: .failure(error), labelCount: latestCounts[labelClass.name] ?? 0))
            }
        }
        let plan = budget.map { LabelingBudgetPlan(groups: groups, budget: $0) }
        return Report(metric: metricName, evaluationKey: key, trainingSplits: trainingSplits, runs: runs, classes: curves, plan: plan)
    }
}
