import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe runs create`: a run with its config and its snapshot of the dataset.
struct RunsCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a model run with its config and a snapshot of the dataset's rows and label versions.",
        discussion: """
            The snapshot records, for every labeled row of --dataset (or the rows of --split), the \
            split it was in and its label version at this moment, so that later evaluations, \
            comparisons and learning curves know what the run was trained and tested on. Rows \
            without a split are recorded in the split `unassigned`. The model is created if missing \
            (with --task).
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset the run is trained and evaluated on.") var dataset: String
    @OptionGroup var selection: RunSelection
    @Option(help: "The task of --model when it is created (classification, detection, segmentation).") var task: ModelTask = .detection
    @Option(help: ArgumentHelp("The run's config: a JSON object, or @FILE to read one.", valueName: "json")) var config: String?
    @Option(help: "Only snapshot rows of these splits (repeatable).") var split: [String] = []
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.open()
            var configJSON = "{}"
            if let config {
                let text = config.hasPrefix("@") ? String(decoding: try ImportFile.contents(of: URL(fileURLWithPath: String(config.dropFirst()))), as: UTF8.self) : config
                guard (try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any] else {
                    throw CLIError.badInput("--config must be a JSON object")
                }
                configJSON = text
            }
            guard try await store.dataset(named: dataset) != nil else { throw CLIError.notFound("no dataset '\(dataset)'") }
            let report = try await RunRecorder(store: store).record(model: selection.model, task: task, run: selection.run,
                                                                    configJSON: configJSON, dataset: dataset, splits: split)
            if output.json { try Terminal.printJSON(report); return }
            let splits = report.rowsBySplit.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("\(report.model)/\(report.run): snapshot of \(report.snapshotRows) labeled rows of \(dataset) (\(splits))")
        }
    }
}
