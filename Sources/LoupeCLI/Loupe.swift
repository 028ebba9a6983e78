import ArgumentParser

/// The `loupe` command: a workbench for data-centric machine learning.
@main
struct Loupe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "A workbench for data-centric machine learning: datasets, labels, model runs and their predictions.",
        discussion: """
            Every command works on one workspace: a SQLite file given by --workspace, the \
            LOUPE_WORKSPACE environment variable, or ./loupe.sqlite.

            Exit codes: 0 success, 1 a refused operation (conflict, missing name), 64 bad usage, \
            65 bad input data (the message names the file and the line or JSON path).
            """,
        subcommands: [
            DemoCommand.self, ImportCommand.self, DatasetsCommand.self, InfoCommand.self, RowsCommand.self,
            ExportCommand.self, EvalCommand.self, RunsCommand.self, QueryCommand.self, SlicesCommand.self, ImportanceCommand.self, PlanCommand.self,
            SimilarCommand.self, ProjectCommand.self, IssuesCommand.self, LeakageCommand.self, ClustersCommand.self, SelectCommand.self,
            ProbeCommand.self, LabelingCommand.self, ServeCommand.self, TokensCommand.self,
        ]
    )
}
