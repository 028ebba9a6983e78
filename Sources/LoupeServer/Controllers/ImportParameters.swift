import Foundation
import LoupeCatalog

/// The query of `POST /datasets/{dataset}/imports`, checked before the body is read.
struct ImportParameters: Sendable {
    /// The format with its settings.
    var format: SingleFileImport
    /// How the batch is written.
    var options: ImportOptions
    /// Whether `task` was given (else the format's default task is used).
    var taskGiven: Bool
    /// Evaluate the runs that got predictions.
    var evaluate: Bool
    /// Bootstrap resamples of those evaluations.
    var resamples: Int
    /// The name messages give the upload.
    var name: String
    /// The dataset imported into.
    var dataset: String

    /// The parameters of a request.
    /// - Throws: `APIError.badRequest` naming the parameter at fault.
    init(query: QueryParameters, dataset: String) throws(APIError) {
        self.dataset = dataset
        guard let formatName = query["format"], !formatName.isEmpty else {
            throw .badRequest("the format query parameter is required: one of \(Self.formatNames)", field: "format")
        }
        guard let format = SingleFileImport.Format(rawValue: formatName) else {
            if let needs = SingleFileImport.multiFileFormats[formatName] {
                throw .badRequest("format \(formatName) needs \(needs) and cannot be uploaded as one file; use `loupe import \(formatName)` "
                    + "on the server's machine, or convert it to one of \(Self.formatNames)", field: "format")
            }
            throw .badRequest("unknown format '\(formatName)': one of \(Self.formatNames)", field: "format")
        }
        let model = try query.nonEmpty("model")
        let run = try query.nonEmpty("run")
        if run != nil, model == nil { throw .badRequest("run needs model", field: "run") }
        let predictions = try query.boolean("predictions", default: false)
        if predictions, model == nil || run == nil { throw .badRequest("predictions=true needs model and run", field: "predictions") }
        let task = try query.nonEmpty("task").map { text throws(APIError) in
            guard let task = ModelTask(rawValue: text) else {
                throw .badRequest("task must be one of \(ModelTask.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'", field: "task")
            }
            return task
        }
        let space = try query.nonEmpty("space")
        if format == .embeddings {
            guard space != nil else { throw .badRequest("format embeddings needs space: the embedding space the vectors belong to", field: "space") }
            if predictions { throw .badRequest("format embeddings holds vectors, not predictions", field: "predictions") }
        } else if space != nil {
            throw .badRequest("space applies to format embeddings only", field: "space")
        }
        self.format = SingleFileImport(format: format, predictions: predictions, spaceName: space)
        // For vectors, model and run name the run that produced them (the space's source), not a
        // run to write predictions to.
        let isVectors = format == .embeddings
        options = ImportOptions(replace: try query.boolean("replace", default: false), modelName: model, modelTask: task ?? .detection,
                                runName: isVectors ? nil : run, embeddingRunName: isVectors ? run : nil, author: try query.nonEmpty("author"))
        taskGiven = task != nil
        evaluate = try query.boolean("evaluate", default: true)
        resamples = try query.integer("resamples", default: 1000, in: 0...10_000)
        name = try query.nonEmpty("filename") ?? "upload"
    }

    /// The single-file formats, comma-separated.
    static var formatNames: String { SingleFileImport.Format.allCases.map(\.rawValue).joined(separator: ", ") }

    /// The job's parameters as JSON, with the upload's size.
    func json(bytes: Int) throws -> String {
        let fields: [String: JSONValue] = [
            "dataset": .string(dataset), "format": .string(format.format.rawValue), "filename": .string(name), "bytes": .number(Double(bytes)),
            "model": options.modelName.map(JSONValue.string) ?? .null,
            "run": (options.runName ?? options.embeddingRunName).map(JSONValue.string) ?? .null,
            "space": format.spaceName.map(JSONValue.string) ?? .null,
            "task": taskGiven ? .string(options.modelTask.rawValue) : .null, "predictions": .bool(format.predictions),
            "replace": .bool(options.replace), "evaluate": .bool(evaluate), "resamples": .number(Double(resamples)),
            "author": options.author.map(JSONValue.string) ?? .null,
        ]
        let value = JSONValue.object(fields.filter { $0.value != .null })
        return String(decoding: try APIJSON.encoder().encode(value), as: UTF8.self)
    }
}
