import LoupeCatalog

extension OpenAPIDocument {
    /// The confusion-cell path, merged into `paths()`.
    static func confusionPaths() -> [String: JSONValue] {
        [
            "/runs/{run}/evaluations/{key}/confusion": ["get": operation(
                "listConfusionCellRows", .role(.viewer),
                "The rows behind one cell of a stored evaluation's confusion matrix, each with how many of its objects are in the cell, in row order.",
                parameters: [
                    pathParameter("run", "The run: NAME when no other model has a run of that name, else MODEL/NAME (the slash as %2F)."),
                    pathParameter("key", "The key the evaluation is stored under (`default` unless chosen)."),
                    queryParameter("actual", "The ground-truth class, or `none` for predictions that matched no object.",
                                   schema: ["type": "string", "minLength": 1], required: true),
                    queryParameter("predicted", "The predicted class, or `none` for objects that no prediction matched.",
                                   schema: ["type": "string", "minLength": 1], required: true),
                    queryParameter("limit", "Rows per page (default 100).", schema: ["type": "integer", "minimum": 1, "maximum": 1000]),
                    queryParameter("cursor", "The `next_cursor` of the previous page of the same cell.", schema: ["type": "string"]),
                ],
                responses: ["200": json("One page of the cell's rows.", ref("ConfusionCell"))].merging(errors([400, 404])) { a, _ in a })],
            "/runs/{run}/evaluations/{key}/operating-point": ["get": operation(
                "getOperatingPoint", .role(.viewer),
                "A detection evaluation's precision, recall and F1 per class and over all classes when only the predictions scoring at least `threshold` are kept: exact counts from the stored per-object outcomes at the evaluation's IoU threshold.",
                parameters: [
                    pathParameter("run", "The run: NAME when no other model has a run of that name, else MODEL/NAME (the slash as %2F)."),
                    pathParameter("key", "The key the evaluation is stored under (`default` unless chosen)."),
                    queryParameter("threshold", "The lowest score kept, from the evaluation's own score threshold (`minimum_threshold`, usually 0) to 1.",
                                   schema: ["type": "number", "minimum": 0, "maximum": 1], required: true),
                ],
                responses: ["200": json("The operating point.", ref("OperatingPoint"))].merging(errors([400, 404])) { a, _ in a })],
        ]
    }

    /// The paths that move through a view: a row's neighbours, and a filter check.
    static func navigationPaths() -> [String: JSONValue] {
        let dataset = pathParameter("dataset", "The dataset's name.")
        let filter = queryParameter("filter", "A filter in the filter language; every row when absent or empty.", schema: ["type": "string"])
        let sort = queryParameter("sort", "Sort keys (docs/query.md); row order when absent.", schema: ["type": "string"])
        return [
            "/datasets/{dataset}/rows/{key}/neighbors": ["get": operation(
                "getRowNeighbors", .role(.viewer),
                "Where a row stands in a filtered, sorted view (0-based position, absent when the view leaves it out) and the keys before and after it.",
                parameters: [dataset, pathParameter("key", "The row's key (%2F for a slash)."), filter, sort],
                responses: ["200": json("The row's place in the view.", ref("RowNeighbors"))].merging(errors([400, 404])) { a, _ in a })],
            "/datasets/{dataset}/facets": ["get": operation(
                "getFacet", .role(.viewer),
                "How a field's values spread over the rows a filter selects: the most common values (tags, splits, ground-truth classes, text and boolean metadata) or equal-width bins (numeric metadata).",
                parameters: [
                    dataset,
                    queryParameter("field", "tag, split, gt.class, or meta.NAME.", schema: ["type": "string", "minLength": 1], required: true),
                    filter,
                    queryParameter("limit", "The most values listed (default 20).", schema: ["type": "integer", "minimum": 1, "maximum": 1000]),
                    queryParameter("bins", "Bins of a numeric field (default 10).", schema: ["type": "integer", "minimum": 1, "maximum": 100]),
                ],
                responses: ["200": json("The facet.", ref("Facet"))].merging(errors([400, 404])) { a, _ in a })],
            "/datasets/{dataset}/filter-check": ["get": operation(
                "checkFilter", .role(.viewer),
                "Whether a filter and sort parse and resolve in the dataset, answered 200 either way (for checking as a person types).",
                parameters: [dataset, filter, sort],
                responses: ["200": json("The verdict, with the message and position when invalid.", ref("FilterCheck"))]
                    .merging(errors([400, 404])) { a, _ in a })],
        ]
    }

    /// The schemas of `confusionPaths()`.
    static func confusionSchemas() -> [String: JSONValue] {
        [
            "Facet": object([
                "field": string, "rows": ["type": "integer", "description": "Rows of the view with a value."],
                "values": array(object(["value": string, "count": integer])),
                "bins": array(object(["lower": number, "upper": number, "count": integer])),
            ], optional: ["bins"]),
            "RowNeighbors": object([
                "key": string, "count": integer,
                "position": ["type": ["integer", "null"]], "previous": ["type": ["string", "null"]], "next": ["type": ["string", "null"]],
            ]),
            "FilterCheck": object([
                "valid": boolean, "field": ["type": "string", "enum": ["filter", "sort"]], "message": string,
                "position": ["type": "integer", "description": "The 0-based character where the text stops making sense."],
            ], optional: ["field", "message", "position"]),
            "SimilarityRequest": object([
                "dataset": ["type": "string", "minLength": 1, "description": "The dataset of the keys and the filter."],
                "keys": ["type": "array", "items": string, "description": "Rows to find more of."],
                "negatives": ["type": "array", "items": string, "description": "Rows to steer away from."],
                "vector": ["type": "array", "items": number, "description": "A query vector of the space's dimension."],
                "k": ["type": "integer", "minimum": 1, "maximum": 1000, "description": "Rows wanted (default 10)."],
                "metric": ["type": "string", "enum": ["cosine", "inner_product", "l2"], "description": "Default cosine."],
                "filter": ["type": "string", "description": "Only the dataset's rows this filter selects."],
                "all_datasets": ["type": "boolean", "description": "Search every dataset in the space (default false)."],
            ], optional: ["keys", "negatives", "vector", "k", "metric", "filter", "all_datasets"]),
            "SimilarityResults": object([
                "space": string, "metric": string,
                "results": array(object(["dataset": string, "key": string,
                                         "score": ["type": "number", "description": "The metric's similarity: cosine, inner product, or minus the squared L2 distance."]])),
            ]),
            "ProjectionRequest": object([
                "method": ["type": "string", "enum": ["umap", "pca"]],
                "neighbors": ["type": "integer", "minimum": 2, "maximum": 200, "description": "UMAP: neighbours per point (default 15)."],
                "min_distance": ["type": "number", "minimum": 0, "maximum": 1, "description": "UMAP: default 0.1."],
                "metric": ["type": "string", "enum": ["cosine", "l2"], "description": "UMAP's neighbours (default cosine)."],
                "epochs": ["type": "integer", "minimum": 1, "maximum": 10000],
                "seed": ["type": "integer", "minimum": 0],
                "recompute": boolean,
            ], optional: ["neighbors", "min_distance", "metric", "epochs", "seed", "recompute"]),
            "Projection": object([
                "space": string, "method": string, "dataset": string, "parameters": ["type": "object"],
                "current": ["type": "boolean", "description": "Whether the layout was computed from the space's current vectors."],
                "created_at": ["type": "string", "format": "date-time"],
                "points": array(object(["key": string, "x": number, "y": number, "split": string,
                                        "label": ["type": "string", "description": "The row's most frequent ground-truth class."]],
                                       optional: ["split", "label"])),
            ]),
            "OperatingPoint": object([
                "run": string, "key": string, "threshold": number, "iou_threshold": number,
                "minimum_threshold": ["type": "number", "description": "The evaluation's own score threshold: lower thresholds cannot be counted."],
                "all": ref("OperatingPointCounts"), "classes": array(ref("OperatingPointCounts")),
            ]),
            "OperatingPointCounts": object([
                "class": ["type": "string", "description": "The class; absent on the all-classes (micro) point."],
                "true_positives": integer, "false_positives": integer, "false_negatives": integer,
                "precision": ["type": ["number", "null"], "description": "TP / (TP + FP); null when no prediction is kept."],
                "recall": ["type": ["number", "null"], "description": "TP / (TP + FN); null without ground truth."],
                "f1": number,
            ], optional: ["class"]),
            "ConfusionCell": object([
                "run": string, "key": string, "dataset": string, "actual": string, "predicted": string,
                "count": ["type": "integer", "description": "The cell's number in the matrix: objects over all rows."],
                "row_count": ["type": "integer", "description": "How many rows have objects in the cell."],
                "rows": array(object(["key": string, "count": integer, "kind": ["type": "string", "enum": ["image", "text"]],
                                      "text": ["type": "string", "description": "A text row's text, its first 280 characters."]],
                                     optional: ["text"])),
                "next_cursor": ["type": ["string", "null"]],
            ]),
        ]
    }
}
