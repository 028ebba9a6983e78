import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe rows`: one page of a dataset's rows.
struct RowsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rows",
        abstract: "List a dataset's rows a page at a time.",
        discussion: "Pass the printed cursor to --after to read the next page.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The dataset.") var dataset: String
    @Option(help: "Rows per page (1 to 100000).") var limit = 50
    @Option(help: "Start after this cursor (printed by the previous page).") var after: String?

    func validate() throws {
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 100000") }
        if let after, PageCursor(token: after) == nil { throw ValidationError("--after '\(after)' is not a page cursor") }
    }

    struct RowView: Encodable {
        var key: String
        var uri: String?
        var kind: String
        var width: Int?
        var height: Int?
        var text: String?
        var split: String?
        var tags: [String]
        var metadata: [String: MetadataValue]
        var labelVersion: Int
        var annotations: Int
    }

    struct PageView: Encodable {
        var dataset: String
        var rows: [RowView]
        var next: String?
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
            let page = try await store.rows(datasetID: found.id, page: PageRequest(after: after.flatMap(PageCursor.init(token:)), limit: limit))
            var views: [RowView] = []
            for row in page.items {
                let count = try await store.annotations(rowID: row.id!).count
                views.append(RowView(key: row.key, uri: row.uri, kind: row.kind.rawValue, width: row.width, height: row.height,
                                     text: row.text, split: row.split, tags: row.tags, metadata: row.metadata,
                                     labelVersion: row.labelVersion, annotations: count))
            }
            if output.json {
                try Terminal.printJSON(PageView(dataset: dataset, rows: views, next: page.next?.token))
                return
            }
            for view in views {
                var line = view.key
                if let width = view.width, let height = view.height { line += "  \(width)×\(height)" }
                if let split = view.split { line += "  split=\(split)" }
                line += "  annotations=\(view.annotations)"
                if let text = view.text { line += "  \"\(text.prefix(60))\"" }
                print(line)
            }
            if let next = page.next { print("next page: --after \(next.token)") }
        }
    }
}
