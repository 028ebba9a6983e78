import ArgumentParser
import LoupeCatalog
import LoupeSQLite

/// `loupe labeling …`: labeling projects in the workspace.
struct LabelingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labeling",
        abstract: "Create labeling projects, add rows to their queue, see their status and export their labels.",
        discussion: "Labelers claim, correct and submit items through the API or the browser; see docs/labeling.md.",
        subcommands: [LabelingCreateCommand.self, LabelingAddCommand.self, LabelingStatusCommand.self, LabelingExportCommand.self])
}

/// The dataset and project a labeling command works on.
struct LabelingProjectOptions: ParsableArguments {
    @Option(help: "The dataset.") var dataset: String
    @Option(help: "The labeling project.") var project: String

    /// The store, the dataset and the project.
    func resolve(_ workspace: WorkspaceOptions) async throws -> (SQLiteStore, Dataset, LabelingProject) {
        let store = try workspace.openExisting()
        guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
        let projects = try await store.labelingProjects(datasetID: found.id)
        guard let match = projects.first(where: { $0.name == project }) else {
            let names = projects.map(\.name).joined(separator: ", ")
            throw CLIError.notFound("dataset '\(dataset)' has no labeling project '\(project)'\(names.isEmpty ? "" : " (projects: \(names))")")
        }
        return (store, found, match)
    }
}
