import LoupeCatalog
extension OpenAPIDocument {
    /// An object schema; every listed property not in `optional` is required.
    static func object(_ properties: [String: JSONValue], optional: Set<String> = [], description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": "object",
            "properties": .object(properties),
            "required": .array(properties.keys.filter { !optional.contains($0) }.sorted().map(JSONValue.string)),
        ]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    static let string: JSONValue = ["type": "string"]
    static let integer: JSONValue = ["type": "integer"]
    static let number: JSONValue = ["type": "number"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let anyJSON: JSONValue = [:]
    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }
    static func map(_ values: JSONValue) -> JSONValue { ["type": "object", "additionalProperties": values] }

    /// The component schemas.
    static func schemas() -> [String: JSONValue] {
        jobSchemas().merging([
            "ErrorEnvelope": object([
                "error": object([
                    "code": ["type": "string", "enum": .array(APIError.Code.all.map { .string($0.rawValue) })],
                    "message": string,
                    "field": ["type": "string", "description": "The offending parameter, header or body field (a JSON path such as $.filter)."],
                    "position": ["type": "integer", "minimum": 0, "description": "For filter errors, the 0-based character offset in the text; for a body that is not JSON, the byte offset where parsing stopped."],
                ], optional: ["field", "position"]),
            ], description: "Every failure: a stable code, a message for people, and where it is."),
            "Dataset": object(["name": string, "created_at": dateTime]),
            "DatasetList": object(["datasets": array(ref("Dataset"))]),
            "DatasetStatistics": object([
                "name": string, "rows": integer, "rows_by_kind": map(integer), "rows_by_split": map(integer),
                "annotations": integer, "annotations_by_kind": map(integer), "crowd_annotations": integer,
                "classes": integer, "classes_present": integer, "labeled_rows": integer, "runs": integer,
                "predictions": integer, "embeddings": integer,
            ]),
            "DatasetDetail": object([
                "name": string, "created_at": dateTime, "statistics": ref("DatasetStatistics"),
                "classes": array(object(["name": string, "ordinal": integer, "color": string])),
                "metadata_fields": array(object(["name": string, "kind": ["type": "string", "enum": ["string", "number", "bool", "date"]]])),
            ], optional: ["statistics"]),
            "MetadataValue": ["oneOf": [string, number, boolean],
                              "description": "Text, a finite number, a boolean, or a date as an ISO 8601 string in UTC."],
            "Row": object([
                "key": string, "kind": ["type": "string", "enum": ["image", "text"]], "uri": string, "width": integer,
                "height": integer, "text": string, "split": string, "tags": array(string),
                "metadata": map(ref("MetadataValue")), "label_version": integer,
            ], optional: ["uri", "width", "height", "text", "split"]),
            "RowPage": object([
                "count": ["type": "integer", "description": "Rows the filter selects in all."],
                "rows": array(ref("Row")),
                "next_cursor": ["type": ["string", "null"], "description": "The next page's cursor; null on the last page."],
            ]),
            "Geometry": object([
                "kind": ["type": "string", "enum": ["none", "box", "polygon", "mask", "point"]],
                "box": ["type": "array", "items": number, "minItems": 4, "maxItems": 4, "description": "[x, y, width, height] in pixels."],
                "polygon": array(array(number)),
                "mask": object(["size": array(integer), "counts": string], description: "COCO compressed RLE; size is [height, width]."),
                "point": ["type": "array", "items": number, "minItems": 2, "maxItems": 2],
            ], optional: ["box", "polygon", "mask", "point"]),
            "Annotation": object([
                "id": integer, "class_name": string, "geometry": ref("Geometry"), "is_crowd": boolean, "area": number,
                "attributes": map(ref("MetadataValue")), "label_version": integer, "author": string,
            ], optional: ["id", "class_name", "area", "author"]),
            "RowDetail": object([
                "row": ref("Row"), "annotations": array(ref("Annotation")),
                "asset_url": ["type": "string", "description": "The row's image under /datasets/{dataset}/assets/{key}."],
            ], optional: ["asset_url"]),
            "Model": object([
                "name": string, "task": ["type": "string", "enum": ["classification", "detection", "segmentation"]],
                "created_at": dateTime, "runs": integer,
            ]),
            "ModelList": object(["models": array(ref("Model"))]),
            "RunSummary": object(["model": string, "name": string, "reference": string, "created_at": dateTime]),
            "RunList": object(["model": string, "runs": array(ref("RunSummary"))]),
            "Metric": object([
                "name": string, "value": number, "lower": number, "upper": number, "support": integer,
            ], optional: ["value", "lower", "upper"], description: "value is absent when the metric is undefined."),
            "ClassMetrics": object(["class_name": string, "metrics": array(ref("Metric"))]),
            "EvaluationSummary": object([
                "key": string, "kind": ["type": "string", "enum": ["detection", "classification"]],
                "created_at": dateTime, "summary": array(ref("Metric")),
            ]),
            "RunDetail": object([
                "model": string, "name": string, "reference": string, "task": string, "created_at": dateTime,
                "config": anyJSON, "snapshot_rows_by_split": map(integer), "evaluations": array(ref("EvaluationSummary")),
            ]),
            "EvaluationList": object(["run": string, "evaluations": array(ref("EvaluationSummary"))]),
            "EvaluationDetail": object([
                "run": string, "key": string, "kind": ["type": "string", "enum": ["detection", "classification"]],
                "created_at": dateTime, "parameters": anyJSON, "summary": array(ref("Metric")),
                "per_class": array(ref("ClassMetrics")), "details": anyJSON,
            ]),
            "EvaluationRow": object([
                "key": string, "tp": integer, "fp": integer, "fn": integer, "iou": number, "correct": boolean,
                "confidence": number, "margin": number, "entropy": number,
            ], optional: ["tp", "fp", "fn", "iou", "correct", "confidence", "margin", "entropy"]),
            "EvaluationRowPage": object([
                "run": string, "key": string, "dataset": string, "rows": array(ref("EvaluationRow")),
                "next_cursor": ["type": ["string", "null"]],
            ], optional: ["dataset"]),
            "Slice": object([
                "name": string, "filter": string, "created_at": dateTime,
                "rows": ["type": "integer", "description": "Rows it selects now."],
                "error": ["type": "string", "description": "Why it cannot be used now (a run it names was deleted)."],
            ], optional: ["rows", "error"]),
            "SliceList": object(["dataset": string, "slices": array(ref("Slice"))]),
            "MetricComparison": object([
                "name": string, "a": number, "b": number, "difference": number, "lower": number, "upper": number, "support": integer,
                "verdict": ["type": "string", "enum": ["better", "worse", "not_significant"]],
            ], optional: ["a", "b", "difference", "lower", "upper", "verdict"]),
            "RunComparison": object([
                "kind": ["type": "string", "enum": ["detection", "classification"]], "rows": integer, "resamples": integer,
                "metrics": array(ref("MetricComparison")),
                "per_class": array(object(["class_name": string, "metrics": array(ref("MetricComparison"))])),
                "mcnemar": object(["broken": integer, "fixed": integer, "both_right": integer, "still_wrong": integer, "p_value": number]),
                "changes": array(object([
                    "key": string, "true_positives": integer, "false_positives": integer, "false_negatives": integer,
                    "flip": ["type": "string", "enum": ["fixed", "broken"]],
                ], optional: ["true_positives", "false_positives", "false_negatives", "flip"])),
                "rows_improved": integer, "rows_worse": integer, "rows_unchanged": integer,
                "slices": array(object(["slice": string, "rows": integer, "metric": ref("MetricComparison"), "unavailable": string],
                                       optional: ["metric", "unavailable"])),
                "custom_metrics": array(ref("MetricComparison")),
            ], optional: ["mcnemar", "slices"]),
            "SliceMetrics": object([
                "slice": string, "filter": string, "model": string, "run": string, "key": string,
                "resamples": integer, "rows": integer, "summary": array(ref("Metric")), "per_class": array(ref("ClassMetrics")),
            ]),
            "SliceBody": object(["filter": ["type": "string", "description": "The filter (docs/query.md)."]]),
        ].merging(analysisSchemas()) { mine, _ in mine }.merging(runWriteSchemas()) { mine, _ in mine }.merging(confusionSchemas()) { mine, _ in mine }
            .merging(issueSchemas()) { mine, _ in mine }
            .merging(selectionSchemas()) { mine, _ in mine }
            .merging(labelingSchemas()) { mine, _ in mine }) { jobs, _ in jobs }
    }
}
