import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore

/// `loupe eval classification`: scikit-learn's classification metrics from label and prediction files.
struct EvalClassificationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classification",
        abstract: "Classification metrics (scikit-learn's definitions) from a label file and a prediction file.",
        discussion: """
            Both files are JSONL or CSV (by extension) as `loupe import` reads them: labels as \
            `{"key", "label"}` lines or `key,label` rows; predictions as `{"key", "label"?, \
            "probabilities"}` lines or `key,label,prob_<class>…` rows. Every labeled row needs a \
            prediction. Accuracy and macro F1 carry a 95% percentile-bootstrap interval over rows \
            (seeded, so repeat runs agree); undefined values (a class never predicted has no \
            precision) are shown as – and left out of the JSON.
            """)

    @Option(help: ArgumentHelp("The labels: a JSONL or CSV file.", valueName: "file")) var gt: String
    @Option(help: ArgumentHelp("The predictions: a JSONL or CSV file.", valueName: "file")) var pred: String
    @Option(help: "Bootstrap resamples for the intervals (0 for none).") var bootstrap = 1000
    @Option(help: "The bootstrap's seed.") var seed: UInt64 = 0
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must not be negative") }
    }

    func run() async throws {
        try await reportingFailures {
            let files = try ClassificationEvaluationFiles.load(groundTruth: URL(fileURLWithPath: gt), predictions: URL(fileURLWithPath: pred))
            let evaluation = try files.evaluation(file: pred)
            let report = ClassificationReport(evaluation, classNames: files.classNames, resamples: bootstrap, seed: seed)
            if output.json {
                try Terminal.printJSON(report)
                return
            }
            print("\(report.rows) rows, \(files.classNames.count) classes")
            for metric in report.summary {
                print(MetricText.line(metric))
            }
            let width = max(5, files.classNames.map(\.count).max() ?? 0)
            print("")
            print("class".padding(toLength: width, withPad: " ", startingAt: 0) + "  precision  recall      f1  support")
            for row in report.perClass {
                print(row.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + MetricText.number(row.precision, width: 9)
                      + " " + MetricText.number(row.recall, width: 7) + " " + MetricText.number(row.f1, width: 7)
                      + String(format: " %8d", row.support))
            }
        }
    }
}

/// Metric values as the CLI prints them: four decimals, `–` for undefined, the interval and support.
enum MetricText {
    static func number(_ value: Double?, width: Int) -> String {
        let text = value.map { String(format: "%.4f", $0) } ?? "–"
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func line(_ metric: MetricRecord) -> String {
        var text = metric.name.padding(toLength: 28, withPad: " ", startingAt: 0) + number(metric.value, width: 8)
        if let lower = metric.lower, let upper = metric.upper {
            text += String(format: "  [%.4f, %.4f]", lower, upper)
        }
        return text + "  (n=\(metric.support))"
    }
}
