import LoupeCatalog
import LoupeCore

/// The body of `POST /runs/{run}/evaluations`: `loupe runs eval`'s options as JSON.
struct EvaluationRequestBody: Decodable, Sendable {
    /// The dataset the run predicted on.
    var dataset: String
    /// The key to store the evaluation under (`default`).
    var key: String?
    /// Detection: `bbox` or `segm` (`bbox`).
    var iouType: String?
    /// Detection diagnostics: the IoU a prediction needs to match, in (0.1, 1] (0.5).
    var iou: Double?
    /// Detection diagnostics: leave out predictions scored below this (0).
    var score: Double?
    /// Only rows of this split.
    var split: String?
    /// Bootstrap resamples, 0–10,000 (1000).
    var resamples: Int?
    /// The bootstrap's seed (0).
    var seed: UInt64?
    /// Replace an evaluation stored under the key (false).
    var replace: Bool?

    /// The evaluation options, checked as `loupe runs eval` checks them.
    /// - Throws: `APIError.badRequest` naming the body field at fault.
    func options() throws(APIError) -> RunEvaluationOptions {
        guard !dataset.isEmpty else { throw .badRequest("$.dataset must not be empty", field: "$.dataset") }
        let key = self.key ?? "default"
        guard !key.isEmpty else { throw .badRequest("$.key must not be empty", field: "$.key") }
        guard let iouType = COCOEvaluationParameters.IoUType(rawValue: self.iouType ?? "bbox") else {
            throw .badRequest("$.iou_type must be bbox or segm", field: "$.iou_type")
        }
        let iou = self.iou ?? 0.5
        guard iou > 0.1, iou <= 1 else { throw .badRequest("$.iou must be in (0.1, 1]", field: "$.iou") }
        let score = self.score ?? 0
        guard score.isFinite else { throw .badRequest("$.score must be a number", field: "$.score") }
        let resamples = self.resamples ?? 1000
        guard (0...10_000).contains(resamples) else { throw .badRequest("$.resamples must be from 0 to 10000", field: "$.resamples") }
        return RunEvaluationOptions(key: key, iouType: iouType, iouThreshold: iou, scoreThreshold: score, split: split,
                                    resamples: resamples, seed: seed ?? 0)
    }
}
