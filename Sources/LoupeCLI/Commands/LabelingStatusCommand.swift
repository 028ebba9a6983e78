import ArgumentParser
import LoupeCatalog

/// `loupe labeling status`.
struct LabelingStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a labeling project's items per status and its pre-label analytics.")

    /// The `--json` output.
    struct Status: Encodable {
        var project: String
        var counts: [String: Int]
        var accepted: Int
        var edited: Int
        var meanEditIou: Double?
        var deleted: Int
        var added: Int
        var itemsSubmitted: Int
        var meanSecondsPerItem: Double?
        var estimatedSecondsSaved: Double?
    }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: LabelingProjectOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures {
            let (store, _, project) = try await target.resolve(workspace)
            let counts = try await store.labelingStatusCounts(projectID: project.id)
            let report = LabelingAnalytics.report(try await store.labelingSubmissions(projectID: project.id))
            let status = Status(project: project.name, counts: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }),
                                accepted: report.total.accepted, edited: report.total.edited, meanEditIou: report.total.meanEditIoU,
                                deleted: report.total.deleted, added: report.total.added, itemsSubmitted: report.itemsSubmitted,
                                meanSecondsPerItem: report.meanSecondsPerItem, estimatedSecondsSaved: report.estimatedSecondsSaved)
            if output.json {
                try Terminal.printJSON(status)
                return
            }
            print(LabelingStatus.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", "))
            let iou = report.total.meanEditIoU.map { " (mean IoU \(String(format: "%.3f", $0)))" } ?? ""
            print("pre-labels: \(report.total.accepted) accepted, \(report.total.edited) edited\(iou), \(report.total.deleted) deleted; \(report.total.added) objects added")
        }
    }
}
