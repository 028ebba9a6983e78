import LoupeCatalog
import LoupeCore

extension OpenAPIDocument {
    /// The paths of a dataset's stored data-issue reports, merged into `paths()`.
    static func issuePaths() -> [String: JSONValue] {
        let dataset = pathParameter("dataset", "The dataset's name.")
        let kind = pathParameter("kind", "The check: " + DataIssueKind.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        return [
            "/datasets/{dataset}/issues": [
                "get": operation(
                    "listDataIssueReports", .role(.viewer), "The dataset's stored data-issue reports (one per kind), by kind.",
                    parameters: [dataset],
                    responses: ["200": json("The reports.", ref("DataIssueReportList"))].merging(errors([400, 404])) { a, _ in a }),
                "post": operation(
                    "computeDataIssues", .role(.editor),
                    "Scores every row of the dataset for a data issue (from an embedding space or a run) in a background job and stores the report, replacing the dataset's report of that kind.",
                    parameters: [dataset],
                    body: ["required": true, "content": ["application/json": ["schema": ref("DataIssueRequest")]]],
                    responses: ["202": [
                        "description": "Accepted: the job that computes the report, queued. Poll its URL (also in `Location`) until its status is final.",
                        "headers": responseHeaders.merging(["Location": ["schema": ["type": "string"], "description": "The job's URL, /api/v1/jobs/{id}."]]),
                        "content": ["application/json": ["schema": ref("Job")]],
                    ]].merging(errors([400, 404])) { a, _ in a }),
            ],
            "/datasets/{dataset}/issues/{kind}": ["get": operation(
                "listDataIssueRows", .role(.viewer), "A stored report's rows worst first (score ascending, then key), with their raw value, flag and reason.",
                parameters: [
                    dataset, kind,
                    queryParameter("flagged", "Only flagged rows (default false).", schema: ["type": "boolean"]),
                    queryParameter("offset", "Rows to skip (default 0).", schema: ["type": "integer", "minimum": 0]),
                    queryParameter("limit", "Rows wanted (default 100).", schema: ["type": "integer", "minimum": 1, "maximum": 1000]),
                ],
                responses: ["200": json("The rows.", ref("DataIssueRows"))].merging(errors([400, 404])) { a, _ in a })],
            "/datasets/{dataset}/issues/{kind}/scores": ["get": operation(
                "getDataIssueScores", .role(.viewer), "Every scored row's score, as two parallel arrays in row order (what a layout is coloured by).",
                parameters: [dataset, kind],
                responses: ["200": json("The scores.", ref("DataIssueScores"))].merging(errors([400, 404])) { a, _ in a })],
            "/runs/{run}/evaluations/{key}/column": ["get": operation(
                "getEvaluationColumn", .role(.viewer),
                "One per-row metric of an evaluation for every row it scored, as two parallel arrays in row order (what a layout is coloured by).",
                parameters: [
                    pathParameter("run", "The run: NAME when no other model has a run of that name, else MODEL/NAME (the slash as %2F)."),
                    pathParameter("key", "The key the evaluation is stored under (`default` unless chosen)."),
                    queryParameter("metric", "The per-row metric; errors is FP + FN.", schema: [
                        "type": "string", "enum": .array(EvaluationColumnView.metrics.map { .string($0) })], required: true),
                ],
                responses: ["200": json("The column.", ref("EvaluationColumn"))].merging(errors([400, 404])) { a, _ in a })],
            "/embedding-spaces/{space}/clusters": ["get": operation(
                "listClusters", .role(.viewer),
                "k-means++ clusters of a dataset's rows in an embedding space and, with a run, the run's per-row metric in each cluster against the whole set with bootstrap intervals (as loupe clusters).",
                parameters: [
                    pathParameter("space", "The space's name."),
                    queryParameter("dataset", "The dataset whose rows to cluster.", schema: ["type": "string", "minLength": 1], required: true),
                    queryParameter("k", "Clusters (default 8).", schema: ["type": "integer", "minimum": 2, "maximum": 1000]),
                    queryParameter("metric", "Default cosine.", schema: ["type": "string", "enum": ["cosine", "l2"]]),
                    queryParameter("seed", "k-means++ and bootstrap seed (default 0).", schema: ["type": "integer", "minimum": 0]),
                    queryParameter("run", "A run whose evaluation gives each row's outcome (NAME or MODEL/NAME).", schema: ["type": "string", "minLength": 1]),
                    queryParameter("key", "The run's evaluation key (default `default`).", schema: ["type": "string"]),
                    queryParameter("resamples", "Bootstrap resamples (default 1000).", schema: ["type": "integer", "minimum": 0, "maximum": 10000]),
                    queryParameter("keys", "Keys listed per cluster (default 5).", schema: ["type": "integer", "minimum": 0, "maximum": 100]),
                ],
                responses: ["200": json("The clusters.", ref("ClusterReport"))].merging(errors([400, 404])) { a, _ in a })],
            "/runs/{run}/slice-discovery": ["get": operation(
                "discoverSlices", .role(.viewer),
                "Slices of a dataset where the run does significantly worse than on the rest: metadata values and quartile bins, their pairs, and optionally an embedding space's k-means clusters, Benjamini-Hochberg across them (as loupe slices discover).",
                parameters: [
                    pathParameter("run", "The run: NAME when no other model has a run of that name, else MODEL/NAME (the slash as %2F)."),
                    queryParameter("dataset", "The dataset (default the run's).", schema: ["type": "string", "minLength": 1]),
                    queryParameter("key", "The stored evaluation (default `default`).", schema: ["type": "string"]),
                    queryParameter("metric", "The per-row metric (default errors for detection, correct for classification).",
                                   schema: ["type": "string", "enum": .array(RunMetricImportance.Metric.allCases.map { .string($0.rawValue) })]),
                    queryParameter("space", "An embedding space whose k-means clusters are candidates too.", schema: ["type": "string", "minLength": 1]),
                    queryParameter("clusters", "Clusters of the space (default 8).", schema: ["type": "integer", "minimum": 2, "maximum": 1000]),
                    queryParameter("min_size", "The least rows a slice and its rest may have (default 30).", schema: ["type": "integer", "minimum": 2]),
                    queryParameter("level", "The false discovery rate (default 0.05).", schema: ["type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1]),
                ],
                responses: ["200": json("The significant slices, largest effect first.", ref("SliceDiscovery"))].merging(errors([400, 404])) { a, _ in a })],
        ]
    }

    /// The schemas of `issuePaths()` and of the layout list.
    static func issueSchemas() -> [String: JSONValue] {
        let string: JSONValue = ["type": "string"]
        let number: JSONValue = ["type": "number"]
        let integer: JSONValue = ["type": "integer"]
        let kinds = JSONValue.array(DataIssueKind.allCases.map { .string($0.rawValue) })
        return [
            "DataIssueRequest": object([
                "kind": ["type": "string", "enum": kinds],
                "space": ["type": "string", "minLength": 1, "description": "The embedding space (outlier_knn, outlier_lof, uniqueness, representativeness, near_duplicate)."],
                "run": ["type": "string", "minLength": 1, "description": "The run, NAME or MODEL/NAME (label_error, missing_label, spurious_label)."],
                "k": ["type": "integer", "minimum": 1, "maximum": 200, "description": "Neighbours per row (default 10)."],
                "metric": ["type": "string", "enum": ["cosine", "l2"], "description": "Default cosine."],
                "similarity": ["type": "number", "description": "near_duplicate: the cosine similarity from which rows are near-duplicates (default 0.98)."],
            ], optional: ["space", "run", "k", "metric", "similarity"]),
            "DataIssueReport": object([
                "dataset": string, "kind": string,
                "source": ["type": "string", "description": "`space NAME` or `run MODEL/RUN`."],
                "parameters": ["type": "object"],
                "dataset_score": ["type": "number", "minimum": 0, "maximum": 1, "description": "The mean row score; 1 is clean."],
                "flagged_count": integer, "row_count": integer,
                "threshold": ["type": "number", "description": "The flag threshold in the raw values' unit, when the check has one."],
                "created_at": ["type": "string", "format": "date-time"],
            ], optional: ["threshold"]),
            "DataIssueReportList": object(["dataset": string, "reports": array(ref("DataIssueReport"))]),
            "DataIssueRows": object([
                "report": ref("DataIssueReport"), "offset": integer,
                "total": ["type": "integer", "description": "Rows in the listing (flagged ones only when asked)."],
                "rows": array(object([
                    "key": string, "score": ["type": "number", "minimum": 0, "maximum": 1, "description": "Lower is worse."],
                    "raw": ["type": "number", "description": "The measurement before mapping; absent where undefined."],
                    "flagged": ["type": "boolean"], "reason": ["type": "string", "description": "Why, for a flagged row."],
                ], optional: ["raw", "reason"])),
            ]),
            "EvaluationColumn": object([
                "run": string, "key": string, "dataset": ["type": "string", "description": "Absent for an evaluation without rows."],
                "metric": string, "keys": array(string),
                "values": array(["type": ["number", "null"], "description": "Null where the row has no value of the metric (correct is 1 or 0)."]),
            ], optional: ["dataset"]),
            "ClusterReport": object([
                "k": integer, "inertia": number,
                "metric": ["type": "string", "description": "The run's per-row metric; absent without a run."],
                "overall": ref("ClusterEstimate"),
                "clusters": array(object([
                    "id": integer, "size": integer, "keys": array(string), "metric": ref("ClusterEstimate"),
                    "difference": ref("ClusterEstimate"),
                    "significantly_worse": ["type": "boolean", "description": "The difference's interval lies below 0."],
                ], optional: ["metric", "difference"])),
            ], optional: ["metric", "overall"]),
            "ClusterEstimate": object(["value": number, "lower": number, "upper": number, "support": integer], optional: ["lower", "upper"]),
            "SliceDiscovery": object([
                "run": string, "dataset": string, "key": string, "metric": string,
                "higher_is_better": ["type": "boolean"], "tested": ["type": "integer", "description": "Candidates tested."],
                "level": number,
                "slices": array(object([
                    "name": string, "filter": ["type": "string", "description": "Absent for an embedding cluster."],
                    "rows": integer, "value": number, "rest": number, "effect": number, "lower": number, "upper": number,
                    "p_value": number, "q_value": number,
                ], optional: ["filter"])),
            ]),
            "DataIssueScores": object(["dataset": string, "kind": string, "keys": array(string), "scores": array(number)]),
            "ProjectionList": object([
                "space": string,
                "layouts": array(object([
                    "method": ["type": "string", "enum": ["umap", "pca"]], "parameters": ["type": "object"],
                    "current": ["type": "boolean", "description": "Whether the layout was computed from the space's current vectors."],
                    "created_at": ["type": "string", "format": "date-time"],
                ])),
            ]),
        ]
    }
}
