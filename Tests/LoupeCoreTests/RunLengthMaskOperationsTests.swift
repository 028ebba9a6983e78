import Foundation
import LoupeCore
import Testing

/// Rasterization, encoding, merging and IoU of COCO masks against pycocotools 2.0.11: a seeded batch
/// of a few hundred cases (see `MaskOperationCases.swift`) and every polygon of coco128, all answered
/// by one run of `tests/oracles/coco_mask_ops_oracle.py`, plus hand-built edge cases.
@Suite("COCO mask operations")
struct RunLengthMaskOperationsTests {
    typealias Batch = MaskOperationBatch

    /// pycocotools' counts, decoded with the (separately tested) compressed-string codec.
    private func counts(_ compressed: String?, _ height: Int, _ width: Int) throws -> [UInt32]? {
        guard let compressed else { return nil }
        return try RunLengthMask(height: height, width: width, compressed: compressed).counts
    }

    /// Area and `toBbox` as pycocotools gives them; where its box is the overflowed one of a mask
    /// without foreground pixels (wider or taller than the image), ours is the zero box.
    private func expectAreaAndBox(_ mask: RunLengthMask, _ expected: Batch.Described, _ label: String) {
        guard let area = expected.area, let bbox = expected.bbox else { return }
        #expect(mask.area == area, "\(label) area")
        let overflowed = bbox[2] > Double(mask.width) || bbox[3] > Double(mask.height)
        let box = overflowed ? [0, 0, 0, 0] : bbox
        #expect([mask.boundingBox.x, mask.boundingBox.y, mask.boundingBox.width, mask.boundingBox.height] == box,
                "\(label) box")
    }

    /// Every result of the batch, by source, as the Swift side computes it.
    private func results(_ batch: Batch) -> [String: [RunLengthMask]] {
        let cases = batch.cases
        var pool: [String: [RunLengthMask]] = [:]
        pool["polygon"] = cases.polygons.map { RunLengthMask(polygon: Polygon(rings: $0.rings), height: $0.height, width: $0.width) }
        pool["box"] = cases.boxes.map {
            RunLengthMask(box: BoundingBox(x: $0.box[0], y: $0.box[1], width: $0.box[2], height: $0.box[3]),
                          height: $0.height, width: $0.width)
        }
        pool["mask"] = zip(cases.masks, batch.denseMasks).map { RunLengthMask(columnMajorMask: $1, height: $0.height, width: $0.width) }
        pool["merge"] = []
        for merge in cases.merges {
            let masks = merge.sources.map { pool[$0.kind]![$0.index] }
            pool["merge"]!.append(RunLengthMask.merge(masks, intersect: merge.intersect))
        }
        return pool
    }

    @Test("polygons rasterize to pycocotools' annToRLE counts; the first-ring trap is where it says")
    func polygons() throws {
        let batch = try maskOperationBatch.get(), answers = batch.answers!
        let ours = results(batch)["polygon"]!
        var refused = 0
        for (index, (polygon, expected)) in zip(batch.cases.polygons, answers.polygons).enumerated() {
            let label = "polygon \(index) \(polygon.height)×\(polygon.width) \(polygon.rings)"
            let mask = ours[index]
            #expect(RunLengthMask.pycocotoolsAccepts(Polygon(rings: polygon.rings)) == (expected.error == nil), "\(label)")
            if expected.error != nil { refused += 1 }
            let reference = try counts(expected.counts ?? expected.ringUnion, polygon.height, polygon.width)
            #expect(mask.counts == reference, "\(label)")
            expectAreaAndBox(mask, expected, label)
            // pycocotools' runs have no empty runs, so decoding then encoding gives them back.
            if polygon.height * polygon.width <= 400_000 {
                #expect(RunLengthMask(columnMajorMask: mask.decodedColumnMajor(), height: polygon.height, width: polygon.width) == mask)
            }
        }
        #expect(batch.cases.polygons.count > 200)
        #expect(refused > 3 && refused < batch.cases.polygons.count / 4)
    }

    @Test("boxes rasterize to pycocotools' frBbox counts")
    func boxes() throws {
        let batch = try maskOperationBatch.get(), answers = batch.answers!
        for (index, (mask, expected)) in zip(results(batch)["box"]!, answers.boxes).enumerated() {
            let label = "box \(index) \(batch.cases.boxes[index])"
            #expect(try mask.counts == counts(expected.counts, mask.height, mask.width), "\(label)")
            expectAreaAndBox(mask, expected, label)
        }
        #expect(batch.cases.boxes.count > 100)
    }

    @Test("dense masks encode as pycocotools does and decode back, column- and row-major")
    func encodeAndDecode() throws {
        let batch = try maskOperationBatch.get(), answers = batch.answers!
        for (index, (mask, expected)) in zip(results(batch)["mask"]!, answers.masks).enumerated() {
            let (height, width) = (mask.height, mask.width)
            let label = "mask \(index) \(height)×\(width)"
            #expect(try mask.counts == counts(expected.counts, height, width), "\(label)")
            expectAreaAndBox(mask, expected, label)
            let binary = batch.denseMasks[index].map { $0 == 0 ? UInt8(0) : 1 }
            #expect(mask.decodedColumnMajor() == binary, "\(label)")
            var rowMajor = [UInt8](repeating: 0, count: binary.count)
            for x in 0..<width { for y in 0..<height { rowMajor[y * width + x] = binary[x * height + y] } }
            #expect(RunLengthMask(rowMajorMask: rowMajor, height: height, width: width) == mask, "\(label)")
            #expect(mask.decodedRowMajor() == rowMajor, "\(label)")
        }
        #expect(batch.cases.masks.count > 30)
    }

    @Test("merges (union and intersection) give pycocotools' counts")
    func merges() throws {
        let batch = try maskOperationBatch.get(), answers = batch.answers!
        for (index, (mask, expected)) in zip(results(batch)["merge"]!, answers.merges).enumerated() {
            let label = "merge \(index) \(batch.cases.merges[index])"
            #expect(try mask.counts == counts(expected.counts, mask.height, mask.width), "\(label)")
            expectAreaAndBox(mask, expected, label)
        }
        #expect(batch.cases.merges.count > 60)
    }

    @Test("mask and box IoU matrices, with crowd flags, are bitwise pycocotools' iou")
    func intersectionOverUnion() throws {
        let batch = try maskOperationBatch.get(), answers = batch.answers!
        let pool = results(batch)
        var nonzero = 0
        for (index, (matrix, expected)) in zip(batch.cases.maskIous, answers.maskIous).enumerated() {
            let iou = RunLengthMask.intersectionOverUnion(detections: matrix.detections.map { pool[$0.kind]![$0.index] },
                                                          groundTruths: matrix.groundTruths.map { pool[$0.kind]![$0.index] },
                                                          groundTruthIsCrowd: matrix.crowd)
            #expect(iou.map(\.bitPattern) == expected.map { Double($0)!.bitPattern }, "mask IoU \(index) \(matrix)")
            nonzero += iou.filter { $0 > 0 && $0 < 1 }.count
        }
        for (index, (matrix, expected)) in zip(batch.cases.boxIous, answers.boxIous).enumerated() {
            func boxes(_ rows: [[Double]]) -> [BoundingBox] { rows.map { BoundingBox(x: $0[0], y: $0[1], width: $0[2], height: $0[3]) } }
            let iou = BoundingBox.intersectionOverUnion(detections: boxes(matrix.detections), groundTruths: boxes(matrix.groundTruths),
                                                        groundTruthIsCrowd: matrix.crowd)
            #expect(iou.map(\.bitPattern) == expected.map { Double($0)!.bitPattern }, "box IoU \(index) \(matrix)")
        }
        #expect(nonzero > 50)
    }

    @Test("every polygon annotation of coco128 rasterizes to pycocotools' annToRLE counts")
    func coco128() throws {
        struct File: Decodable {
            struct Image: Decodable { var id: Int; var height: Int; var width: Int }
            struct Annotation: Decodable {
                var id: Int
                var image_id: Int
                var segmentation: Segmentation
            }
            /// Polygon rings, or nil for RLE segmentations.
            struct Segmentation: Decodable {
                var rings: [[Double]]?
                init(from decoder: any Decoder) throws { rings = try? decoder.singleValueContainer().decode([[Double]].self) }
            }
            var images: [Image]
            var annotations: [Annotation]
        }
        let batch = try maskOperationBatch.get(), expected = batch.answers!.coco
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: coco128Annotations))
        let sizes = Dictionary(uniqueKeysWithValues: file.images.map { ($0.id, ($0.height, $0.width)) })
        var compared = 0
        for annotation in file.annotations {
            guard let rings = annotation.segmentation.rings, let (height, width) = sizes[annotation.image_id] else { continue }
            let mask = RunLengthMask(polygon: Polygon(rings: rings), height: height, width: width)
            #expect(try mask.counts == counts(expected[String(annotation.id)], height, width), "annotation \(annotation.id)")
            compared += 1
        }
        #expect(compared == 929 && expected.count == 929)
    }

    @Test("edge cases: empty rings, zero-area boxes, masks without foreground")
    func edgeCases() {
        // A 4×3 image (12 pixels). No ring, an empty ring and a two-point ring all cover nothing.
        #expect(RunLengthMask(polygon: Polygon(rings: []), height: 4, width: 3).counts == [12])
        #expect(RunLengthMask(polygonRing: [], height: 4, width: 3).counts == [12])
        #expect(RunLengthMask(polygon: Polygon(rings: [[0, 0, 3, 4]]), height: 4, width: 3).counts == [12])
        #expect(!RunLengthMask.pycocotoolsAccepts(Polygon(rings: [[0, 0, 3, 4], [0, 0, 3, 0, 3, 4]])))
        #expect(RunLengthMask.pycocotoolsAccepts(Polygon(rings: [[0, 0, 3, 0, 3, 4], [0, 0, 3, 4]])))
        // pycocotools: frPyObjects([[.5, .5, 2.5, .5, 2.5, 3.5]], 4, 3) → [5, 1, 3, 2, 1].
        #expect(RunLengthMask(polygonRing: [0.5, 0.5, 2.5, 0.5, 2.5, 3.5], height: 4, width: 3).counts == [5, 1, 3, 2, 1])
        // A box covers the pixels whose centres it holds with a tenth of a pixel to spare.
        #expect(RunLengthMask(box: BoundingBox(x: 0.4, y: 0.4, width: 1.2, height: 1.2), height: 4, width: 3).counts == [0, 2, 2, 2, 6])
        #expect(RunLengthMask(box: BoundingBox(x: 0.6, y: 0.6, width: 0.8, height: 0.8), height: 4, width: 3).counts == [12])
        #expect(RunLengthMask(box: BoundingBox(x: -5, y: -5, width: 100, height: 100), height: 4, width: 3).counts == [0, 12])
        let flat = RunLengthMask(box: BoundingBox(x: 1, y: 1, width: 0, height: 2), height: 4, width: 3)
        #expect(flat.counts == [12] && flat.area == 0 && flat.boundingBox == BoundingBox(x: 0, y: 0, width: 0, height: 0))
        // Non-finite coordinates make the ring empty (pycocotools' behaviour is undefined there).
        #expect(RunLengthMask(polygonRing: [0, 0, .nan, 3, 3, 3], height: 4, width: 3).counts == [12])

        // Any nonzero byte is foreground (pycocotools would split 1 next to 2 into two runs).
        #expect(RunLengthMask(columnMajorMask: [0, 1, 2, 0], height: 4, width: 1).counts == [1, 2, 1])
        let empty = RunLengthMask(columnMajorMask: [UInt8](repeating: 0, count: 12), height: 4, width: 3)
        #expect(empty.counts == [12] && empty.area == 0 && empty.boundingBox == BoundingBox(x: 0, y: 0, width: 0, height: 0))
        #expect(empty.decodedColumnMajor() == [UInt8](repeating: 0, count: 12))
        #expect(RunLengthMask(columnMajorMask: [], height: 0, width: 0).counts == [0])
        // Runs past the end are cut off, pixels after the last run are background.
        #expect(RunLengthMask(height: 2, width: 2, counts: [1, 9]).decodedColumnMajor() == [0, 1, 1, 1])
        #expect(RunLengthMask(height: 2, width: 2, counts: [1, 1]).decodedRowMajor() == [0, 0, 1, 0])
        // pycocotools 2.0.11 skips empty foreground runs in toBbox: toBbox([2, 0, 3, 2, 5]) = [1, 1, 1, 2].
        #expect(RunLengthMask(height: 4, width: 3, counts: [2, 0, 3, 2, 5]).boundingBox == BoundingBox(x: 1, y: 1, width: 1, height: 2))
        #expect(RunLengthMask(height: 4, width: 3, counts: [4, 0, 8]).boundingBox == BoundingBox(x: 0, y: 0, width: 0, height: 0))

        // Merge (pycocotools: union [1, 2, 2, 7], intersection [6, 1, 5]); one mask is returned as is; none gives 0 × 0.
        let a = RunLengthMask(height: 4, width: 3, counts: [1, 2, 3, 6]), b = RunLengthMask(height: 4, width: 3, counts: [5, 2, 5])
        #expect(RunLengthMask.merge([a, b]).counts == [1, 2, 2, 7])
        #expect(RunLengthMask.merge([a, b], intersect: true).counts == [6, 1, 5])
        #expect(RunLengthMask.merge([a, empty], intersect: true).counts == [12])
        #expect(RunLengthMask.merge([RunLengthMask(height: 4, width: 3, counts: [2, 0, 10])]).counts == [2, 0, 10])
        #expect(RunLengthMask.merge([]) == RunLengthMask(height: 0, width: 0, counts: []))
        // IoU 1/9, and 1/8 against a crowd (the detection's area); a mask without foreground scores 0.
        #expect(RunLengthMask.intersectionOverUnion(detections: [a], groundTruths: [b, b, empty],
                                                    groundTruthIsCrowd: [false, true, true]) == [1.0 / 9, 1.0 / 8, 0])
    }
}
