import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe runs list`: every run of every model (or of one), with its evaluations' headline.
struct RunsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the runs of every model (or of --model), oldest first, with their evaluations.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Only this model's runs.") var model: String?
    @OptionGroup var output: OutputOptions

    struct Entry: Encodable {
        var model: String
        var task: String
        var run: String
        var createdAt: Date
        var config: JSONValue
        var evaluations: [String: [MetricRecord]]
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            var entries: [Entry] = []
            for found in try await store.models() where model == nil || found.name == model {
                for run in try await store.runs(modelID: found.id) {
                    var evaluations: [String: [MetricRecord]] = [:]
                    for evaluation in try await store.evaluations(runID: run.id) { evaluations[evaluation.key] = evaluation.summary }
                    entries.append(Entry(model: found.name, task: found.task.rawValue, run: run.name, createdAt: run.createdAt,
                                         config: JSONValue(parsing: run.configJSON), evaluations: evaluations))
                }
            }
            if let model, entries.isEmpty, try await !store.models().contains(where: { $0.name == model }) {
                throw CLIError.notFound("no model '\(model)'")
            }
            if output.json { try Terminal.printJSON(entries); return }
            for entry in entries {
                let headline = entry.evaluations.sorted { $0.key < $1.key }.compactMap { key, summary in
                    summary.first.map { "\(key): \($0.name) \(MetricText.number($0.value, width: 0))" }
                }.joined(separator: "; ")
                print("\(entry.model)/\(entry.run)  \(entry.task)  \(ISO8601DateFormatter().string(from: entry.createdAt))  \(headline.isEmpty ? "(not evaluated)" : headline)")
            }
        }
    }
}
