import LoupeCatalog
import LoupeCore

extension OpenAPIDocument {
    /// The paths of selection and probe models, merged into `paths()`.
    static func selectionPaths() -> [String: JSONValue] {
        let dataset = pathParameter("dataset", "The dataset's name.")
        return [
            "/datasets/{dataset}/selections": ["post": operation(
                "selectRows", .role(.viewer),
                "Ranks a pool of the dataset's rows (the filter's rows; by default those without ground truth) by what labeling each is worth under a strategy, and returns the best `budget` rows with their score, its components and a reason, as `loupe select --json`. Nothing is stored. See docs/selection.md.",
                parameters: [dataset],
                body: ["required": true, "content": ["application/json": ["schema": ref("SelectionRequest")]]],
                responses: ["200": json("The selected rows, best first.", ref("Selection"))].merging(errors([400, 404])) { a, _ in a })],
            "/datasets/{dataset}/probe-runs": ["post": operation(
                "createProbeRun", .role(.editor),
                "Trains a probe model (L2-regularized softmax regression) on an embedding space with the dataset's current class labels in a background job, writes it as a new classification run (snapshot, a prediction with class probabilities for every row with a vector, out-of-fold on labeled rows) and evaluates it under the key `default`, as `loupe probe`.",
                parameters: [dataset],
                body: ["required": true, "content": ["application/json": ["schema": ref("ProbeRunRequest")]]],
                responses: ["202": [
                    "description": "Accepted: the job that trains and writes the run, queued. Poll its URL (also in `Location`) until its status is final; its result names the run.",
                    "headers": responseHeaders.merging(["Location": ["schema": ["type": "string"], "description": "The job's URL, /api/v1/jobs/{id}."]]),
                    "content": ["application/json": ["schema": ref("Job")]],
                ]].merging(errors([400, 404, 409])) { a, _ in a })],
        ]
    }

    /// The schemas of `selectionPaths()`.
    static func selectionSchemas() -> [String: JSONValue] {
        let strategies = JSONValue.array(SelectionStrategy.allCases.map { .string($0.rawValue) })
        let weighted = JSONValue.array(SelectionStrategy.allCases.filter(\.hasRowScores).map { .string($0.rawValue) })
        return [
            "SelectionRequest": object([
                "strategy": ["type": "string", "enum": strategies, "description": "The strategy (docs/selection.md)."],
                "budget": ["type": "integer", "minimum": 1, "maximum": 100000, "description": "Rows wanted."],
                "run": ["type": "string", "description": "NAME or MODEL/NAME: the run whose predictions give the uncertainty (classification probabilities, detection box scores)."],
                "space": ["type": "string", "description": "The embedding space of k_center, similarity and cluster_balanced."],
                "filter": ["type": "string", "description": "The pool (default `label_version = 0`: the rows without ground truth)."],
                "seed": ["type": "integer", "minimum": 0, "description": "The seed of random and of cluster_balanced's k-means (default 0)."],
                "seeds": ["type": "array", "items": string, "description": "similarity: keys of the rows to find more rows like."],
                "weights": ["type": "object", "additionalProperties": ["type": "number", "minimum": 0],
                            "propertyNames": ["enum": weighted],
                            "description": "weighted: a weight per component strategy, applied in name order."],
                "clusters": ["type": "integer", "minimum": 1, "description": "cluster_balanced: k-means clusters (default the budget, at most 1000)."],
                "metric": ["type": "string", "enum": ["cosine", "l2"], "description": "k_center's distance (default cosine)."],
            ], optional: ["run", "space", "filter", "seed", "seeds", "weights", "clusters", "metric"]),
            "Selection": object([
                "dataset": string, "strategy": string, "budget": integer,
                "filter": ["type": "string", "description": "The pool's filter as canonical text."],
                "run": ["type": "string", "description": "MODEL/NAME of the run read."],
                "space": string,
                "pool_rows": ["type": "integer", "description": "Rows the filter selected."],
                "excluded": array(object(["reason": string, "rows": integer], description: "Pool rows left out for lack of an input.")),
                "quotas": object([
                    "source": ["type": "string", "enum": ["plan", "even"]], "note": string,
                    "classes": array(object(["class_name": string, "quota": integer])),
                ], optional: ["note"], description: "class_balanced's per-class quotas."),
                "rows": array(object([
                    "key": string,
                    "score": ["type": "number", "description": "Larger is more worth labeling."],
                    "reason": string,
                    "components": map(number),
                ])),
            ], optional: ["run", "space", "quotas"]),
            "ProbeRunRequest": object([
                "space": ["type": "string", "minLength": 1, "description": "The embedding space of the features."],
                "run": ["type": "string", "minLength": 1, "description": "The new run's name (409 if the model has it)."],
                "model": ["type": "string", "description": "The run's model (default `probe`; created as a classification model)."],
                "l2": ["type": "number", "exclusiveMinimum": 0, "description": "The L2 penalty 1/C (default 1)."],
                "folds": ["type": "integer", "minimum": 2, "description": "Cross-validation folds for the labeled rows (default 5)."],
                "seed": ["type": "integer", "minimum": 0, "description": "The fold shuffle's seed (default 0)."],
                "resamples": ["type": "integer", "minimum": 0, "maximum": 10000, "description": "Bootstrap resamples of the evaluation (default 1000)."],
            ], optional: ["model", "l2", "folds", "seed", "resamples"]),
        ]
    }
}
