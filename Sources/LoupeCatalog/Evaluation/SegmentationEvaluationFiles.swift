import Foundation
import LoupeCore

/// Semantic-segmentation masks read from two folders of `.npy` class-index arrays (one per
/// image, paired by file name without extension) into one pixel confusion matrix.
public enum SegmentationEvaluationFiles {
    /// One pixel confusion matrix per image pair, in file-name order (for a bootstrap over images;
    /// merged, they are `confusion(…)`).
    /// - Throws: as `confusion(groundTruth:predictions:classCount:ignoreIndex:)`.
    public static func confusions(groundTruth: URL, predictions: URL, classCount: Int,
                                  ignoreIndex: Int?) throws(ImportError) -> [SegmentationConfusion] {
        let truths = try arrays(in: groundTruth)
        let predicted = try arrays(in: predictions)
        if let extra = predicted.keys.sorted().first(where: { truths[$0] == nil }) {
            throw ImportError(file: predictions.appendingPathComponent(extra + ".npy").path,
                              message: "a prediction for image '\(extra)', which has no ground truth in \(groundTruth.path)")
        }
        var result: [SegmentationConfusion] = []
        for name in truths.keys.sorted() {
            guard let predictionURL = predicted[name] else {
                throw ImportError(file: truths[name]!.path, message: "image '\(name)' has no prediction in \(predictions.path)")
            }
            let truth = try NPYReader.classIndices(contentsOf: truths[name]!)
            let prediction = try NPYReader.classIndices(contentsOf: predictionURL)
            guard truth.height == prediction.height, truth.width == prediction.width else {
                throw ImportError(file: predictionURL.path, message: "the mask is \(prediction.height) × \(prediction.width), "
                    + "the ground truth \(truth.height) × \(truth.width)")
            }
            var confusion = SegmentationConfusion(classCount: classCount, ignoreIndex: ignoreIndex)
            do {
                try confusion.add(groundTruth: truth.values, prediction: prediction.values)
            } catch {
                throw ImportError(file: truths[name]!.path + " / " + predictionURL.lastPathComponent, message: error.description)
            }
            result.append(confusion)
        }
        return result
    }

    /// Accumulates every image pair.
    /// - Parameters:
    ///   - classCount: `K`; every class index must be below it (or equal `ignoreIndex`).
    ///   - ignoreIndex: a ground-truth value whose pixels are not counted (often 255).
    /// - Throws: `ImportError` naming the file for an image on one side only, masks of different
    ///   sizes, or an index outside the classes.
    public static func confusion(groundTruth: URL, predictions: URL, classCount: Int,
                                 ignoreIndex: Int?) throws(ImportError) -> SegmentationConfusion {
        var confusion = SegmentationConfusion(classCount: classCount, ignoreIndex: ignoreIndex)
        for image in try confusions(groundTruth: groundTruth, predictions: predictions, classCount: classCount, ignoreIndex: ignoreIndex) {
            confusion.merge(image)
        }
        return confusion
    }

    private static func arrays(in folder: URL) throws(ImportError) -> [String: URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw ImportError(file: folder.path, message: "cannot list the folder: \(error.localizedDescription)")
        }
        var result: [String: URL] = [:]
        for name in names where name.hasSuffix(".npy") {
            result[String(name.dropLast(4))] = folder.appendingPathComponent(name)
        }
        guard !result.isEmpty else { throw ImportError(file: folder.path, message: "no .npy masks in the folder") }
        return result
    }
}
