#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A probe model: multinomial logistic (softmax) regression with an L2 penalty on the weights,
/// trained on an embedding space with the current labels to give uncertainty and pre-labels to
/// rows that have embeddings but no model run.
///
/// **Model.** `P(y = c | x) = exp(z_c) / Σ_k exp(z_k)`, `z_c = w_c·x + b_c`, with one weight vector
/// and one intercept per class (the symmetric, over-parameterized form; the penalty makes the
/// weights unique, and the intercepts are reported centered, `Σ_c b_c = 0`).
///
/// **Objective.** `Σᵢ −log P(yᵢ | xᵢ) + (l2/2)·‖W‖²` over the `n` training rows; the intercepts
/// are not penalized. This is scikit-learn's `LogisticRegression(C = 1/l2)` (multinomial, `lbfgs`):
/// scikit-learn minimizes the same function divided by `n`, as this type does for numerical scale
/// (`mean log loss + l2/(2n)·‖W‖²`), which has the same minimizer. That holds for three or more
/// classes. Two classes scikit-learn fits in the binomial form, one vector `w = w₁ − w₂` with the
/// penalty `‖w‖²/(2C)`, while the symmetric penalty is smallest at `w₁ = −w₂ = w/2`, where it is
/// `(l2/4)·‖w‖²`: there the match is `LogisticRegression(C = 2/l2)` (equal probabilities,
/// `coef_ = w₁ − w₂`; checked on the SMS spam set in benchmarks/active_learning_benchmark.py).
///
/// **Fit.** `LimitedMemoryBFGS` (memory 10, strong-Wolfe line search) from all-zero parameters on
/// the features as given, in double precision; logits and gradients by plain loops in a fixed
/// order (not BLAS, whose threaded sums depend on the thread count).
/// Features are not standardized: the penalty acts on the raw scale (as in scikit-learn without a
/// scaler), so give comparable features (embeddings usually are). Starting from zero, every
/// intercept gradient sums to 0 over the classes, so the intercepts stay centered up to rounding;
/// they are re-centered after the fit. Deterministic: no randomness, fixed summation order.
///
/// **Classes absent from the training labels** get no parameters: their probability is exactly 0
/// (scikit-learn's `cross_val_predict` fills such columns with 0 likewise). With one class present
/// that class has probability 1.
///
/// - Reference: Bishop, *Pattern Recognition and Machine Learning* (2006), §4.3.4; scikit-learn
///   1.9 `LogisticRegression` and `_logistic_regression_path` (the objective and its `C` scaling).
public struct SoftmaxRegression: Hashable, Sendable, Codable {
    /// Optimizer settings.
    public struct Options: Hashable, Sendable, Codable {
        /// Stop when every gradient component of the mean objective is at most this (default 1e-8).
        public var gradientTolerance: Double
        /// The iteration cap (default 10,000).
        public var maxIterations: Int

        /// Options with the documented defaults.
        public init(gradientTolerance: Double = 1e-8, maxIterations: Int = 10_000) {
            self.gradientTolerance = gradientTolerance
            self.maxIterations = maxIterations
        }
    }

    /// The number of classes `K` (classes are `0..<K`).
    public let classCount: Int
    /// The number of features `d`.
    public let featureCount: Int
    /// The L2 penalty `l2 = 1/C`.
    public let l2: Double
    /// `K × d` weights, row `c` for class `c` (0 for a class absent from training).
    public let coefficients: [Double]
    /// `K` intercepts, centered over the classes present (0 for an absent class).
    public let intercepts: [Double]
    /// Per class, whether it occurred in the training labels.
    public let trainedClasses: [Bool]
    /// L-BFGS iterations taken.
    public let iterations: Int
    /// Whether the optimizer met a stopping tolerance (not the iteration cap or a failed line search).
    public let converged: Bool
    /// The final mean objective `mean log loss + l2/(2n)·‖W‖²`.
    public let objective: Double

    /// The weight of class `c` for feature `j`.
    public func coefficient(class c: Int, feature j: Int) -> Double {
        coefficients[c * featureCount + j]
    }
}
