import LoupeCatalog

extension OpenAPIDocument {
    /// The paths of the read and analysis endpoints and of token management, merged into `paths()`.
    static func analysisPaths() -> [String: JSONValue] {
        let dataset = pathParameter("dataset", "The dataset's name.")
        let run = pathParameter("run", "The run: NAME when no other model has a run of that name, else MODEL/NAME (the slash as %2F).")
        let limit = queryParameter("limit", "Items per page (default 100).", schema: ["type": "integer", "minimum": 1, "maximum": 1000])
        let cursor = queryParameter("cursor", "The `next_cursor` of the previous page of the same query.", schema: ["type": "string"])
        let resamples = queryParameter("resamples", "Bootstrap resamples (default 1000; the CLI's --bootstrap).",
                                       schema: ["type": "integer", "minimum": 0, "maximum": 10000])
        func reading(_ description: String, _ schema: String) -> [String: JSONValue] {
            ["200": json(description, ref(schema))].merging(errors([400, 404])) { a, _ in a }
        }
        return [
            "/datasets/{dataset}/rows/{key}/predictions": ["get": operation(
                "listRowPredictions", .role(.viewer), "The runs' predictions on a row, shaped like its ground truth.",
                parameters: [
                    dataset, pathParameter("key", "The row's key."),
                    queryParameter("run", "Only this run's predictions (NAME or MODEL/NAME); every run's when absent.",
                                   schema: ["type": "string", "minLength": 1]),
                ],
                responses: reading("The predictions, by run then descending score.", "RowPredictions"))],
            "/runs/{run}/evaluations/{key}/rows/{row_key}": ["get": operation(
                "getEvaluationRow", .role(.viewer), "A row's result in an evaluation with each object's outcome (TP, FP with its reason, FN).",
                parameters: [run, pathParameter("key", "The key the evaluation is stored under."), pathParameter("row_key", "The row's key.")],
                responses: reading("The row's result and objects.", "EvaluationRowDetail"))],
            "/runs/{run}/snapshot": ["get": operation(
                "listSnapshot", .role(.viewer), "The rows of a run's snapshot with their split and label version, in row order, a page at a time.",
                parameters: [run, limit, cursor],
                responses: reading("One page of the snapshot.", "SnapshotPage"))],
            "/runs/{run}/metrics": ["get": operation(
                "listRunMetrics", .role(.viewer), "A run's custom metrics of run and class scope, and its per-row metrics with their row counts.",
                parameters: [run],
                responses: reading("The custom metrics.", "RunMetrics"))],
            "/runs/{run}/metrics/{name}": ["get": operation(
                "listRowMetricValues", .role(.viewer), "One per-row custom metric's values in row-key order, a page at a time.",
                parameters: [run, pathParameter("name", "The per-row metric's name."), limit, cursor],
                responses: reading("One page of values.", "RowMetricPage"))],
            "/runs/{run}/importance": ["get": operation(
                "getMetricImportance", .role(.viewer),
                "Metadata fields, split, size and object count ranked by how strongly they predict a per-row metric (as loupe importance).",
                parameters: [
                    run,
                    queryParameter("dataset", "The dataset (default the run's).", schema: ["type": "string", "minLength": 1]),
                    queryParameter("key", "The stored evaluation (default `default`).", schema: ["type": "string"]),
                    queryParameter("metric", "The per-row metric (default errors for detection, correct for classification).",
                                   schema: ["type": "string", "enum": ["errors", "tp", "fp", "fn", "iou", "correct", "confidence", "entropy", "margin"]]),
                    resamples,
                    queryParameter("seed", "The bootstrap's seed (default 0).", schema: ["type": "integer", "minimum": 0]),
                ],
                responses: reading("The ranked fields.", "MetricImportance"))],
            "/datasets/{dataset}/plan": ["get": operation(
                "getLabelingPlan", .role(.viewer),
                "Learning curves across a model's runs per class or slice and, with a budget, where new labels help most (as loupe plan).",
                parameters: [
                    dataset,
                    queryParameter("model", "The model whose runs form the curves.", schema: ["type": "string", "minLength": 1], required: true),
                    queryParameter("by", "A curve per class or per saved slice (default classes).", schema: ["type": "string", "enum": ["classes", "slices"]]),
                    queryParameter("budget", "New labels to allocate.", schema: ["type": "integer", "minimum": 1, "maximum": 1_000_000_000]),
                    queryParameter("metric", "The metric (default AP or f1 per class, AP50 or accuracy per slice).", schema: ["type": "string"]),
                    queryParameter("key", "The evaluation key the runs were evaluated under (default `default`).", schema: ["type": "string"]),
                    queryParameter("training_split", "The snapshot splits that count as training, comma-separated (default train).",
                                   schema: ["type": "string", "pattern": "^[^,]+(,[^,]+)*$"]),
                    resamples,
                ],
                responses: reading("The curves and the plan.", "LabelingPlan"))],
            "/embedding-spaces": ["get": operation(
                "listEmbeddingSpaces", .role(.viewer), "The workspace's embedding spaces, by name.",
                responses: ["200": json("The spaces.", ref("EmbeddingSpaceList"))])],
            "/embedding-spaces/{space}": ["get": operation(
                "getEmbeddingSpace", .role(.viewer), "An embedding space: dimension, source run and vector count.",
                parameters: [pathParameter("space", "The space's name.")],
                responses: reading("The space.", "EmbeddingSpace"))],
            "/embedding-spaces/{space}/similar": ["post": operation(
                "findSimilarRows", .role(.viewer),
                "The rows nearest to some rows (their mean vector, minus the negatives' mean) or to a vector in an embedding space, best first; within a dataset and filter, or across every dataset in the space. The query rows are never returned.",
                parameters: [pathParameter("space", "The space's name.")],
                body: ["required": true, "content": ["application/json": ["schema": ref("SimilarityRequest")]]],
                responses: ["200": json("The rows found.", ref("SimilarityResults"))].merging(errors([400, 404])) { a, _ in a })],
            "/embedding-spaces/{space}/projections": ["get": operation(
                "listProjections", .role(.viewer), "The space's stored layouts: method, parameters and whether each still describes the space's vectors.",
                parameters: [pathParameter("space", "The space's name.")],
                responses: reading("The layouts.", "ProjectionList")), "post": operation(
                "computeProjection", .role(.editor),
                "Lays the space's row vectors out in 2-D (PCA, or UMAP over the k-NN graph, seeded) in a background job and stores the layout; an equal stored layout of the same vectors is kept unless `recompute`.",
                parameters: [pathParameter("space", "The space's name.")],
                body: ["required": true, "content": ["application/json": ["schema": ref("ProjectionRequest")]]],
                responses: ["202": [
                    "description": "Accepted: the job that computes the layout, queued. Poll its URL (also in `Location`) until its status is final.",
                    "headers": responseHeaders.merging(["Location": ["schema": ["type": "string"], "description": "The job's URL, /api/v1/jobs/{id}."]]),
                    "content": ["application/json": ["schema": ref("Job")]],
                ]].merging(errors([400, 404])) { a, _ in a })],
            "/embedding-spaces/{space}/projections/{method}": ["get": operation(
                "getProjection", .role(.viewer),
                "A dataset's points in the space's stored layout, and whether the layout still describes the space's vectors.",
                parameters: [pathParameter("space", "The space's name."), pathParameter("method", "umap or pca."),
                             queryParameter("dataset", "The dataset whose points to list.", schema: ["type": "string", "minLength": 1], required: true)],
                responses: ["200": json("The points.", ref("Projection"))].merging(errors([400, 404])) { a, _ in a })],
            "/tokens": [
                "get": operation(
                    "listTokens", .role(.admin), "The API tokens with role, creation, last use and revocation; never a secret or hash.",
                    responses: ["200": json("The tokens, by name.", ref("TokenList"))]),
                "post": operation(
                    "createToken", .role(.admin), "Creates a token; the answer is the only time its secret is shown.",
                    body: ["required": true, "content": ["application/json": ["schema": ref("TokenBody")]]],
                    responses: ["201": json("The token with its secret in `token`.", ref("Token"))]
                        .merging(errors([400, 409, 413])) { a, _ in a }),
            ],
            "/tokens/{name}": ["delete": operation(
                "revokeToken", .role(.admin), "Revokes a token: refused from the next request on; its name stays taken.",
                parameters: [pathParameter("name", "The token's name.")],
                responses: ["204": ["description": "Revoked.", "headers": responseHeaders]].merging(errors([400, 404, 409])) { a, _ in a })],
        ]
    }
}
