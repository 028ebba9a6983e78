import LoupeCatalog

extension OpenAPIDocument {
    /// The component schemas of the read and analysis endpoints and of token management, merged
    /// into `schemas()`.
    static func analysisSchemas() -> [String: JSONValue] {
        let nullableString: JSONValue = ["type": ["string", "null"]]
        let interval = object(["lower": number, "upper": number, "confidence": number])
        let estimate = object(["value": number, "support": integer, "interval": interval], optional: ["interval"],
                              description: "A value with its support and, when computed, its interval.")
        let curveParameters = object(["ceiling": number, "scale": number, "exponent": number])
        let curvePoint = object(["label_count": integer, "metric": number, "weight": number])
        return [
            "Prediction": object([
                "id": integer, "run": ["type": "string", "description": "MODEL/NAME of the run."], "class_name": string,
                "geometry": ref("Geometry"), "score": number,
                "probabilities": ["type": "array", "items": number, "description": "Class probabilities indexed like `classes`."],
            ], optional: ["id", "class_name", "score", "probabilities"]),
            "RowPredictions": object([
                "dataset": string, "key": string,
                "classes": ["type": "array", "items": string, "description": "The dataset's class names by ordinal."],
                "predictions": array(ref("Prediction")),
            ]),
            "EvaluationObject": object([
                "outcome": ["type": "string", "enum": .array(EvaluationObjectResult.Outcome.allCases.map { .string($0.rawValue) })],
                "reason": ["type": "string", "enum": .array(EvaluationObjectResult.Reason.allCases.map { .string($0.rawValue) }),
                           "description": "Why a prediction is a false positive."],
                "prediction_id": integer, "annotation_id": integer, "iou": number, "score": number, "class_name": string,
            ], optional: ["reason", "prediction_id", "annotation_id", "iou", "score", "class_name"]),
            "EvaluationRowDetail": object([
                "run": string, "key": string, "dataset": string, "result": ref("EvaluationRow"), "objects": array(ref("EvaluationObject")),
            ]),
            "SnapshotPage": object([
                "run": string, "dataset": string,
                "rows": array(object(["key": string, "split": string, "label_version": integer])),
                "next_cursor": nullableString,
            ], optional: ["dataset"]),
            "RunMetrics": object([
                "run": string,
                "metrics": array(object([
                    "name": string, "scope": ["type": "string", "enum": ["run", "class"]], "class_name": string, "value": number,
                ], optional: ["class_name"])),
                "row_metrics": array(object(["name": string, "rows": integer])),
            ]),
            "RowMetricPage": object([
                "run": string, "name": string, "dataset": string, "count": integer,
                "rows": array(object(["key": string, "value": number])), "next_cursor": nullableString,
            ]),
            "MetricImportance": object([
                "run": string, "dataset": string, "key": string, "metric": string, "resamples": integer, "seed": integer,
                "fields": array(object([
                    "name": string, "strength": number, "support": integer,
                    "association": ["type": "object", "description": """
                        {"numeric": {"_0": {"rho", "p_value"}}} or {"categorical": {"_0": {"groups": [{"category", "mean"}], \
                        "eta_squared", "adjusted_eta_squared"}}}, as loupe importance --json prints it.
                        """],
                ], optional: ["strength"])),
            ]),
            "LabelingPlan": object([
                "metric": string, "evaluation_key": string, "training_splits": array(string),
                "grouped_by": ["type": "string", "enum": ["classes", "slices"]],
                "runs": array(object(["run": string, "labels": integer, "metric": number], optional: ["metric"])),
                "curves": array(object([
                    "name": string, "points": array(curvePoint),
                    "curve": object(["parameters": curveParameters, "points": array(curvePoint), "converged": boolean],
                                    description: "The fitted power law metric(n) = ceiling − scale · n^(−exponent), with its fit details."),
                    "unfitted": ["type": "string", "description": "Why no curve was fitted."],
                ], optional: ["curve", "unfitted"])),
                "plan": object([
                    "budget": integer, "step": integer, "unallocated_labels": integer,
                    "allocations": array(object([
                        "name": string, "label_count": integer, "added_labels": integer, "weight": number,
                        "before": estimate, "after": estimate, "gain": estimate,
                    ])),
                    "unplannable": array(object(["name": string, "reason": string])),
                    "overall_gain": estimate,
                ], optional: ["overall_gain"], description: "With a budget: new labels allocated to the largest predicted gain."),
            ], optional: ["plan"]),
            "EmbeddingSpace": object([
                "name": string, "dimension": integer,
                "source_run": ["type": "string", "description": "MODEL/NAME of the run that produced the vectors."],
                "vectors": integer,
            ], optional: ["source_run"]),
            "EmbeddingSpaceList": object(["embedding_spaces": array(ref("EmbeddingSpace"))]),
            "Token": object([
                "name": string, "role": ["type": "string", "enum": .array(TokenRole.allCases.map { .string($0.rawValue) })],
                "created_at": dateTime, "last_used_at": dateTime, "revoked_at": dateTime,
                "token": ["type": "string", "description": "The secret: only in the answer to POST /tokens, the one time it is shown."],
            ], optional: ["last_used_at", "revoked_at", "token"]),
            "TokenList": object(["tokens": array(ref("Token"))]),
            "TokenBody": object([
                "name": ["type": "string", "minLength": 1, "description": "Unique, and not only white space; say who or what uses it."],
                "role": ["type": "string", "enum": .array(TokenRole.allCases.map { .string($0.rawValue) })],
            ]),
        ]
    }
}
