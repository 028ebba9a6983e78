import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeSQLite

/// `loupe slices …`: saved filters and the metrics of runs on them.
struct SlicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slices",
        abstract: "Save named filters (slices) and compute any run's metrics on them.",
        subcommands: [SlicesSaveCommand.self, SlicesListCommand.self, SlicesDeleteCommand.self, SlicesMetricsCommand.self, SlicesDiscoverCommand.self])
}

/// `--dataset D --slice NAME`, resolved with the slice's parsed filter.
struct SliceSelection: ParsableArguments {
    @Option(help: "The dataset.") var dataset: String
    @Option(help: "The slice's name.") var slice: String

    /// The dataset, the slice and its filter.
    func resolve(in store: SQLiteStore) async throws -> (Dataset, Slice, FilterExpression) {
        try await Self.resolve(slice: slice, dataset: dataset, in: store)
    }

    /// The dataset, the named slice and its filter; not-found errors list what exists.
    static func resolve(slice: String, dataset: String, in store: SQLiteStore) async throws -> (Dataset, Slice, FilterExpression) {
        guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
        let slices = try await store.slices(datasetID: found.id)
        guard let selected = slices.first(where: { $0.name == slice }) else {
            throw CLIError.notFound("dataset '\(dataset)' has no slice '\(slice)' (slices: \(slices.map(\.name).joined(separator: ", ")))")
        }
        return (found, selected, try FilterText.parse(selected.filter))
    }
}

/// `loupe slices save`.
struct SlicesSaveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "save", abstract: "Save a filter under a name.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset.") var dataset: String
    @Option(help: "The slice's name.") var name: String
    @Option(help: ArgumentHelp("The filter (docs/query.md).", valueName: "expr")) var filter: String
    @Flag(help: "Replace a slice of the same name.") var replace = false

    func run() async throws {
        let expression = try FilterText.parse(filter)
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
            // Resolving the names now (classes, runs, fields) refuses a slice that could never run.
            let count = try await store.countRows(datasetID: found.id, filter: expression)
            _ = try await store.saveSlice(datasetID: found.id, name: name, filter: filter, replace: replace)
            print("slice '\(name)' of \(dataset): \(count) row\(count == 1 ? "" : "s") now")
        }
    }
}

/// `loupe slices list`.
struct SlicesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a dataset's slices with their row counts.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset.") var dataset: String
    @OptionGroup var output: OutputOptions

    struct Entry: Encodable {
        var name: String
        var filter: String
        var rows: Int?
        var error: String?
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
            var entries: [Entry] = []
            for slice in try await store.slices(datasetID: found.id) {
                // A slice whose names no longer resolve (a deleted run) is listed with why.
                do {
                    let expression = try FilterParser.parse(slice.filter)
                    let count = try await store.countRows(datasetID: found.id, filter: expression)
                    entries.append(Entry(name: slice.name, filter: slice.filter, rows: count))
                } catch let error as StoreError {
                    entries.append(Entry(name: slice.name, filter: slice.filter, error: error.message))
                } catch {
                    entries.append(Entry(name: slice.name, filter: slice.filter, error: "\(error)"))
                }
            }
            if output.json { try Terminal.printJSON(entries); return }
            for entry in entries {
                print("\(entry.name)  \(entry.rows.map { "\($0) rows" } ?? "unusable: \(entry.error ?? "")")  \(entry.filter)")
            }
        }
    }
}

/// `loupe slices delete`.
struct SlicesDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a slice.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var selection: SliceSelection

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.dataset(named: selection.dataset) else { throw CLIError.notFound("no dataset '\(selection.dataset)'") }
            guard let slice = try await store.slices(datasetID: found.id).first(where: { $0.name == selection.slice }) else {
                throw CLIError.notFound("dataset '\(selection.dataset)' has no slice '\(selection.slice)'")
            }
            try await store.deleteSlice(id: slice.id)
            print("deleted slice '\(slice.name)'")
        }
    }
}
