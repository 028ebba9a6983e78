import LoupeCatalog

extension OpenAPIDocument {
    /// The paths of streamed exports, merged into `paths()`.
    static func exportPaths() -> [String: JSONValue] {
        [
            "/datasets/{dataset}/export": ["get": operation(
                "exportRows", .role(.viewer),
                "The rows a filter selects with their current ground truth as JSON Lines (what `loupe export jsonl` writes), streamed; "
                    + "or as COCO (what `loupe export coco` writes): instances of the ground truth, or with `run` that run's predictions as COCO results.",
                parameters: [
                    pathParameter("dataset", "The dataset's name."),
                    queryParameter("format", "The format: jsonl (the default) or coco.", schema: ["type": "string", "enum": ["jsonl", "coco"]]),
                    queryParameter("filter", "A filter in the filter language; every row when absent or empty.", schema: ["type": "string"]),
                    queryParameter("run", "coco only: export this run's predictions (NAME or MODEL/NAME) as COCO results.",
                                   schema: ["type": "string", "minLength": 1]),
                ],
                responses: [
                    "200": [
                        "description": .string("""
                            jsonl: a `{"classes": [...]}` line, then one line per row in row order. Streamed: a failure after \
                            the first byte ends the stream early. coco: one JSON document (an object of instances, or an array of results).
                            """),
                        "headers": responseHeaders.merging([
                            "Content-Disposition": ["schema": ["type": "string"], "description": "attachment; filename=DATASET.jsonl"],
                        ]),
                        "content": [
                            "application/x-ndjson": ["schema": ["type": "string"]],
                            "application/json": ["schema": ["type": ["object", "array"]]],
                        ],
                    ],
                ].merging(errors([400, 404])) { mine, _ in mine })],
        ]
    }
}
