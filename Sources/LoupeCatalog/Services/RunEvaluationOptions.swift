import Foundation
import LoupeCore

/// What `RunEvaluator` evaluates and how; stored with the evaluation as its parameters.
public struct RunEvaluationOptions: Sendable, Codable {
    /// The key to store the evaluation under.
    public var key: String
    /// Detection: compare boxes (`bbox`) or masks (`segm`).
    public var iouType: COCOEvaluationParameters.IoUType
    /// Detection diagnostics: the IoU a prediction needs to match.
    public var iouThreshold: Double
    /// Detection diagnostics: predictions below this score are left out.
    public var scoreThreshold: Double
    /// Only rows of this split.
    public var split: String?
    /// Bootstrap resamples over rows for the intervals (0 for none).
    public var resamples: Int
    /// The bootstrap's seed.
    public var seed: UInt64

    /// Options with the defaults: key `default`, boxes, IoU 0.5, every score, 1000 resamples, seed 0.
    public init(key: String = "default", iouType: COCOEvaluationParameters.IoUType = .bbox, iouThreshold: Double = 0.5,
                scoreThreshold: Double = 0, split: String? = nil, resamples: Int = 1000, seed: UInt64 = 0) {
        self.key = key
        self.iouType = iouType
        self.iouThreshold = iouThreshold
        self.scoreThreshold = scoreThreshold
        self.split = split
        self.resamples = resamples
        self.seed = seed
    }
}

/// JSON as evaluations store it: sorted snake_case keys.
enum EvaluationJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
