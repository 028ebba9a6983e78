import ArgumentParser
import LoupeCatalog

/// `loupe info`: what each dataset holds.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show what each dataset holds: rows, annotations by geometry, classes, runs, predictions, vectors.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        var workspace: String
        var datasets: [DatasetStatistics]
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let statistics = try await store.statistics()
            if output.json {
                try Terminal.printJSON(Report(workspace: workspace.path, datasets: statistics))
                return
            }
            print("workspace \(workspace.path): \(statistics.count) dataset\(statistics.count == 1 ? "" : "s")")
            for dataset in statistics { print(Self.describe(dataset)) }
        }
    }

    static func describe(_ dataset: DatasetStatistics) -> String {
        func counts(_ values: [String: Int]) -> String {
            values.sorted { $0.key < $1.key }.map { "\($0.key.isEmpty ? "(none)" : $0.key) \($0.value)" }.joined(separator: ", ")
        }
        var lines = ["", dataset.name]
        lines.append("  rows          \(dataset.rows) (\(counts(dataset.rowsByKind)))")
        if !dataset.rowsBySplit.isEmpty { lines.append("  splits        \(counts(dataset.rowsBySplit))") }
        lines.append("  labeled rows  \(dataset.labeledRows)")
        lines.append("  annotations   \(dataset.annotations)" + (dataset.annotations > 0 ? " (\(counts(dataset.annotationsByKind)); crowd \(dataset.crowdAnnotations))" : ""))
        lines.append("  classes       \(dataset.classesPresent) present of \(dataset.classes)")
        lines.append("  runs          \(dataset.runs), predictions \(dataset.predictions)")
        if dataset.embeddings > 0 { lines.append("  vectors       \(dataset.embeddings)") }
        return lines.joined(separator: "\n")
    }
}
