/// Why a COCO evaluation could not run on its input: a ground truth or detection lacks what the
/// IoU type compares, or a score is not a number.
public struct COCOEvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable machine-readable reason.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// The reason's name, e.g. `"missing_mask"`.
        public var description: String { name }

        /// A `.segm` evaluation met an annotation without a mask.
        public static let missingMask = Code(name: "missing_mask")
        /// A `.keypoints` evaluation met an annotation without keypoints.
        public static let missingKeypoints = Code(name: "missing_keypoints")
        /// A keypoint array's length is not `3 * keypointSigmas.count`.
        public static let keypointCount = Code(name: "keypoint_count")
        /// A detection's score is NaN or infinite.
        public static let nonFiniteScore = Code(name: "non_finite_score")
    }

    /// The reason.
    public var code: Code
    /// What was wrong and where (the ground-truth id or the detection's position in the input).
    public var message: String

    /// An error from its reason and explanation.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
