import Foundation
import LoupeCore

/// Learning curves across the runs of one model, and a labeling budget plan from them, per class
/// or per saved slice.
///
/// Each run that has a snapshot and a stored evaluation gives one point per group.
/// - Per class: the number of training labels of the class in its snapshot (objects for
///   detection, labeled rows for classification, counted on the snapshot's training rows)
///   against the class's metric in the evaluation (AP for detection, F1 for classification, or
///   `metric`).
/// - Per slice: the training labels of the snapshot's training rows the slice selects against
///   the run's metric on the slice's evaluated rows, recomputed from the stored evaluation
///   (`StoredSliceMetrics`: AP50 for detection, accuracy for classification, or `metric`).
///
/// A saturating power law is fitted per group (`LearningCurve`), and a budget of new labels is
/// allocated across the groups to the largest predicted gain (`LabelingBudgetPlan`). Label
/// counts use the label version each row had in the run's snapshot, so relabeling a row later
/// does not rewrite an earlier run's point; slices select rows by their current fields.
public enum LearningCurveAnalysis {
    /// One run's place on the curves.
    public struct RunPoint: Sendable, Encodable {
        public var run: String
        /// Training labels in all.
        public var labels: Int
        /// The evaluation's headline metric.
        public var metric: Double?
    }

    /// What the curves are drawn for.
    public enum Grouping: String, Sendable, Encodable, CaseIterable {
        /// One curve per class.
        case classes
        /// One curve per saved slice of the dataset.
        case slices
    }

    /// One group's points and fitted curve.
    public struct GroupCurve: Sendable, Encodable {
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
        public var groupedBy: Grouping
        public var runs: [RunPoint]
        public var curves: [GroupCurve]
        public var plan: LabelingBudgetPlan?
    }

    /// The analysis of `model`'s runs on `dataset`.
    /// - Parameters:
    ///   - groupBy: a curve per class or per saved slice.
    ///   - metric: the per-group metric (default as described above).
    ///   - budget: new labels to allocate, if a plan is wanted.
    /// - Throws: `StoreError` when the dataset is missing or a slice's filter no longer parses.
    public static func analyze(store: some Store, dataset: String, model: Model, groupBy: Grouping = .classes, metric: String? = nil,
                               key: String = "default", trainingSplits: [String] = ["train"], budget: Int? = nil,
                               options: LearningCurve.Options = .init()) async throws -> Report {
        guard let found = try await store.dataset(named: dataset) else { throw StoreError.notFound("no dataset '\(dataset)'") }
        let classes = try await store.classes(datasetID: found.id).sorted { $0.ordinal < $1.ordinal }
        let classNames = Dictionary(uniqueKeysWithValues: classes.map { ($0.id, $0.name) })
        // Every label version: a run counts the labels its rows had when its snapshot was taken.
        var labelsByRow: [Int64: [Int: [String]]] = [:]
        for annotation in try await Page.all({ try await store.annotations(datasetID: found.id, allVersions: true, page: $0) }) {
            if let classID = annotation.classID, let name = classNames[classID] {
                labelsByRow[annotation.rowID, default: [:]][annotation.labelVersion, default: []].append(name)
            }
        }
        let metricName = metric ?? defaultMetric(task: model.task, groupBy: groupBy)
        let groups = try await self.groups(groupBy, classes: classes, store: store, dataset: found)
        var runs: [RunPoint] = []
        var points: [String: [LearningCurvePoint]] = [:]
        var latestCounts: [String: Int] = [:]
        for run in try await store.runs(modelID: model.id) {
            guard let evaluation = try await store.evaluation(runID: run.id, key: key) else { continue }
            var counts: [String: Int] = [:]
            var total = 0
            for entry in try await Page.all({ try await store.snapshot(runID: run.id, page: $0) })
            where trainingSplits.contains(entry.split) {
                let labels = labelsByRow[entry.rowID]?[entry.labelVersion] ?? []
                total += labels.count
                switch groupBy {
                case .classes: for name in labels { counts[name, default: 0] += 1 }
                case .slices: for group in groups where group.rows?.contains(entry.rowID) == true { counts[group.name, default: 0] += labels.count }
                }
            }
            guard total > 0 else { continue }
            runs.append(RunPoint(run: run.name, labels: total, metric: evaluation.summary.first?.value))
            for (name, value) in try await metricValues(evaluation, groups: groups, metric: metricName, store: store, dataset: found) {
                points[name, default: []].append(LearningCurvePoint(labelCount: counts[name] ?? 0, metric: value))
            }
            latestCounts = counts
        }
        var curves: [GroupCurve] = []
        var planned: [LabelingBudgetPlan.Group] = []
        for group in groups {
            let groupPoints = points[group.name] ?? []
            do throws(LearningCurveFitError) {
                let curve = try LearningCurve(fitting: groupPoints, options: options)
                curves.append(GroupCurve(name: group.name, points: groupPoints, curve: curve))
                planned.append(.init(name: group.name, curve: .success(curve), labelCount: latestCounts[group.name] ?? 0))
            } catch {
                curves.append(GroupCurve(name: group.name, points: groupPoints, unfitted: error.reason))
                planned.append(.init(name: group.name, curve: .failure(error), labelCount: latestCounts[group.name] ?? 0))
            }
        }
        let plan = budget.map { LabelingBudgetPlan(groups: planned, budget: $0) }
        return Report(metric: metricName, evaluationKey: key, trainingSplits: trainingSplits, groupedBy: groupBy, runs: runs,
                      curves: curves, plan: plan)
    }

    /// AP or F1 per class; AP50 or accuracy per slice (what stored outcomes give).
    static func defaultMetric(task: ModelTask, groupBy: Grouping) -> String {
        switch (groupBy, task) {
        case (.classes, .classification): return "f1"
        case (.classes, _): return "AP"
        case (.slices, .classification): return "accuracy"
        case (.slices, _): return "AP50"
        }
    }

    /// A class (no rows) or a slice with its filter and the rows it selects.
    struct Group {
        var name: String
        var filter: FilterExpression?
        var rows: Set<Int64>?
    }

    static func groups(_ grouping: Grouping, classes: [LabelClass], store: some Store, dataset: Dataset) async throws -> [Group] {
        switch grouping {
        case .classes:
            return classes.map { Group(name: $0.name) }
        case .slices:
            var groups: [Group] = []
            for slice in try await store.slices(datasetID: dataset.id) {
                let filter: FilterExpression
                do throws(FilterSyntaxError) {
                    filter = try FilterParser.parse(slice.filter)
                } catch {
                    throw StoreError.invalid("slice '\(slice.name)': its filter no longer parses: \(error)")
                }
                groups.append(Group(name: slice.name, filter: filter,
                                    rows: Set(try await store.queryRowIDs(datasetID: dataset.id, filter: filter))))
            }
            return groups
        }
    }

    /// Each group's metric in one run's evaluation: from its per-class table, or recomputed on
    /// the slice's rows. A slice with no evaluated rows gives no point.
    static func metricValues(_ evaluation: Evaluation, groups: [Group], metric: String, store: some Store,
                             dataset: Dataset) async throws -> [(String, Double)] {
        var values: [(String, Double)] = []
        for group in groups {
            if let filter = group.filter {
                guard let rows = group.rows, !rows.isEmpty else { continue }
                let report: SliceMetricsReport
                do {
                    report = try await StoredSliceMetrics(store: store).metrics(of: evaluation, dataset: dataset, filter: filter, resamples: 0)
                } catch let error as StoreError where error.code == "invalid" {
                    continue
                }
                if let value = report.summary.first(where: { $0.name == metric })?.value { values.append((group.name, value)) }
            } else if let record = evaluation.perClass.first(where: { $0.className == group.name }),
                      let value = record.metrics.first(where: { $0.name == metric })?.value {
                values.append((group.name, value))
            }
        }
        return values
    }
}
