extension VOCClassInput {
    /// The class's objects and detections on a resample of images, for a bootstrap over images:
    /// drawn image `imageIndices[p]` becomes image `p`, so an image drawn twice counts twice.
    ///
    /// Detections keep their input order within each copy, and copies follow the draw order, so
    /// tied scores rank deterministically (`VOCEvaluation` breaks ties by input order).
    /// - Parameter imageCount: the number of images the indices refer to.
    /// - Complexity: O(imageCount + objects and detections of the drawn images).
    public func resampled(imageIndices: [Int], imageCount: Int) -> VOCClassInput {
        var truthsByImage = [[VOCGroundTruth]](repeating: [], count: imageCount)
        for truth in groundTruths { truthsByImage[truth.imageIndex].append(truth) }
        var detectionsByImage = [[VOCDetection]](repeating: [], count: imageCount)
        for detection in detections { detectionsByImage[detection.imageIndex].append(detection) }
        var result = VOCClassInput(groundTruths: [], detections: [])
        for (position, image) in imageIndices.enumerated() {
            for var truth in truthsByImage[image] {
                truth.imageIndex = position
                result.groundTruths.append(truth)
            }
            for var detection in detectionsByImage[image] {
                detection.imageIndex = position
                result.detections.append(detection)
            }
        }
        return result
    }
}
