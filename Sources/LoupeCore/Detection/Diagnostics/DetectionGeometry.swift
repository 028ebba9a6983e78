/// A shape whose IoU matrix against ground truth can be computed with COCO's crowd semantics:
/// boxes and run-length masks. `DetectionRow` builds its IoU matrix through this.
public protocol DetectionGeometry: Hashable, Sendable {
    /// IoU of every detection with every ground truth, row-major (`d * n + g`); against a crowd
    /// region the denominator is the detection's own area.
    static func intersectionOverUnion(detections: [Self], groundTruths: [Self], groundTruthIsCrowd: [Bool]) -> [Double]
}

extension BoundingBox: DetectionGeometry {}

extension RunLengthMask: DetectionGeometry {}
