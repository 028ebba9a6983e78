/// Computes a `LabelingAnalyticsReport` from a project's submissions.
///
/// Object outcomes come from each item's latest submission only: the labels that stand, not a
/// draft a reviewer sent back. A submission counts as made with pre-labels when it has any
/// accepted, edited or deleted outcome.
public enum LabelingAnalytics {
    /// The report of these submissions (in any order; ties of an item's latest go to the higher id).
    public static func report(_ submissions: [LabelingSubmission]) -> LabelingAnalyticsReport {
        var latest: [Int64: LabelingSubmission] = [:]
        var secondsByItem: [Int64: Double] = [:]
        for submission in submissions {
            secondsByItem[submission.itemID, default: 0] += submission.seconds
            if let current = latest[submission.itemID], current.id > submission.id { continue }
            latest[submission.itemID] = submission
        }
        var perClass: [Int64?: LabelingClassOutcomes] = [:]
        var total = LabelingClassOutcomes(classID: nil)
        var iouSums: [Int64?: (sum: Double, count: Int)] = [:]
        var totalIoU = (sum: 0.0, count: 0)
        var scratch = (seconds: 0.0, objects: 0)
        var assisted: [LabelingSubmission] = []
        for submission in latest.values.sorted(by: { $0.id < $1.id }) {
            var withPrelabels = false
            for outcome in submission.outcomes {
                var entry = perClass[outcome.classID] ?? LabelingClassOutcomes(classID: outcome.classID)
                switch outcome.kind {
                case .accepted: entry.accepted += 1; total.accepted += 1; withPrelabels = true
                case .edited:
                    entry.edited += 1; total.edited += 1; withPrelabels = true
                    if let iou = outcome.iou {
                        iouSums[outcome.classID, default: (0, 0)].sum += iou
                        iouSums[outcome.classID, default: (0, 0)].count += 1
                        totalIoU.sum += iou
                        totalIoU.count += 1
                    }
                case .deleted: entry.deleted += 1; total.deleted += 1; withPrelabels = true
                case .added: entry.added += 1; total.added += 1
                }
                perClass[outcome.classID] = entry
            }
            if withPrelabels {
                assisted.append(submission)
            } else if submission.objectCount > 0 {
                scratch.seconds += secondsByItem[submission.itemID] ?? submission.seconds
                scratch.objects += submission.objectCount
            }
        }
        for (classID, sums) in iouSums where sums.count > 0 { perClass[classID]?.meanEditIoU = sums.sum / Double(sums.count) }
        if totalIoU.count > 0 { total.meanEditIoU = totalIoU.sum / Double(totalIoU.count) }
        let classes = perClass.values.sorted { ($0.classID ?? Int64.min) < ($1.classID ?? Int64.min) }
        let totalSeconds = secondsByItem.keys.sorted().reduce(0.0) { $0 + (secondsByItem[$1] ?? 0) }
        let rate = scratch.objects > 0 ? scratch.seconds / Double(scratch.objects) : nil
        let saved = rate.map { rate in
            assisted.reduce(0.0) { $0 + Double($1.objectCount) * rate - (secondsByItem[$1.itemID] ?? $1.seconds) }
        }
        return LabelingAnalyticsReport(perClass: classes, total: total, itemsSubmitted: latest.count, totalSeconds: totalSeconds,
                                       meanSecondsPerItem: latest.isEmpty ? nil : totalSeconds / Double(latest.count),
                                       secondsPerObjectFromScratch: rate, estimatedSecondsSaved: saved)
    }
}
