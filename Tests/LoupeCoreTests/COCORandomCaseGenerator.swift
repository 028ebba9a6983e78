import Foundation
import LoupeCore

/// Seeded random COCO cases that stress pycocotools' edge semantics: images without ground truth
/// or without detections, crowd-only images, categories present on one side only (and results
/// of a category the ground truth does not list), more detections than the limits, tied scores,
/// areas on and across the small/medium/large borders, a ground truth of id 0, the discarded
/// `ignore` field, keypoints with no visible point, and `loadRes`'s first-result area rule.
enum COCORandomCaseGenerator {
    static func make(iouType: COCOEvaluationParameters.IoUType, seed: UInt64, useCategories: Bool = true) -> COCOOracleCase {
        let stream: UInt64 = (iouType == .bbox ? 1 : iouType == .segm ? 2 : 3) + (useCategories ? 0 : 100)
        var g = COCOSeededGenerator(state: seed &* 7919 &+ stream)
        var imageIDs = Set<Int>()
        let imageCount = Int.random(in: 1...6, using: &g)
        while imageIDs.count < imageCount { imageIDs.insert(Int.random(in: 0...60, using: &g)) }
        let images: [(id: Int, height: Int, width: Int)] = imageIDs.sorted().shuffled(using: &g).map { id in
            iouType == .segm ? (id, Int.random(in: 10...130, using: &g), Int.random(in: 10...130, using: &g))
                : (id, Int.random(in: 100...640, using: &g), Int.random(in: 100...640, using: &g))
        }
        var categorySet = Set<Int>()
        let categoryCount = iouType == .keypoints ? Int.random(in: 1...2, using: &g) : Int.random(in: 1...4, using: &g)
        while categorySet.count < categoryCount { categorySet.insert(Int.random(in: 1...90, using: &g)) }
        let categories = categorySet.sorted().shuffled(using: &g)

        let knobs = Knobs(
            crowdRate: g.chance(0.3) ? 0 : g.uniform(0, 0.3), scoreMode: Int.random(in: 0...2, using: &g),
            integral: g.chance(0.4), manyDetections: g.chance(0.2), resultBoxMode: Int.random(in: 0...2, using: &g))
        var truths: [COCOFileAnnotation] = []
        var results: [COCOFileAnnotation] = []
        for image in images {
            let hasTruth = g.chance(0.8), hasResults = g.chance(0.85)
            var imageTruths: [COCOFileAnnotation] = []
            if hasTruth {
                for category in categories where g.chance(0.7) {
                    for _ in 0..<Int.random(in: 0...4, using: &g) {
                        imageTruths.append(truth(iouType, image: image, category: category, knobs: knobs, &g))
                    }
                }
            }
            truths += imageTruths
            guard hasResults else { continue }
            let count = knobs.manyDetections && g.chance(0.5)
                ? (iouType == .keypoints ? Int.random(in: 21...32, using: &g) : Int.random(in: 95...130, using: &g))
                : Int.random(in: 0...12, using: &g)
            for _ in 0..<count {
                let source = imageTruths.isEmpty || g.chance(0.25) ? nil : imageTruths.randomElement(using: &g)
                var category = source?.categoryID ?? categories.randomElement(using: &g)!
                if g.chance(0.08) { category = categories.randomElement(using: &g)! }
                if g.chance(0.02) { category = 999 }
                results.append(result(iouType, image: image, category: category, from: source, knobs: knobs, &g))
            }
        }
        // Unique annotation ids in shuffled order; sometimes one of them is 0.
        let base = g.chance(0.15) ? 0 : 1
        let ids = Array(base..<(base + truths.count)).shuffled(using: &g)
        for index in truths.indices {
            truths[index].id = ids[index]
            if g.chance(0.08) { truths[index].ignoreField = Int.random(in: 0...1, using: &g) }
        }
        if iouType == .segm && knobs.resultBoxMode == 2 && !results.isEmpty { results[0].bbox = nil }
        return COCOOracleCase(name: "\(iouType.rawValue)\(useCategories ? "" : "-pooled") seed \(seed)", iouType: iouType,
                              useCategories: useCategories, images: images, categoryIDs: categories, truths: truths,
                              results: results)
    }

    struct Knobs {
        var crowdRate: Double
        /// 0: any double; 1: one decimal (many ties); 2: two decimals.
        var scoreMode: Int
        var integral: Bool
        var manyDetections: Bool
        /// segm results: 0 without boxes, 1 with boxes (loadRes takes w·h as area), 2 with boxes
        /// except on the first result (loadRes takes the mask area).
        var resultBoxMode: Int
    }

    private static func truth(_ type: COCOEvaluationParameters.IoUType, image: (id: Int, height: Int, width: Int),
                              category: Int, knobs: Knobs, _ g: inout COCOSeededGenerator) -> COCOFileAnnotation {
        var a = COCOFileAnnotation(imageID: image.id, categoryID: category)
        a.isCrowd = g.chance(knobs.crowdRate)
        a.integral = knobs.integral
        switch type {
        case .bbox:
            var box = randomBox(image, &g)
            if g.chance(0.1) { box[2] = g.chance(0.5) ? 32 : 96; box[3] = box[2] }
            if g.chance(0.03) { box[2] = 0 }
            if knobs.integral { box = box.map { $0.rounded() } }
            a.bbox = box
            a.area = borderArea(box[2] * box[3], &g)
            if knobs.integral { a.area = a.area.rounded() }
        case .segm:
            let rects = (0..<(g.chance(0.3) ? 2 : 1)).map { _ in randomRect(image, &g) }
            let mask = rasterize(image, rects)
            a.maskSize = (image.height, image.width)
            if a.isCrowd { a.uncompressed = mask.counts } else { a.compressed = mask.compressed }
            let box = mask.boundingBox
            a.bbox = [box.x, box.y, box.width, box.height]
            a.area = g.chance(0.8) ? Double(mask.area) : borderArea(box.width * box.height, &g)
            a.integral = true
        case .keypoints:
            var box = randomBox(image, &g)
            box[2] = Swift.max(box[2], 4)
            box[3] = Swift.max(box[3], 4)
            if knobs.integral { box = box.map { $0.rounded() } }
            a.bbox = box
            a.area = borderArea(box[2] * box[3] * g.uniform(0.3, 1), &g)
            let hidden = a.isCrowd || g.chance(0.15) ? 1.0 : g.uniform(0, 0.6)
            var points: [Double] = []
            var visible = 0
            for _ in 0..<17 {
                if g.chance(hidden) {
                    points += [0, 0, 0]
                } else {
                    var x = box[0] + g.uniform(0, 1) * box[2], y = box[1] + g.uniform(0, 1) * box[3]
                    if knobs.integral { x.round(); y.round() }
                    points += [x, y, Double(Int.random(in: 1...2, using: &g))]
                    visible += 1
                }
            }
            a.keypoints = points
            a.keypointCount = g.chance(0.05) ? Int.random(in: 0...3, using: &g) : visible
        }
        return a
    }

    private static func result(_ type: COCOEvaluationParameters.IoUType, image: (id: Int, height: Int, width: Int),
                               category: Int, from source: COCOFileAnnotation?, knobs: Knobs,
                               _ g: inout COCOSeededGenerator) -> COCOFileAnnotation {
        var a = COCOFileAnnotation(imageID: image.id, categoryID: category)
        switch knobs.scoreMode {
        case 1: a.score = Double(Int.random(in: 1...9, using: &g)) / 10
        case 2: a.score = Double(Int.random(in: 0...100, using: &g)) / 100
        default: a.score = g.uniform(0, 1)
        }
        a.integral = knobs.integral
        switch type {
        case .bbox:
            var box = source.map { jitter($0.bbox!, &g) } ?? randomBox(image, &g)
            if knobs.integral { box = box.map { $0.rounded() } }
            a.bbox = box
        case .segm:
            let rect: (Int, Int, Int, Int)
            if let source, let sourceBox = source.bbox {
                let box = jitter(sourceBox, &g)
                rect = clip(image, Int(box[0]), Int(box[1]), Int(box[0] + box[2]) + 1, Int(box[1] + box[3]) + 1)
            } else {
                rect = randomRect(image, &g)
            }
            let mask = rasterize(image, [rect])
            a.maskSize = (image.height, image.width)
            a.compressed = mask.compressed
            if knobs.resultBoxMode > 0 {
                let box = mask.boundingBox
                a.bbox = g.chance(0.5) ? [box.x, box.y, box.width, box.height] : jitter([box.x, box.y, box.width, box.height], &g)
            }
        case .keypoints:
            let box = source?.bbox ?? randomBox(image, &g)
            let spread = (source?.area ?? box[2] * box[3]).squareRoot() * g.uniform(0.01, 0.3)
            var points: [Double] = []
            for k in 0..<17 {
                var x: Double, y: Double
                if let truth = source?.keypoints, truth[3 * k + 2] > 0 {
                    x = truth[3 * k] + g.uniform(-spread, spread)
                    y = truth[3 * k + 1] + g.uniform(-spread, spread)
                } else {
                    x = box[0] + g.uniform(-0.5, 1.5) * box[2]
                    y = box[1] + g.uniform(-0.5, 1.5) * box[3]
                }
                if knobs.integral { x.round(); y.round() }
                points += [x, y, g.uniform(0, 1)]
            }
            a.keypoints = points
            if knobs.resultBoxMode == 1 { a.bbox = jitter(box, &g) }
        }
        return a
    }

    /// `[x, y, w, h]` with log-uniform sides from sub-pixel to a few hundred pixels.
    private static func randomBox(_ image: (id: Int, height: Int, width: Int), _ g: inout COCOSeededGenerator) -> [Double] {
        let w = g.logUniform(0.5, 300), h = g.logUniform(0.5, 300)
        return [g.uniform(0, Double(image.width)), g.uniform(0, Double(image.height)), w, h]
    }

    /// A box moved and resized by up to 40 % of its size.
    private static func jitter(_ box: [Double], _ g: inout COCOSeededGenerator) -> [Double] {
        let s = g.chance(0.2) ? 0 : g.uniform(0, 0.4)
        return [box[0] + box[2] * g.uniform(-s, s + 1e-9), box[1] + box[3] * g.uniform(-s, s + 1e-9),
                Swift.max(0, box[2] * (1 + g.uniform(-s, s + 1e-9))), Swift.max(0, box[3] * (1 + g.uniform(-s, s + 1e-9)))]
    }

    /// An area that sometimes sits exactly on a border of the area ranges.
    private static func borderArea(_ area: Double, _ g: inout COCOSeededGenerator) -> Double {
        if g.chance(0.08) { return [1024, 9216, 0][Int.random(in: 0...2, using: &g)] }
        return area
    }

    private static func randomRect(_ image: (id: Int, height: Int, width: Int), _ g: inout COCOSeededGenerator) -> (Int, Int, Int, Int) {
        let w = Int(g.logUniform(1, Double(image.width) + 1)), h = Int(g.logUniform(1, Double(image.height) + 1))
        let x = Int.random(in: 0...(image.width - Swift.min(w, image.width)), using: &g)
        let y = Int.random(in: 0...(image.height - Swift.min(h, image.height)), using: &g)
        return clip(image, x, y, x + Swift.max(w, 1), y + Swift.max(h, 1))
    }

    private static func clip(_ image: (id: Int, height: Int, width: Int), _ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) -> (Int, Int, Int, Int) {
        let cx0 = Swift.min(Swift.max(x0, 0), image.width - 1), cy0 = Swift.min(Swift.max(y0, 0), image.height - 1)
        return (cx0, cy0, Swift.max(Swift.min(x1, image.width), cx0 + 1), Swift.max(Swift.min(y1, image.height), cy0 + 1))
    }

    /// The union of half-open pixel rectangles `(x0, y0, x1, y1)` as column-major runs.
    static func rasterize(_ image: (id: Int, height: Int, width: Int), _ rects: [(Int, Int, Int, Int)]) -> RunLengthMask {
        var counts: [UInt32] = []
        var current = false
        var run: UInt32 = 0
        for x in 0..<image.width {
            for y in 0..<image.height {
                let inside = rects.contains { x >= $0.0 && x < $0.2 && y >= $0.1 && y < $0.3 }
                if inside != current {
                    counts.append(run)
                    run = 0
                    current = inside
                }
                run += 1
            }
        }
        counts.append(run)
        return RunLengthMask(height: image.height, width: image.width, counts: counts)
    }
}
