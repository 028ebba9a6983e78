import LoupeCatalog

extension OpenAPIDocument {
    /// The schemas of jobs and the requests that start them; merged into `schemas()`.
    static func jobSchemas() -> [String: JSONValue] {
        [
            "Job": object([
                "id": integer,
                "kind": ["type": "string", "enum": .array(JobKind.allCases.map { .string($0.rawValue) })],
                "status": ["type": "string", "enum": .array(JobStatus.allCases.map { .string($0.rawValue) })],
                "progress": object([
                    "completed": integer, "total": ["type": "integer", "description": "0 while unknown."],
                    "phase": ["type": "string", "description": "queued, parsing NAME, writing, evaluating MODEL/RUN, done, …"],
                ], description: "Units done of the current phase; live while the job runs on this server."),
                "error": ["type": "string", "description": "Why it failed (an import's parse error names the line or JSON path), or how it was cancelled."],
                "parameters": ["type": "object", "description": "What it was asked to do."],
                "result": ["type": "object", "description": "Import: the import's counts, warnings and evaluations (key and summary per run); evaluation: the key and summary."],
                "created_by": ["type": "string", "description": "The name of the token that created it."],
                "created_at": dateTime, "started_at": dateTime, "finished_at": dateTime,
                "url": ["type": "string", "description": "/api/v1/jobs/{id}"],
            ], optional: ["error", "result", "created_by", "started_at", "finished_at"]),
            "JobPage": object([
                "jobs": array(ref("Job")),
                "next_cursor": ["type": ["string", "null"], "description": "The next (older) page's cursor; null on the last page."],
            ]),
            "EvaluationRequest": object([
                "dataset": ["type": "string", "minLength": 1, "description": "The dataset the run predicted on."],
                "key": ["type": "string", "minLength": 1, "description": "The key to store the evaluation under (default `default`)."],
                "iou_type": ["type": "string", "enum": ["bbox", "segm"], "description": "Detection: boxes or masks (default bbox)."],
                "iou": ["type": "number", "exclusiveMinimum": .number(0.1), "maximum": 1, "description": "Detection diagnostics: the IoU a match needs (default 0.5)."],
                "score": ["type": "number", "description": "Detection diagnostics: leave out predictions scored below this (default 0)."],
                "split": ["type": "string", "description": "Only rows of this split."],
                "resamples": ["type": "integer", "minimum": 0, "maximum": 10000, "description": "Bootstrap resamples (default 1000)."],
                "seed": ["type": "integer", "minimum": 0, "description": "The bootstrap's seed (default 0)."],
                "replace": ["type": "boolean", "description": "Replace an evaluation stored under the key (default false; else 409)."],
            ], optional: ["key", "iou_type", "iou", "score", "split", "resamples", "seed", "replace"]),
        ]
    }
}
