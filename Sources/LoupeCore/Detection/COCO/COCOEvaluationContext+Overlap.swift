#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension COCOEvaluationContext {
    /// The overlap of every detection with every ground truth of one image and category, row-major
    /// (`output[d * G + g]`), as pycocotools' `computeIoU` / `computeOks` compute it: box IoU
    /// through `BoundingBox.intersectionOverUnion`'s kernel, mask IoU through
    /// `RunLengthMask.intersectionOverUnion`, or OKS. Both sides must be non-empty.
    /// - Complexity: O(D · G) pairs (times the run count for masks, the keypoint count for OKS).
    func overlaps(detections: UnsafeBufferPointer<Int32>, truths: UnsafeBufferPointer<Int32>,
                  into output: UnsafeMutablePointer<Double>) {
        let columns = truths.count
        switch parameters.iouType {
        case .bbox:
            detectionBox.withUnsafeBufferPointer { detectionBox in
                truthBox.withUnsafeBufferPointer { truthBox in
                    for (g, truth) in truths.enumerated() {
                        let box = truthBox[Int(truth)]
                        let crowd = truthCrowd[Int(truth)]
                        for (d, detection) in detections.enumerated() {
                            output[d * columns + g] = BoundingBox.overlap(
                                detectionBox[Int(detection)], box, truthArea: box.width * box.height, crowd: crowd)
                        }
                    }
                }
            }
        case .segm:
            let values = RunLengthMask.intersectionOverUnion(
                detections: detections.map { self.detections[Int($0)].mask! },
                groundTruths: truths.map { groundTruths[Int($0)].mask! },
                groundTruthIsCrowd: truths.map { truthCrowd[Int($0)] })
            for (index, value) in values.enumerated() { output[index] = value }
        case .keypoints:
            keypointSimilarities(detections: detections, truths: truths, into: output)
        }
    }

    /// Object keypoint similarity, ported from `COCOeval.computeOks` operation for operation:
    /// with `vars = (2σ)²` and `e = (dx² + dy²) / vars / (area + ε) / 2` (ε = `np.spacing(1)`,
    /// `area` the ground truth's), OKS is the mean of `exp(-e)` over the ground truth's keypoints
    /// with `v > 0` (summed in NumPy's pairwise order). A ground truth without such keypoints
    /// measures, over all keypoints, the distance outside the box `[x - w, x + 2w] × [y - h, y + 2h]`.
    ///
    /// `exp` is the platform's: NumPy on AVX-512 machines uses its own `exp`, which can differ by
    /// one unit in the last place, so OKS may differ from pycocotools' in the last bit.
    private func keypointSimilarities(detections: UnsafeBufferPointer<Int32>, truths: UnsafeBufferPointer<Int32>,
                                      into output: UnsafeMutablePointer<Double>) {
        let sigmas = parameters.keypointSigmas
        let count = sigmas.count
        let variances = sigmas.map { ($0 * 2) * ($0 * 2) }
        var terms = [Double](repeating: 0, count: count)
        for (g, truthIndex) in truths.enumerated() {
            let truth = groundTruths[Int(truthIndex)]
            let truthPoints = truth.keypoints!
            var visible = 0
            for k in 0..<count where truthPoints[3 * k + 2] > 0 { visible += 1 }
            let box = truth.box
            let x0 = box.x - box.width, x1 = box.x + box.width * 2
            let y0 = box.y - box.height, y1 = box.y + box.height * 2
            let scale = truth.area + NumPyArithmetic.spacingOfOne
            for (d, detectionIndex) in detections.enumerated() {
                let points = self.detections[Int(detectionIndex)].keypoints!
                var used = 0
                for k in 0..<count {
                    let xd = points[3 * k], yd = points[3 * k + 1]
                    let dx: Double, dy: Double
                    if visible > 0 {
                        guard truthPoints[3 * k + 2] > 0 else { continue }
                        dx = xd - truthPoints[3 * k]
                        dy = yd - truthPoints[3 * k + 1]
                    } else {
                        dx = Swift.max(0, x0 - xd) + Swift.max(0, xd - x1)
                        dy = Swift.max(0, y0 - yd) + Swift.max(0, yd - y1)
                    }
                    let e = (dx * dx + dy * dy) / variances[k] / scale / 2
                    terms[used] = exp(-e)
                    used += 1
                }
                let sum = terms.withUnsafeBufferPointer { NumPyArithmetic.sum(UnsafeBufferPointer(rebasing: $0[0..<used])) }
                output[d * truths.count + g] = sum / Double(used)
            }
        }
    }
}
