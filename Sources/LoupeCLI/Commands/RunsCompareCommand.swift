import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore

/// `loupe runs compare`: run B against run A, honestly.
struct RunsCompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare run B with run A on the rows both are evaluated on: differences with paired intervals and a verdict.",
        discussion: """
            Every metric is computed for both runs on the same rows, and the difference B − A gets \
            a 95% paired bootstrap interval over rows (one resample, both runs): `better` or \
            `worse` when the interval excludes 0, else `not_significant`. Detection: the COCO \
            summary, each class's AP and AP50, and the rows whose TP/FP/FN changed. \
            Classification: accuracy, macro F1, each class's F1, McNemar's exact test and the \
            flipped rows (fixed, broken). --slice compares on a saved slice only. Runs are \
            named RUN, or MODEL/RUN when several models have one of that name.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset.") var dataset: String
    @Option(help: ArgumentHelp("The baseline run (RUN or MODEL/RUN).", valueName: "run")) var a: String
    @Option(help: ArgumentHelp("The run compared with it.", valueName: "run")) var b: String
    @Option(help: "Compare on this slice's rows only.") var slice: String?
    @Flag(help: "Also compare the headline metric (AP or accuracy) on every saved slice of the dataset.") var perSlice = false
    @Option(help: ArgumentHelp("Detection: compare boxes (bbox) or masks (segm).", valueName: "type")) var iouType = "bbox"
    @Option(help: "Bootstrap resamples for the intervals.") var bootstrap = 1000
    @Option(help: "The bootstrap's seed.") var seed: UInt64 = 0
    @Option(help: ArgumentHelp("A row custom metric where lower is better, such as a loss (repeatable).", valueName: "name"))
    var lowerIsBetter: [String] = []
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
            let runA = try await Self.findRun(a, in: store), runB = try await Self.findRun(b, in: store)
            var rowIDs: Set<Int64>?
            if let slice {
                let (_, _, expression) = try await SliceSelection.resolve(slice: slice, dataset: dataset, in: store)
                rowIDs = Set(try await store.queryRowIDs(datasetID: found.id, filter: expression))
            }
            let options = RunEvaluationOptions(key: "compare", iouType: iouType == "segm" ? .segm : .bbox, resamples: bootstrap, seed: seed)
            var comparison = try await RunComparator(store: store).compare(a: runA, b: runB, dataset: dataset, options: options,
                                                                          restrictedTo: rowIDs, lowerIsBetter: Set(lowerIsBetter))
            if perSlice {
                var slices: [RunComparison.SliceComparison] = []
                for saved in try await store.slices(datasetID: found.id) {
                    do {
                        let expression = try FilterParser.parse(saved.filter)
                        let ids = Set(try await store.queryRowIDs(datasetID: found.id, filter: expression))
                        let part = try await RunComparator(store: store).compare(a: runA, b: runB, dataset: dataset, options: options,
                                                                                 restrictedTo: ids)
                        slices.append(.init(slice: saved.name, rows: part.rows, metric: part.metrics.first))
                    } catch let error as StoreError {
                        slices.append(.init(slice: saved.name, rows: 0, unavailable: error.message))
                    } catch {
                        slices.append(.init(slice: saved.name, rows: 0, unavailable: "\(error)"))
                    }
                }
                comparison.slices = slices
            }
            if output.json { try Terminal.printJSON(comparison); return }
            print("\(b) against \(a) on \(comparison.rows) rows\(slice.map { " of slice '\($0)'" } ?? "") (\(comparison.kind))")
            for metric in comparison.metrics { print(Self.line(metric)) }
            for metric in comparison.customMetrics { print("custom " + Self.line(metric)) }
            for part in comparison.slices ?? [] {
                if let metric = part.metric { print("slice \(part.slice) (\(part.rows) rows): " + Self.line(metric)) }
                else { print("slice \(part.slice): \(part.unavailable ?? "not compared")") }
            }
            if let test = comparison.mcnemar {
                print(String(format: "McNemar exact test: %d fixed, %d broken, p = %.4g", test.fixed, test.broken, test.pValue))
            } else {
                print("rows with fewer errors in B: \(comparison.rowsImproved), more: \(comparison.rowsWorse), same: \(comparison.rowsUnchanged)")
            }
        }
    }

    static func line(_ metric: RunComparison.MetricComparison) -> String {
        var text = metric.name.padding(toLength: 12, withPad: " ", startingAt: 0)
            + MetricText.number(metric.a, width: 8) + " → " + MetricText.number(metric.b, width: 7)
        if let difference = metric.difference { text += String(format: "  %+.4f", difference) }
        if let lower = metric.lower, let upper = metric.upper { text += String(format: " [%+.4f, %+.4f]", lower, upper) }
        return text + "  " + (metric.verdict?.rawValue ?? "undefined") + "  (n=\(metric.support))"
    }

    /// `RUN` (unique across models) or `MODEL/RUN`.
    static func findRun(_ name: String, in store: some Store) async throws -> (Model, ModelRun) {
        let matches = try await store.runs(matching: name)
        guard matches.count == 1 else {
            throw matches.isEmpty ? CLIError.notFound("no run '\(name)'")
                : CLIError.failed("several models have a run '\(name)': write MODEL/\(name)")
        }
        return matches[0]
    }
}
