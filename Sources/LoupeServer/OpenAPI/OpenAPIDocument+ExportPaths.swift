import LoupeCatalog

extension OpenAPIDocument {
    /// The paths of streamed exports, merged into `paths()`.
    static func exportPaths() -> [String: JSONValue] {
        [
            "/datasets/{dataset}/export": ["get": operation(
                "exportRows", .role(.viewer),
                "The rows a filter selects with their current ground truth as JSON Lines (what `loupe export jsonl` writes), streamed.",
                parameters: [
                    pathParameter("dataset", "The dataset's name."),
                    queryParameter("format", "The format: jsonl (the default and, for now, the only one).",
                                   schema: ["type": "string", "enum": ["jsonl"]]),
                    queryParameter("filter", "A filter in the filter language; every row when absent or empty.", schema: ["type": "string"]),
                ],
                responses: [
                    "200": [
                        "description": .string("""
                            A `{"classes": [...]}` line, then one line per row in row order. Streamed: a failure after \
                            the first byte ends the stream early.
                            """),
                        "headers": responseHeaders.merging([
                            "Content-Disposition": ["schema": ["type": "string"], "description": "attachment; filename=DATASET.jsonl"],
                        ]),
                        "content": ["application/x-ndjson": ["schema": ["type": "string"]]],
                    ],
                ].merging(errors([400, 404])) { mine, _ in mine })],
        ]
    }
}
