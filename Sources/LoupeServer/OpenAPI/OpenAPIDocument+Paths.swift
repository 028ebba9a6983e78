import LoupeCatalog
extension OpenAPIDocument {
    /// The paths, relative to `basePath`, with their operations.
    static func paths() -> [String: JSONValue] {
        let dataset = pathParameter("dataset", "The dataset's name.")
        let run = pathParameter("run", "The run: NAME when no other model has a run of that name, else MODEL/NAME (the slash as %2F).")
        let evaluationKey = pathParameter("key", "The key the evaluation is stored under (`default` unless chosen).")
        let slice = pathParameter("name", "The slice's name.")
        let limit = queryParameter("limit", "Items per page (default 100).", schema: ["type": "integer", "minimum": 1, "maximum": 1000])
        let cursor = queryParameter("cursor", "The `next_cursor` of the previous page of the same query.", schema: ["type": "string"])
        let assetHeaders: JSONValue = responseHeaders.merging([
            "ETag": ["schema": ["type": "string"], "description": "Changes when the file's size or modification time does."],
            "Cache-Control": ["schema": ["type": "string"], "description": "private, max-age=SECONDS"],
        ])
        let image: JSONValue = ["schema": ["type": "string", "format": "binary"]]
        let imageContent: JSONValue = .object(Dictionary(uniqueKeysWithValues: Set(ImageContentType.byExtension.values).sorted().map { ($0, image) }))

        return jobPaths().merging([
            "/openapi.json": ["get": operation(
                "getOpenAPI", .public, "This document.",
                responses: ["200": json("The OpenAPI 3.1 document.", ["type": "object"])])],
            "/datasets": ["get": operation(
                "listDatasets", .role(.viewer), "The workspace's datasets, by name.",
                responses: ["200": json("The datasets.", ref("DatasetList"))])],
            "/datasets/{dataset}": [
                "get": operation(
                    "getDataset", .role(.viewer), "A dataset with its statistics and class schema.",
                    parameters: [dataset, queryParameter("statistics", "false leaves the statistics out (they take seconds to count on a large dataset the first time after a write).",
                                                         schema: ["type": "boolean"])],
                    responses: ["200": json("The dataset.", ref("DatasetDetail"))].merging(errors([400, 404])) { a, _ in a }),
                "delete": operation(
                    "deleteDataset", .role(.admin),
                    "Deletes a dataset with its rows, classes, ground truth and slices, and the predictions, snapshots, results and vectors on its rows.",
                    parameters: [dataset],
                    responses: ["204": ["description": "Deleted.", "headers": responseHeaders]].merging(errors([400, 404])) { a, _ in a }),
            ],
            "/datasets/{dataset}/rows": ["get": operation(
                "listRows", .role(.viewer), "The rows a filter selects, sorted, a page at a time, with their count.",
                parameters: [
                    dataset,
                    queryParameter("filter", "A filter in the filter language (docs/query.md); all rows when absent or empty.",
                                   schema: ["type": "string"]),
                    queryParameter("sort", "Sort keys, comma-separated, each with asc or desc or a leading -; row order when absent.",
                                   schema: ["type": "string"]),
                    limit, cursor,
                    queryParameter("offset", "Start at this position of the view instead of a cursor (a page at any depth).",
                                   schema: ["type": "integer", "minimum": 0, "maximum": 2147483647]),
                ],
                responses: ["200": json("One page of rows.", ref("RowPage"))].merging(errors([400, 404])) { a, _ in a })],
            "/datasets/{dataset}/rows/{key}": ["get": operation(
                "getRow", .role(.viewer), "A row with its current ground truth.",
                parameters: [dataset, pathParameter("key", "The row's key.")],
                responses: ["200": json("The row.", ref("RowDetail"))].merging(errors([400, 404])) { a, _ in a })],
            "/datasets/{dataset}/assets/{key}": ["get": operation(
                "getAsset", .role(.viewer), "The row's image file, from the dataset's asset roots only.",
                parameters: [
                    dataset, pathParameter("key", "The row's key."),
                    ["name": "Range", "in": "header", "required": false, "schema": ["type": "string"],
                     "description": "One byte range: bytes=FIRST-LAST, bytes=FIRST- or bytes=-SUFFIX."],
                    ["name": "If-None-Match", "in": "header", "required": false, "schema": ["type": "string"],
                     "description": "ETags the client holds; a match answers 304."],
                ],
                responses: [
                    "200": ["description": "The whole file.", "headers": assetHeaders, "content": imageContent],
                    "206": ["description": "The requested bytes, with Content-Range.", "headers": assetHeaders, "content": imageContent],
                    "304": ["description": "The client's copy is current.", "headers": assetHeaders],
                ].merging(errors([400, 404, 416])) { a, _ in a })],
            "/datasets/{dataset}/slices": ["get": operation(
                "listSlices", .role(.viewer), "The dataset's saved slices with their current row counts.", parameters: [dataset],
                responses: ["200": json("The slices.", ref("SliceList"))].merging(errors([400, 404])) { a, _ in a })],
            "/datasets/{dataset}/slices/{name}": [
                "get": operation(
                    "getSlice", .role(.viewer), "A slice with its current row count.", parameters: [dataset, slice],
                    responses: ["200": json("The slice.", ref("Slice"))].merging(errors([400, 404])) { a, _ in a }),
                "put": operation(
                    "saveSlice", .role(.editor), "Creates or replaces a slice; its filter must parse and resolve in the dataset.",
                    parameters: [dataset, slice],
                    body: ["required": true, "content": ["application/json": ["schema": ref("SliceBody")]]],
                    responses: ["200": json("The slice, replaced.", ref("Slice")), "201": json("The slice, created.", ref("Slice"))]
                        .merging(errors([400, 404, 413])) { a, _ in a }),
                "delete": operation(
                    "deleteSlice", .role(.editor), "Deletes a slice.", parameters: [dataset, slice],
                    responses: ["204": ["description": "Deleted.", "headers": responseHeaders]].merging(errors([400, 404])) { a, _ in a }),
            ],
            "/datasets/{dataset}/compare": ["get": operation(
                "compareRuns", .role(.viewer),
                "Run B against run A on the rows both were evaluated on: paired differences with 95% bootstrap intervals and verdicts.",
                parameters: [
                    dataset,
                    queryParameter("a", "The baseline run: NAME, or MODEL/NAME.", schema: ["type": "string", "minLength": 1], required: true),
                    queryParameter("b", "The run compared with it.", schema: ["type": "string", "minLength": 1], required: true),
                    queryParameter("slice", "Compare on this saved slice's rows only.", schema: ["type": "string"]),
                    queryParameter("iou_type", "Detection: boxes or masks (default bbox).", schema: ["type": "string", "enum": ["bbox", "segm"]]),
                    queryParameter("resamples", "Bootstrap resamples (default 1000).", schema: ["type": "integer", "minimum": 0, "maximum": 10000]),
                    queryParameter("seed", "The bootstrap's seed (default 0).", schema: ["type": "integer", "minimum": 0]),
                    queryParameter("lower_is_better", "Comma-separated row custom metrics where lower is better.", schema: ["type": "string"]),
                ],
                responses: ["200": json("The comparison.", ref("RunComparison"))].merging(errors([400, 404])) { a, _ in a })],
            "/datasets/{dataset}/slices/{name}/metrics": ["get": operation(
                "getSliceMetrics", .role(.viewer),
                "A run's metrics on the slice, recomputed from its stored evaluation, each with support and a 95% bootstrap interval.",
                parameters: [
                    dataset, slice,
                    queryParameter("run", "The run: NAME, or MODEL/NAME.", schema: ["type": "string", "minLength": 1], required: true),
                    queryParameter("key", "The stored evaluation (default `default`).", schema: ["type": "string"]),
                    queryParameter("resamples", "Bootstrap resamples (default 1000).", schema: ["type": "integer", "minimum": 0, "maximum": 10000]),
                    queryParameter("seed", "The bootstrap's seed (default 0).", schema: ["type": "integer", "minimum": 0]),
                ],
                responses: ["200": json("The metrics.", ref("SliceMetrics"))].merging(errors([400, 404])) { a, _ in a })],
            "/models": ["get": operation(
                "listModels", .role(.viewer), "The workspace's models, by name.",
                responses: ["200": json("The models.", ref("ModelList"))])],
            "/models/{model}/runs": ["get": operation(
                "listRuns", .role(.viewer), "A model's runs, oldest first.", parameters: [pathParameter("model", "The model's name.")],
                responses: ["200": json("The runs.", ref("RunList"))].merging(errors([400, 404])) { a, _ in a })],
            "/runs/{run}": ["get": operation(
                "getRun", .role(.viewer), "A run with its config, snapshot sizes and stored evaluations.", parameters: [run],
                responses: ["200": json("The run.", ref("RunDetail"))].merging(errors([400, 404])) { a, _ in a })],
            "/runs/{run}/evaluations": ["get": operation(
                "listEvaluations", .role(.viewer), "A run's stored evaluations with their headline metrics.", parameters: [run],
                responses: ["200": json("The evaluations.", ref("EvaluationList"))].merging(errors([400, 404])) { a, _ in a })],
            "/runs/{run}/evaluations/{key}": ["get": operation(
                "getEvaluation", .role(.viewer), "A stored evaluation: parameters, summary, per-class metrics and details.",
                parameters: [run, evaluationKey],
                responses: ["200": json("The evaluation.", ref("EvaluationDetail"))].merging(errors([400, 404])) { a, _ in a })],
            "/runs/{run}/evaluations/{key}/rows": ["get": operation(
                "listEvaluationRows", .role(.viewer), "An evaluation's per-row results in row order, a page at a time.",
                parameters: [run, evaluationKey, limit, cursor],
                responses: ["200": json("One page of per-row results.", ref("EvaluationRowPage"))].merging(errors([400, 404])) { a, _ in a })],
        ].merging(analysisPaths()) { mine, _ in mine }.merging(exportPaths()) { mine, _ in mine }) { jobs, others in others.merging(jobs) }
            // Paths that have both reads and writes: their operations are merged.
            .merging(runWritePaths()) { reads, writes in reads.merging(writes) }
            .merging(confusionPaths()) { mine, _ in mine }.merging(navigationPaths()) { mine, _ in mine }
            .merging(issuePaths()) { mine, _ in mine }
            .merging(selectionPaths()) { mine, _ in mine }
            .merging(labelingPaths()) { mine, _ in mine }
    }
}
