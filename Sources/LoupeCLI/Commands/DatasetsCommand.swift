import ArgumentParser
import LoupeCatalog

/// `loupe datasets`: the datasets of the workspace.
struct DatasetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "datasets", abstract: "List the datasets of the workspace.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            let datasets = try await store.datasets()
            if output.json {
                try Terminal.printJSON(["datasets": datasets])
            } else if datasets.isEmpty {
                print("no datasets in \(workspace.path)")
            } else {
                for dataset in datasets { print(dataset.name) }
            }
        }
    }
}
