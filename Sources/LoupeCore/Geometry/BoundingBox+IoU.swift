#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BoundingBox {
    /// Intersection over union of every detection with every ground-truth box, with COCO's crowd
    /// semantics: against a crowd region the denominator is the detection's own area, so a
    /// detection inside a crowd scores 1 however large the crowd is.
    ///
    /// Ported operation for operation from `bbIou` in pycocotools' `maskApi.c` (the same `fmin`
    /// and `fmax` order, areas as `width * height`), so results are bitwise equal to the
    /// reference's. Boxes that only touch (zero-width intersection) score 0; a zero-area
    /// detection against a zero-area box scores 0 rather than NaN.
    ///
    /// - Parameters:
    ///   - detections: the `m` detected boxes.
    ///   - groundTruths: the `n` ground-truth boxes.
    ///   - groundTruthIsCrowd: `n` flags, or empty when no ground truth is a crowd region.
    /// - Returns: `m * n` values, row-major: the IoU of detection `d` with ground truth `g` is at `d * n + g`.
    /// - Complexity: O(m · n).
    public static func intersectionOverUnion(
        detections: [BoundingBox], groundTruths: [BoundingBox], groundTruthIsCrowd: [Bool] = []
    ) -> [Double] {
        precondition(groundTruthIsCrowd.isEmpty || groundTruthIsCrowd.count == groundTruths.count,
                     "one crowd flag per ground-truth box")
        let m = detections.count, n = groundTruths.count
        var result = [Double](repeating: 0, count: m * n)
        result.withUnsafeMutableBufferPointer { output in
            for (g, truth) in groundTruths.enumerated() {
                let truthArea = truth.width * truth.height
                let crowd = !groundTruthIsCrowd.isEmpty && groundTruthIsCrowd[g]
                for (d, detection) in detections.enumerated() {
                    output[d * n + g] = overlap(detection, truth, truthArea: truthArea, crowd: crowd)
                }
            }
        }
        return result
    }

    /// The IoU of two boxes (no crowd semantics), as `intersectionOverUnion(detections:groundTruths:)` computes it.
    /// - Complexity: O(1).
    public func intersectionOverUnion(with other: BoundingBox) -> Double {
        Self.overlap(self, other, truthArea: other.width * other.height, crowd: false)
    }

    @inline(__always)
    static func overlap(_ detection: BoundingBox, _ truth: BoundingBox, truthArea: Double, crowd: Bool) -> Double {
        let w = fmin(detection.width + detection.x, truth.width + truth.x) - fmax(detection.x, truth.x)
        if w <= 0 { return 0 }
        let h = fmin(detection.height + detection.y, truth.height + truth.y) - fmax(detection.y, truth.y)
        if h <= 0 { return 0 }
        let intersection = w * h
        let detectionArea = detection.width * detection.height
        let union = crowd ? detectionArea : detectionArea + truthArea - intersection
        return intersection / union
    }
}
