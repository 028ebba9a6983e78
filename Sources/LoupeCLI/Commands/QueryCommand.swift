import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe query`: the rows a filter selects.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "List the rows of a dataset that a filter selects, sorted, with their count.",
        discussion: """
            The filter language is in docs/query.md, for example:
              meta.camera = "x100" and run("baseline").fp >= 2
              gt.count("person") > 3 and not tag = "reviewed"
              run("A").correct = false and run("A").confidence > 0.9
            A filter or sort that does not parse exits with status 2 and shows the position.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset.") var dataset: String
    @Option(help: ArgumentHelp("The filter (all rows when omitted).", valueName: "expr")) var filter: String?
    @Option(help: ArgumentHelp("Sort keys: fields, each with asc or desc (or a leading -), comma-separated.", valueName: "expr")) var sort: String?
    @Option(help: "At most this many rows.") var limit = 100
    @Option(help: "Skip this many rows first.") var offset = 0
    @Flag(help: "Print the page only, without counting every row the filter selects (faster on large datasets).") var noCount = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard limit >= 0, offset >= 0 else { throw ValidationError("--limit and --offset must not be negative") }
    }

    struct Report: Encodable {
        struct Row: Encodable {
            var key: String
            var kind: String
            var split: String?
            var uri: String?
            var width: Int?
            var height: Int?
            var labelVersion: Int
            var tags: [String]
            var metadata: [String: MetadataValue]
        }
        /// Absent with --no-count.
        var count: Int?
        var rows: [Row]
    }

    func run() async throws {
        let expression = try filter.map(FilterText.parse)
        let keys = try sort.map(FilterText.parseSort) ?? []
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
            let (count, rows): (Int?, [DataRow])
            if noCount {
                (count, rows) = (nil, try await store.queryPage(datasetID: found.id, filter: expression, sort: keys, limit: limit, offset: offset))
            } else {
                let result = try await store.queryRows(datasetID: found.id, filter: expression, sort: keys, limit: limit, offset: offset)
                (count, rows) = (result.count, result.rows)
            }
            let report = Report(count: count, rows: rows.map { row in
                Report.Row(key: row.key, kind: row.kind.rawValue, split: row.split, uri: row.uri, width: row.width, height: row.height,
                           labelVersion: row.labelVersion, tags: row.tags,
                           metadata: row.metadata)
            })
            if output.json { try Terminal.printJSON(report); return }
            if let count = report.count {
                print("\(count) row\(count == 1 ? "" : "s")" + (count > rows.count ? " (showing \(rows.count) from \(offset + 1))" : ""))
            }
            for row in report.rows {
                let size = row.width.map { "\($0)×\(row.height ?? 0)" } ?? ""
                print([row.key, row.split ?? "-", size, row.tags.joined(separator: ",")].joined(separator: "  "))
            }
        }
    }
}
