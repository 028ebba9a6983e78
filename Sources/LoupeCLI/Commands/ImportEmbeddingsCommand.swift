import ArgumentParser
import Foundation
import LoupeCatalog

/// `loupe import embeddings`: one vector per row from a NumPy `.npy` and a key list, or from
/// JSON Lines (`{"key": …, "vector": […]}` a line) when no key list is given.
struct ImportEmbeddingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embeddings",
        abstract: "Import vectors from a NumPy .npy (float32/float64, C order, shape n × d) and a key list, or from JSON Lines.",
        discussion: """
            The key list is a text file with one row key a line, or a JSON array of strings, in the \
            order of the .npy's rows. Without --keys, --vectors is JSON Lines: {"key": "ROW", \
            "vector": [0.1, ...]} a line. The space is created with dimension d if missing; with \
            --model and --run it records that run as the vectors' source.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The dataset whose rows the keys name.") var dataset: String
    @Option(help: "The embedding space's name.") var space: String
    @Option(help: "The .npy file, or a JSON Lines file when --keys is absent.") var vectors: String
    @Option(help: "The key list of a .npy file.") var keys: String?
    @Option(help: "The model of the run that produced the vectors.") var model: String?
    @Option(help: "The run that produced the vectors.") var run: String?

    func validate() throws {
        if (model == nil) != (run == nil) { throw ValidationError("--model and --run go together") }
    }

    func run() async throws {
        try await reportingFailures {
            let vectorsFile = URL(fileURLWithPath: vectors)
            let batch = if let keys {
                try EmbeddingImporter(spaceName: space).read(vectors: vectorsFile, keys: URL(fileURLWithPath: keys))
            } else {
                try EmbeddingLinesImporter(spaceName: space).read(contentsOf: vectorsFile)
            }
            let options = ImportOptions(modelName: model, embeddingRunName: run)
            let store = try workspace.open()
            guard try await store.dataset(named: dataset) != nil else { throw CLIError.notFound("no dataset '\(dataset)': import its rows first") }
            let report = try await store.apply(batch, toDataset: dataset, options: options)
            if output.json { try Terminal.printJSON(report) } else { print("\(dataset): \(report.embeddings) vectors in space '\(space)'") }
        }
    }
}
