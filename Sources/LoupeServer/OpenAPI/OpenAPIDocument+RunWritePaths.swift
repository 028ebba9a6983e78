import LoupeCatalog

extension OpenAPIDocument {
    /// The operations that write runs, merged into `paths()` by operation (two of their paths
    /// also have a `get`).
    static func runWritePaths() -> [String: JSONValue] {
        let run = pathParameter("run", "The run: NAME when no other model has a run of that name, else MODEL/NAME (the slash as %2F).")
        let model = pathParameter("model", "The model's name (created if missing).")
        return [
            "/models/{model}/runs": ["post": operation(
                "createRun", .role(.editor),
                "Records a run of the model (created if missing) with its config and the snapshot of the dataset's labeled rows, as `loupe runs create`.",
                parameters: [model],
                body: ["required": true, "content": ["application/json": ["schema": ref("RunCreateRequest")]]],
                responses: ["201": json("The run, with its snapshot's size.", ref("RunCreated"))]
                    .merging(errors([400, 404, 409, 413])) { a, _ in a })],
            "/runs/{run}": [
                "patch": operation(
                    "renameRun", .role(.editor), "Renames a run.", parameters: [run],
                    body: ["required": true, "content": ["application/json": ["schema": ref("RunRenameRequest")]]],
                    responses: ["200": json("The run under its new name.", ref("RunSummary"))].merging(errors([400, 404, 409, 413])) { a, _ in a }),
                "delete": operation(
                    "deleteRun", .role(.editor),
                    "Deletes a run with its predictions, snapshot, evaluations and custom metrics; embedding spaces it produced are kept and unlinked.",
                    parameters: [run],
                    responses: ["200": json("What went with it.", ref("RunDeletion"))].merging(errors([400, 404])) { a, _ in a }),
            ],
            "/runs/{run}/metrics": ["post": operation(
                "storeCustomMetrics", .role(.editor),
                "Stores custom metric values on a run (upsert by name and scope), all or nothing; the body is JSON Lines, as `loupe runs metrics` reads.",
                parameters: [
                    run,
                    queryParameter("dataset", "The dataset whose class names and row keys the values name.", schema: ["type": "string", "minLength": 1],
                                   required: true),
                    queryParameter("filename", "The name errors give the body (default `upload`).", schema: ["type": "string", "minLength": 1]),
                ],
                body: ["required": true, "description": """
                    One value a line: {"name": "latency_ms", "value": 12.5} for the run, {"name": "f2", "class": "cat", "value": 0.8} \
                    for a class, {"name": "loss", "key": "a.jpg", "value": 0.12} for a row (any content type; no multipart).
                    """,
                       // Any content type is read; documented like uploads, as the bytes of a JSON Lines file.
                       "content": ["application/octet-stream": ["schema": ["type": "string", "format": "binary"]]]],
                responses: ["200": json("How many values were stored.", ref("CustomMetricsStored"))]
                    .merging(errors([400, 404, 413])) { a, _ in a })],
        ]
    }

    /// The schemas of `runWritePaths()`.
    static func runWriteSchemas() -> [String: JSONValue] {
        let runName: JSONValue = ["type": "string", "minLength": 1, "pattern": "^[^/]+$"]
        return [
            "RunCreateRequest": object([
                "name": runName, "dataset": ["type": "string", "minLength": 1],
                "task": ["type": "string", "enum": .array(ModelTask.allCases.map { .string($0.rawValue) }),
                         "description": "The model's task when it is created (default detection); must match an existing model's."],
                "config": ["type": "object", "description": "The run's config (hyperparameters, code version, …), kept as given."],
                "splits": ["type": "array", "items": string, "description": "Only snapshot labeled rows of these splits (default: all)."],
            ], optional: ["task", "config", "splits"]),
            "RunCreated": object([
                "model": string, "run": string, "snapshot_rows": integer,
                "rows_by_split": map(integer),
            ]),
            "RunRenameRequest": object(["name": runName]),
            "RunDeletion": object([
                "predictions": integer, "snapshot_rows": integer, "evaluations": integer, "custom_metrics": integer,
                "embedding_spaces_unlinked": integer,
            ]),
            "CustomMetricsStored": object(["run": string, "stored": integer]),
        ]
    }
}
