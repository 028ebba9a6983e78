import ArgumentParser
import LoupeCatalog

/// `loupe runs rename`.
struct RunsRenameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a run.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var selection: RunSelection
    @Option(help: "The new name.") var to: String

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let (model, run) = try await selection.resolve(in: store)
            let renamed = try await store.renameRun(id: run.id, to: to)
            print("\(model.name)/\(run.name) is now \(model.name)/\(renamed.name)")
        }
    }
}
