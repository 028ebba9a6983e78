import LoupeCatalog

extension OpenAPIDocument {
    /// The paths of labeling projects, merged into `paths()`.
    static func labelingPaths() -> [String: JSONValue] {
        let dataset = pathParameter("dataset", "The dataset's name.")
        let project = pathParameter("project", "The labeling project's name.")
        let key = pathParameter("key", "The row's key.")
        let base = "/datasets/{dataset}/labeling-projects"
        func body(_ schema: String) -> JSONValue { ["required": true, "content": ["application/json": ["schema": ref(schema)]]] }
        return [
            base: [
                "post": operation(
                    "createLabelingProject", .role(.editor),
                    "Creates a labeling project on the dataset, with pre-labels from a run's predictions scoring at least `score_threshold` (unscored ones always). See docs/labeling.md.",
                    parameters: [dataset], body: body("LabelingProjectRequest"),
                    responses: ["201": json("The project.", ref("LabelingProject"))].merging(errors([400, 404, 409])) { a, _ in a }),
                "get": operation(
                    "listLabelingProjects", .role(.viewer), "The dataset's labeling projects, by name, with their items per status.",
                    parameters: [dataset],
                    responses: ["200": json("The projects.", ref("LabelingProjectList"))].merging(errors([404])) { a, _ in a }),
            ],
            "\(base)/{project}": ["get": operation(
                "getLabelingProject", .role(.viewer), "A labeling project with its items per status.",
                parameters: [dataset, project],
                responses: ["200": json("The project.", ref("LabelingProject"))].merging(errors([404])) { a, _ in a })],
            "\(base)/{project}/items": ["post": operation(
                "addLabelingItems", .role(.editor),
                "Adds the rows of a filter or of a key list to the project's queue with a priority (higher is claimed first) under a batch name. Rows already in the project keep their priority, batch and status unless `reprioritize`.",
                parameters: [dataset, project], body: body("LabelingItemsRequest"),
                responses: ["200": json("What was added.", ref("LabelingBatch"))].merging(errors([400, 404])) { a, _ in a })],
            "\(base)/{project}/claim": ["post": operation(
                "claimLabelingItem", .role(.labeler),
                "Gives the caller (its token name is the assignee) its next item in one transaction: its own item in progress if any, else its own item sent back for rework, else the queued item of highest priority (then the oldest). Two labelers never get the same item.",
                parameters: [dataset, project],
                responses: ["200": json("The item, now in progress.", ref("LabelingItem")),
                            "204": ["description": "The queue has nothing for the caller.", "headers": responseHeaders]]
                    .merging(errors([404])) { a, _ in a })],
            "\(base)/{project}/items/{key}": ["get": operation(
                "getLabelingItem", .role(.viewer), "An item with its pre-labels and the row's current ground truth.",
                parameters: [dataset, project, key],
                responses: ["200": json("The item.", ref("LabelingItem"))].merging(errors([404])) { a, _ in a })],
            "\(base)/{project}/items/{key}/submit": ["post": operation(
                "submitLabelingItem", .role(.labeler),
                "Writes the final objects as the row's next label version and records, per pre-label, whether it was accepted unchanged, edited (with its IoU) or deleted, and the objects added. Only the caller holding the item in progress may submit it (409 otherwise).",
                parameters: [dataset, project, key], body: body("LabelingSubmitRequest"),
                responses: ["200": json("The label version written and the pre-label outcomes.", ref("LabelingSubmission"))]
                    .merging(errors([400, 404, 409])) { a, _ in a })],
            "\(base)/{project}/items/{key}/review": ["post": operation(
                "reviewLabelingItem", .role(.editor),
                "Approves a submitted item (it becomes reviewed) or sends it back to its labeler as rework with a note (409 unless submitted).",
                parameters: [dataset, project, key], body: body("LabelingReviewRequest"),
                responses: ["200": json("The item.", ref("LabelingItem"))].merging(errors([400, 404, 409])) { a, _ in a })],
            "\(base)/{project}/analytics": ["get": operation(
                "getLabelingAnalytics", .role(.viewer),
                "Model-assisted labeling analytics from each item's latest submission: per class the pre-labels accepted unchanged, edited (mean IoU) and deleted, the objects added, time per item and an estimate of the time pre-labels saved (docs/labeling.md).",
                parameters: [dataset, project],
                responses: ["200": json("The analytics.", ref("LabelingAnalytics"))].merging(errors([404])) { a, _ in a })],
        ]
    }

    /// The schemas of `labelingPaths()`.
    static func labelingSchemas() -> [String: JSONValue] {
        let statuses = JSONValue.array(LabelingStatus.allCases.map { .string($0.rawValue) })
        let nullableNumber: JSONValue = ["type": "number"]
        let outcomes = object([
            "class_name": string, "prelabels": integer, "accepted": integer, "edited": integer,
            "mean_edit_iou": ["type": "number", "minimum": 0, "maximum": 1, "description": "Mean IoU of the edited pre-labels with their final shapes."],
            "deleted": integer, "added": integer,
            "accepted_share": ["type": "number", "minimum": 0, "maximum": 1],
        ], optional: ["class_name", "mean_edit_iou", "accepted_share"])
        return [
            "LabelingProjectRequest": object([
                "name": ["type": "string", "minLength": 1],
                "run": ["type": "string", "description": "NAME or MODEL/NAME of the run whose predictions are the pre-labels."],
                "score_threshold": ["type": "number", "description": "Pre-labels score at least this (default 0)."],
            ], optional: ["run", "score_threshold"]),
            "LabelingProject": object([
                "name": string, "dataset": string,
                "run": ["type": "string", "description": "MODEL/NAME of the pre-label run."],
                "score_threshold": number, "created_at": ["type": "string", "format": "date-time"],
                "counts": ["type": "object", "additionalProperties": integer, "propertyNames": ["enum": statuses],
                           "description": "Items per status."],
                "items": integer,
            ], optional: ["run"]),
            "LabelingProjectList": object(["dataset": string, "projects": array(ref("LabelingProject"))]),
            "LabelingItemsRequest": object([
                "filter": ["type": "string", "description": "The rows to add (docs/query.md); or give `keys`."],
                "keys": ["type": "array", "items": string, "description": "The keys of the rows to add; or give `filter`."],
                "priority": ["type": "integer", "description": "Higher is claimed first (default 0)."],
                "batch": ["type": "string", "description": "The batch name (default empty)."],
                "reprioritize": ["type": "boolean", "description": "Give rows already in the project this priority and batch too."],
            ], optional: ["filter", "keys", "priority", "batch", "reprioritize"]),
            "LabelingBatch": object(["project": string, "batch": string, "added": integer, "updated": integer, "unchanged": integer]),
            "LabelingItem": object([
                "project": string, "key": string, "priority": integer, "batch": string,
                "status": ["type": "string", "enum": statuses],
                "assignee": string, "claimed_at": ["type": "string", "format": "date-time"],
                "submitted_at": ["type": "string", "format": "date-time"], "reviewed_at": ["type": "string", "format": "date-time"],
                "reviewer": string, "review_note": string,
                "prelabels": ["type": "array", "items": ref("Prediction"), "description": "The pre-labels (GET of an item only); `id` is what a final object names as `prelabel`."],
                "annotations": ["type": "array", "items": ref("Annotation"), "description": "The row's current ground truth (GET of an item only)."],
            ], optional: ["assignee", "claimed_at", "submitted_at", "reviewed_at", "reviewer", "review_note", "prelabels", "annotations"]),
            "LabelingFinalObject": object([
                "class_name": string,
                "box": ["type": "array", "items": number, "minItems": 4, "maxItems": 4, "description": "[x, y, width, height] in pixels."],
                "polygon": ["type": "array", "items": array(number), "description": "Rings [x1, y1, x2, y2, …]."],
                "point": ["type": "array", "items": number, "minItems": 2, "maxItems": 2],
                "iscrowd": ["type": "boolean"],
                "attributes": ["type": "object"],
                "prelabel": ["type": "integer", "description": "The id of the pre-label prediction this object was made from."],
            ], optional: ["class_name", "box", "polygon", "point", "iscrowd", "attributes", "prelabel"],
               description: "An object of the final label: a class and at most one shape (none for a classification)."),
            "LabelingSubmitRequest": object([
                "objects": array(ref("LabelingFinalObject")),
                "rejected": ["type": "array", "items": integer, "description": "Ids of the pre-labels rejected (checked; any pre-label no object names counts as deleted)."],
                "seconds": ["type": "number", "minimum": 0, "description": "Seconds the labeler spent."],
            ], optional: ["rejected"]),
            "LabelingSubmission": object([
                "project": string, "key": string, "label_version": integer, "objects": integer,
                "accepted": integer, "edited": integer, "deleted": integer, "added": integer,
            ]),
            "LabelingReviewRequest": object(["approve": ["type": "boolean"], "note": string], optional: ["note"]),
            "LabelingClassOutcomes": outcomes,
            "LabelingAnalytics": object([
                "project": string, "run": string, "per_class": array(ref("LabelingClassOutcomes")), "total": ref("LabelingClassOutcomes"),
                "items_submitted": integer, "total_seconds": number, "mean_seconds_per_item": nullableNumber,
                "seconds_per_object_from_scratch": nullableNumber, "estimated_seconds_saved": nullableNumber,
            ], optional: ["run", "mean_seconds_per_item", "seconds_per_object_from_scratch", "estimated_seconds_saved"]),
        ]
    }
}
