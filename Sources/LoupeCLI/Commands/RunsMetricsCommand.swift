import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe runs metrics`: a team's own metrics on a run.
struct RunsMetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Store custom metrics on a run (per run, per class or per row) and list them.",
        discussion: """
            FILE is JSON Lines, one value a line: {"name": "latency_ms", "value": 12.5} for the run, \
            {"name": "f2", "class": "cat", "value": 0.8} for a class, {"name": "loss", "key": \
            "a.jpg", "value": 0.12} for a row. Values are upserted by name and scope, all or \
            nothing. Row values are filterable and sortable: run("NAME").custom("loss") > 0.5.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset the run is on.") var dataset: String
    @OptionGroup var selection: RunSelection
    @Argument(help: ArgumentHelp("A JSON Lines file of values to store (omit to list).", valueName: "file")) var file: String?
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        var metrics: [CustomMetricValue]
        var rowMetrics: [String: Int]
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
            let (_, run) = try await selection.resolve(in: store)
            if let file {
                let values = try CustomMetricLines.parse(ImportFile.contents(of: URL(fileURLWithPath: file)), file: file)
                try await store.setCustomMetrics(values, runID: run.id, datasetID: found.id)
                if !output.json { print("\(values.count) custom metric values stored on \(selection.model)/\(run.name)") }
            }
            let report = Report(metrics: try await store.customMetrics(runID: run.id), rowMetrics: try await store.customRowMetricNames(runID: run.id))
            if output.json { try Terminal.printJSON(report); return }
            for metric in report.metrics {
                let scope: String
                switch metric.scope {
                case .run: scope = "run"
                case .classNamed(let name): scope = "class \(name)"
                case .row(let key): scope = "row \(key)"
                }
                print("\(metric.name)  \(scope)  \(metric.value)")
            }
            for (name, rows) in report.rowMetrics.sorted(by: { $0.key < $1.key }) { print("\(name)  per row  \(rows) rows") }
        }
    }
}
