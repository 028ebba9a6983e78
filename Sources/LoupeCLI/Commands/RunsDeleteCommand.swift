import ArgumentParser
import LoupeCatalog

/// `loupe runs delete`: a run and everything that belongs to it.
struct RunsDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a run with its predictions, snapshot, evaluations and custom metrics.",
        discussion: "Embedding spaces the run produced are kept and unlinked from it. The output says what went.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var selection: RunSelection
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let (model, run) = try await selection.resolve(in: store)
            let deletion = try await store.deleteRun(id: run.id)
            if output.json { try Terminal.printJSON(deletion); return }
            print("deleted \(model.name)/\(run.name): \(deletion.predictions) predictions, \(deletion.snapshotRows) snapshot rows, "
                  + "\(deletion.evaluations) evaluations, \(deletion.customMetrics) custom metric values"
                  + (deletion.embeddingSpacesUnlinked > 0 ? "; \(deletion.embeddingSpacesUnlinked) embedding spaces kept, unlinked" : ""))
        }
    }
}
