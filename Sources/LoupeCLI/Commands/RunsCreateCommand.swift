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

    struct Report: Encodable {
        var model: String
        var run: String
        var snapshotRows: Int
        var rowsBySplit: [String: Int]
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.open()
            guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
            var configJSON = "{}"
            if let config {
                let text = config.hasPrefix("@") ? String(decoding: try ImportFile.contents(of: URL(fileURLWithPath: String(config.dropFirst()))), as: UTF8.self) : config
                guard (try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any] else {
                    throw CLIError.badInput("--config must be a JSON object")
                }
                configJSON = text
            }
            let models = try await store.models()
            var model = models.first { $0.name == selection.model }
            if model == nil { model = try await store.createModel(named: selection.model, task: task) }
            guard let model else { return }
            let run = try await store.createRun(modelID: model.id, name: selection.run, configJSON: configJSON)
            var entries: [(rowID: Int64, split: String)] = []
            for row in try await Page.all({ try await store.rows(datasetID: found.id, page: $0) }) where row.labelVersion > 0 {
                let rowSplit = row.split ?? "unassigned"
                if split.isEmpty || split.contains(rowSplit) { entries.append((row.id!, rowSplit)) }
            }
            try await store.addToSnapshot(runID: run.id, rows: entries)
            let bySplit = Dictionary(grouping: entries, by: \.split).mapValues(\.count)
            let report = Report(model: model.name, run: run.name, snapshotRows: entries.count, rowsBySplit: bySplit)
            if output.json { try Terminal.printJSON(report); return }
            let splits = bySplit.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("\(model.name)/\(run.name): snapshot of \(entries.count) labeled rows of \(dataset) (\(splits))")
        }
    }
}
