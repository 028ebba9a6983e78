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

    private struct Line: Decodable {
        var name: String
        var value: Double
        var `class`: String?
        var key: String?
    }

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
                let data = try ImportFile.contents(of: URL(fileURLWithPath: file))
                var values: [CustomMetricValue] = []
                for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
                where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
                    let parsed = try JSONDecoding.decodeLine(Line.self, from: Data(line), file: file, line: index + 1)
                    guard parsed.class == nil || parsed.key == nil else {
                        throw ImportError(file: file, location: .line(index + 1), message: "a value is for a class or a row, not both")
                    }
                    let scope: CustomMetricValue.Scope = parsed.class.map { .classNamed($0) } ?? parsed.key.map { .row($0) } ?? .run
                    values.append(CustomMetricValue(name: parsed.name, scope: scope, value: parsed.value))
                }
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
