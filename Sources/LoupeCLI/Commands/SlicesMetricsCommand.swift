import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe slices metrics`: a run's metrics on the rows of a slice, with intervals and support.
struct SlicesMetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "A run's metrics on a slice, with support and 95% bootstrap intervals.",
        discussion: """
            The run is evaluated on the slice's labeled rows (of its snapshot, when it has one) \
            exactly as `loupe runs eval` evaluates it on all of them; nothing is stored.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var selection: SliceSelection
    @OptionGroup var run: RunSelection
    @Option(help: ArgumentHelp("Detection: compare boxes (bbox) or masks (segm).", valueName: "type")) var iouType = "bbox"
    @Option(help: "Bootstrap resamples for the intervals (0 for none).") var bootstrap = 1000
    @Option(help: "The bootstrap's seed.") var seed: UInt64 = 0
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        var slice: String
        var filter: String
        var rows: Int
        var summary: [MetricRecord]
        var perClass: [ClassMetricRecords]
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let (dataset, slice, expression) = try await selection.resolve(in: store)
            let (model, modelRun) = try await run.resolve(in: store)
            let rowIDs = Set(try await store.queryRowIDs(datasetID: dataset.id, filter: expression))
            let options = RunEvaluationOptions(key: "slice:\(slice.name)", iouType: iouType == "segm" ? .segm : .bbox,
                                               resamples: bootstrap, seed: seed)
            let draft = try await RunEvaluator(store: store).draft(model: model, run: modelRun, dataset: dataset.name,
                                                                   options: options, restrictedTo: rowIDs)
            let report = Report(slice: slice.name, filter: slice.filter, rows: draft.rows.count, summary: draft.summary, perClass: draft.perClass)
            if output.json { try Terminal.printJSON(report); return }
            print("\(model.name)/\(modelRun.name) on slice '\(slice.name)' (\(report.rows) evaluated rows of \(rowIDs.count) selected): \(slice.filter)")
            for metric in report.summary { print(MetricText.line(metric)) }
        }
    }
}
