import LoupeCatalog

extension OpenAPIDocument {
    /// The paths of background jobs and the writes that start them (imports, evaluations),
    /// relative to `basePath`; merged into `paths()`.
    static func jobPaths() -> [String: JSONValue] {
        let job = ["name": "id", "in": "path", "required": true, "description": "The job's id.",
                   "schema": ["type": "string", "pattern": "^[1-9][0-9]*$"]] as JSONValue
        let limit = queryParameter("limit", "Items per page (default 100).", schema: ["type": "integer", "minimum": 1, "maximum": 1000])
        let cursor = queryParameter("cursor", "The `next_cursor` of the previous page of the same query.", schema: ["type": "string"])
        let accepted: JSONValue = [
            "description": "Accepted: the job that does the work, queued. Poll its URL (also in `Location`) until its status is final.",
            "headers": responseHeaders.merging(["Location": ["schema": ["type": "string"], "description": "The job's URL, /api/v1/jobs/{id}."]]),
            "content": ["application/json": ["schema": ref("Job")]],
        ]
        let formats = JSONValue.array(SingleFileImport.Format.allCases.map { .string($0.rawValue) })
        let flag: JSONValue = ["type": "boolean"]
        return [
            "/jobs": ["get": operation(
                "listJobs", .role(.viewer), "Background jobs (imports, evaluations), newest first, a page at a time.",
                parameters: [
                    queryParameter("status", "Only jobs in this status.",
                                   schema: ["type": "string", "enum": .array(JobStatus.allCases.map { .string($0.rawValue) })]),
                    queryParameter("kind", "Only jobs of this kind.",
                                   schema: ["type": "string", "enum": .array(JobKind.allCases.map { .string($0.rawValue) })]),
                    limit, cursor,
                ],
                responses: ["200": json("One page of jobs.", ref("JobPage"))].merging(errors([400])) { a, _ in a })],
            "/jobs/{id}": ["get": operation(
                "getJob", .role(.viewer), "A job with its parameters, live progress, and its result or error once it has ended.",
                parameters: [job],
                responses: ["200": json("The job.", ref("Job"))].merging(errors([400, 404])) { a, _ in a })],
            "/jobs/{id}/cancel": ["post": operation(
                "cancelJob", .role(.editor),
                "Cancels a queued or running job. A running one stops at its next phase boundary; an import never stops inside its one write transaction.",
                parameters: [job],
                responses: [
                    "200": json("The job, stopped (status cancelled, or the status it reached first).", ref("Job")),
                    "202": json("The job, asked to stop but still running; poll it.", ref("Job")),
                ].merging(errors([400, 404, 409])) { a, _ in a })],
            "/datasets/{dataset}/imports": ["post": operation(
                "importFile", .role(.editor),
                "Uploads one file (the request body) and imports it into the dataset (created if missing) in a background job, "
                    + "which then evaluates the runs that got predictions under the key `default`. "
                    + "`format=embeddings` uploads vectors as JSON Lines, `{\"key\": ROW_KEY, \"vector\": [numbers]}` a line, "
                    + "into the embedding space named by `space` (created with the vectors' dimension if missing) for rows of an existing dataset.",
                parameters: [
                    pathParameter("dataset", "The dataset's name (created if missing)."),
                    queryParameter("format", "The file's format. Folder formats (voc, yolo) and .npy vectors cannot be uploaded.",
                                   schema: ["type": "string", "enum": formats], required: true),
                    queryParameter("model", "The model predictions in the file belong to (created if missing); for embeddings, the model of the run that produced the vectors.",
                                   schema: ["type": "string", "minLength": 1]),
                    queryParameter("run", "The run of the model (created if missing); needs model. For embeddings, the existing run that produced the vectors, recorded as a new space's source.",
                                   schema: ["type": "string", "minLength": 1]),
                    queryParameter("space", "embeddings (required there, refused elsewhere): the embedding space's name.", schema: ["type": "string", "minLength": 1]),
                    queryParameter("task", "The model's task when it is created (default: from the format and file).",
                                   schema: ["type": "string", "enum": .array(ModelTask.allCases.map { .string($0.rawValue) })]),
                    queryParameter("predictions", "jsonl, csv: the records are classification predictions; labelbox: every object is a prediction.", schema: flag),
                    queryParameter("replace", "Replace existing ground truth (as a new label version) and predictions instead of failing.", schema: flag),
                    queryParameter("evaluate", "Evaluate the runs that got predictions (default true).", schema: flag),
                    queryParameter("resamples", "Bootstrap resamples of those evaluations (default 1000).",
                                   schema: ["type": "integer", "minimum": 0, "maximum": 10000]),
                    queryParameter("author", "Who the labels are attributed to when the file does not say.", schema: ["type": "string", "minLength": 1]),
                    queryParameter("filename", "The name errors give the file (default `upload`).", schema: ["type": "string", "minLength": 1]),
                ],
                body: ["required": true, "description": "The file, as it is (no multipart).",
                       "content": ["application/octet-stream": ["schema": ["type": "string", "format": "binary"]]]],
                responses: ["202": accepted].merging(errors([400, 404, 413])) { a, _ in a })],
            "/runs/{run}/evaluations": ["post": operation(
                "evaluateRun", .role(.editor), "Evaluates the run against the dataset's ground truth in a background job and stores the evaluation under a key.",
                parameters: [pathParameter("run", "The run: NAME when no other model has a run of that name, else MODEL/NAME (the slash as %2F).")],
                body: ["required": true, "content": ["application/json": ["schema": ref("EvaluationRequest")]]],
                responses: ["202": accepted].merging(errors([400, 404, 409, 413])) { a, _ in a })],
        ]
    }
}
