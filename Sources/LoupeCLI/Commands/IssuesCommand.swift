import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite

/// `loupe issues`: data issues an embedding space shows in a dataset.
struct IssuesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issues",
        abstract: "Score a dataset's rows for a data issue: outliers, uniqueness, representativeness, near-duplicates (in an embedding space) or label errors (from a run).",
        discussion: """
            Kinds: outlier_knn (mean distance to the k nearest rows), outlier_lof (Local Outlier \
            Factor), uniqueness (distance to the nearest row), representativeness (how many rows \
            count this one among their k nearest), near_duplicate (groups above --similarity), all \
            in --space; label_error (confident learning over a classification --run's predicted \
            probabilities, which should be out-of-sample), missing_label (a detection --run's \
            confident predictions over unannotated image) and spurious_label (ground truth no \
            prediction comes near). \
            Every kind gives each row a score in [0, 1] where lower is worse, a flag with a reason, \
            and a dataset score (the mean); docs/data-issues.md says how each is computed and \
            flagged. Rows are listed worst first.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset.") var dataset: String
    @Option(help: "The embedding space (all kinds but label_error).") var space: String?
    @Option(help: "label_error, missing_label, spurious_label: the run (RUN or MODEL/RUN) whose predictions to use.") var run: String?
    @Option(help: "outlier_knn, outlier_lof, uniqueness, representativeness, near_duplicate (with --space); label_error, missing_label, spurious_label (with --run).") var kind: String
    @Option(help: "Neighbours per row (1-200).") var k = 10
    @Option(help: "cosine or l2.") var metric = "cosine"
    @Option(help: "near_duplicate: the cosine similarity from which rows are near-duplicates.") var similarity = 0.98
    @Flag(help: "List only flagged rows.") var flagged = false
    @Flag(help: "Store the report as the dataset's report of this kind (replacing the one before), so that filters can use issue(\"KIND\") and the API and UI show it.") var save = false
    @Option(help: "At most this many rows.") var limit = 100
    @OptionGroup var output: OutputOptions

    static var runKinds: [DataIssueKind] { DataIssueRequest.runKinds }
    static var kinds: [DataIssueKind] { DataIssueRequest.spaceKinds + runKinds }

    func validate() throws {
        guard let found = DataIssueKind(rawValue: kind), Self.kinds.contains(found) else {
            throw ValidationError("--kind must be one of \(Self.kinds.map(\.rawValue).joined(separator: ", ")), not '\(kind)'")
        }
        if Self.runKinds.contains(found) {
            guard run != nil else { throw ValidationError("--kind \(kind) needs --run") }
        } else {
            guard space != nil else { throw ValidationError("--kind \(kind) needs --space") }
        }
        guard VectorMetric(rawValue: metric) != nil else { throw ValidationError("--metric must be cosine or l2, not '\(metric)'") }
        guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
    }

    struct Report: Encodable {
        struct Row: Encodable {
            var key: String
            var score: Double
            var raw: Double?
            var flagged: Bool
            var reason: String?
        }
        var kind: String
        var datasetScore: Double
        var flaggedCount: Int
        var rowCount: Int
        var rows: [Row]
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
            let request = DataIssueRequest(kind: DataIssueKind(rawValue: kind)!, space: space, run: run, k: k,
                                           metric: VectorMetric(rawValue: metric)!, similarity: similarity)
            let analysis = DataIssueAnalysis(store: store)
            let computed = try await analysis.compute(request, dataset: found)
            if save {
                _ = try await store.saveDataIssueReport(datasetID: found.id, report: computed.report, spaceID: computed.spaceID,
                                                        runID: computed.runID, source: computed.source,
                                                        parametersJSON: request.parametersJSON)
            }
            let result = computed.report
            let report = result.report
            // Worst first; ties by key so that the listing is stable.
            let order = report.scores.indices
                .filter { !flagged || report.flags[$0] }
                .sorted { report.scores[$0] != report.scores[$1] ? report.scores[$0] < report.scores[$1] : result.keys[$0] < result.keys[$1] }
            let rows = order.prefix(limit).map { i in
                Report.Row(key: result.keys[i], score: report.scores[i], raw: report.rawValues[i], flagged: report.flags[i], reason: report.reasons[i])
            }
            let printed = Report(kind: kind, datasetScore: report.datasetScore, flaggedCount: report.flaggedRows.count,
                                 rowCount: report.count, rows: rows)
            if output.json { try Terminal.printJSON(printed); return }
            print("\(kind): \(printed.flaggedCount) of \(printed.rowCount) rows flagged; dataset score \(String(format: "%.4f", printed.datasetScore))")
            for row in rows {
                print(row.key, String(format: "%.4f", row.score), row.flagged ? (row.reason ?? "flagged") : "", separator: "  ")
            }
        }
    }
}
