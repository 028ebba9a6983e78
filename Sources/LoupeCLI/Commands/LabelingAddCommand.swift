import ArgumentParser
import LoupeCatalog

/// `loupe labeling add`.
struct LabelingAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add the rows of a filter or of a key list to a labeling project's queue.",
        discussion: "Rows already in the project keep their priority, batch and status unless --reprioritize.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: LabelingProjectOptions
    @Option(help: "The rows to add (docs/query.md).") var filter: String?
    @Option(help: "Comma-separated keys of the rows to add.") var keys: String?
    @Option(help: "Higher is claimed first.") var priority: Int = 0
    @Option(help: "The batch name.") var batch: String = ""
    @Flag(help: "Give rows already in the project this priority and batch too.") var reprioritize = false

    func validate() throws {
        if (filter == nil) == (keys == nil) { throw ValidationError("give exactly one of --filter and --keys") }
    }

    func run() async throws {
        try await reportingFailures {
            let (store, dataset, project) = try await target.resolve(workspace)
            var rowIDs: [Int64] = []
            if let filter {
                rowIDs = try await store.queryRowIDs(datasetID: dataset.id, filter: try FilterText.parse(filter))
            } else if let keys {
                for key in keys.split(separator: ",").map(String.init) {
                    guard let id = try await store.row(datasetID: dataset.id, key: key)?.id else {
                        throw CLIError.notFound("dataset '\(dataset.name)' has no row '\(key)'")
                    }
                    rowIDs.append(id)
                }
            }
            let result = try await store.addLabelingItems(projectID: project.id, items: rowIDs.map { LabelingItemSpec(rowID: $0, priority: priority) },
                                                          batch: batch, reprioritize: reprioritize)
            print("\(project.name): \(result.added) added, \(result.updated) updated, \(result.unchanged) unchanged")
        }
    }
}
