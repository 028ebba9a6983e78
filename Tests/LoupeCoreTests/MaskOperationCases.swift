import Foundation
import LoupeCore

/// A seeded batch of mask-operation cases, the answers `tests/oracles/coco_mask_ops_oracle.py`
/// gives for it with pycocotools, and the Swift-side helpers to read both. Made once per test process.
struct MaskOperationBatch: Sendable {
    /// The cases as the oracle reads them (JSON).
    struct Cases: Codable, Sendable {
        struct PolygonCase: Codable, Sendable { var height: Int; var width: Int; var rings: [[Double]] }
        struct BoxCase: Codable, Sendable { var height: Int; var width: Int; var box: [Double] }
        /// `bits`: base64 of the column-major bytes.
        struct MaskCase: Codable, Sendable { var height: Int; var width: Int; var bits: String }
        /// An earlier result: `kind` is "polygon", "box", "mask" or "merge".
        struct Source: Codable, Sendable { var kind: String; var index: Int }
        struct MergeCase: Codable, Sendable { var sources: [Source]; var intersect: Bool }
        struct MaskIouCase: Codable, Sendable { var detections: [Source]; var groundTruths: [Source]; var crowd: [Bool] }
        struct BoxIouCase: Codable, Sendable { var detections: [[Double]]; var groundTruths: [[Double]]; var crowd: [Bool] }
        var polygons: [PolygonCase] = []
        var boxes: [BoxCase] = []
        var masks: [MaskCase] = []
        var merges: [MergeCase] = []
        var maskIous: [MaskIouCase] = []
        var boxIous: [BoxIouCase] = []
        var cocoAnnotations: String?
    }

    /// What pycocotools computed: compressed counts, area and `toBbox` (absent for 0-pixel images).
    struct Described: Decodable, Sendable {
        var counts: String?
        var area: Int?
        var bbox: [Double]?
        /// Polygons only: the exception `annToRLE` raised, and the union of the rings rasterized one by one.
        var error: String?
        var ringUnion: String?
    }

    struct Answers: Decodable, Sendable {
        var polygons: [Described]
        var boxes: [Described]
        var masks: [Described]
        var merges: [Described]
        /// Row-major (detection, ground truth) IoUs as `float.hex()` strings.
        var maskIous: [[String]]
        var boxIous: [[String]]
        /// Annotation id → `annToRLE` compressed counts, for every polygon annotation of coco128.
        var coco: [String: String]
    }

    var cases = Cases()
    /// The dense column-major masks behind `cases.masks`, as generated (any nonzero byte is foreground).
    var denseMasks: [[UInt8]] = []
    var answers: Answers?
}

/// Why the oracle could not answer.
struct OracleFailure: Error, CustomStringConvertible {
    var description: String
}

/// coco128's instances file in `../shared/data`.
let coco128Annotations = PythonOracle.sharedData.appendingPathComponent("coco128/annotations/instances_train2017.json")

/// The batch (seed 2025) with pycocotools' answers, computed once per test process.
let maskOperationBatch: Result<MaskOperationBatch, OracleFailure> = {
    var generator = MaskCaseGenerator(seed: 2025)
    var batch = generator.batch()
    batch.cases.cocoAnnotations = coco128Annotations.path
    do {
        batch.answers = try runOracle(batch.cases)
        return .success(batch)
    } catch let failure as OracleFailure {
        return .failure(failure)
    } catch {
        return .failure(OracleFailure(description: "\(error)"))
    }
}()

/// Runs `$LOUPE_PYTHON tests/oracles/coco_mask_ops_oracle.py cases.json` once and decodes its answers.
private func runOracle(_ cases: MaskOperationBatch.Cases) throws -> MaskOperationBatch.Answers {
    do {
        let data = try PythonOracle.run(script: "coco_mask_ops_oracle.py", input: try JSONEncoder().encode(cases),
                                        reference: "pycocotools 2.0.11")
        return try JSONDecoder().decode(MaskOperationBatch.Answers.self, from: data)
    } catch let failure as PythonOracle.Failure {
        throw OracleFailure(description: failure.description)
    }
}

/// Draws the cases: scenes of one image size each, with polygons, boxes and masks, merges and IoU
/// matrices among them, plus box IoU matrices.
struct MaskCaseGenerator {
    var random: RunLengthMaskTests.SeededGenerator
    private var result = MaskOperationBatch()

    init(seed: UInt64) { random = RunLengthMaskTests.SeededGenerator(state: seed) }

    /// Image sizes (height, width): tiny, odd, usual, huge, and empty ones (rasterization only; not
    /// width 0 alone, where pycocotools' runs do not add up and its merge never returns).
    static let sizes = [(1, 1), (1, 7), (6, 1), (2, 3), (5, 7), (17, 13), (40, 60), (100, 150), (333, 500), (480, 640),
                        (640, 480), (1000, 1), (3000, 4000), (10000, 200), (0, 5), (0, 0)]

    mutating func batch() -> MaskOperationBatch {
        for scene in 0..<40 {
            let (height, width) = Self.sizes[scene < Self.sizes.count ? scene : Int.random(in: 0..<13, using: &random)]
            addScene(height: height, width: width)
        }
        for _ in 0..<40 { addBoxIou() }
        return result
    }

    private mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    /// A coordinate in `range`, sometimes on a grid that hits the rasterizer's ties (whole, half, tenth pixels, fifths ± .5).
    private mutating func coordinate(_ range: ClosedRange<Double>) -> Double {
        quantized(Double.random(in: range, using: &random))
    }

    private mutating func quantized(_ value: Double) -> Double {
        switch int(0...5) {
        case 0: return value
        case 1: return (value * 100).rounded() / 100
        case 2: return (value * 10).rounded() / 10
        case 3: return (value * 2).rounded() / 2
        case 4: return value.rounded()
        default: return ((value * 5).rounded() + 0.5) / 5
        }
    }

    private mutating func addScene(height: Int, width: Int) {
        let h = Double(max(height, 1)), w = Double(max(width, 1))
        var sources: [MaskOperationBatch.Cases.Source] = []
        for _ in 0..<int(5...8) {
            var rings = (0..<(chance(0.3) ? int(2...3) : 1)).map { _ in ring(h: h, w: w) }
            if chance(0.1) { rings[0] = Array(rings[0].prefix(chance(0.5) ? 4 : int(0...5))) }  // pycocotools' first-ring trap
            if chance(0.1) { rings.append(Array(ring(h: h, w: w).prefix(int(0...5)))) }  // short or odd later ring
            if chance(0.03) { rings = [] }
            sources.append(.init(kind: "polygon", index: result.cases.polygons.count))
            result.cases.polygons.append(.init(height: height, width: width, rings: rings))
        }
        for _ in 0..<int(3...5) {
            sources.append(.init(kind: "box", index: result.cases.boxes.count))
            result.cases.boxes.append(.init(height: height, width: width, box: box(h: h, w: w)))
        }
        guard height > 0, width > 0 else { return }
        if height * width <= 400_000 {
            for _ in 0..<int(1...3) {
                let mask = denseMask(height: height, width: width)
                sources.append(.init(kind: "mask", index: result.cases.masks.count))
                result.denseMasks.append(mask)
                result.cases.masks.append(.init(height: height, width: width, bits: Data(mask).base64EncodedString()))
            }
        }
        for _ in 0..<int(2...3) {
            let picked = (0..<int(1...5)).map { _ in sources[int(0...(sources.count - 1))] }
            sources.append(.init(kind: "merge", index: result.cases.merges.count))
            result.cases.merges.append(.init(sources: picked, intersect: chance(0.5)))
        }
        let detections = (0..<int(0...6)).map { _ in sources[int(0...(sources.count - 1))] }
        let truths = (0..<int(0...6)).map { _ in sources[int(0...(sources.count - 1))] }
        result.cases.maskIous.append(.init(detections: detections, groundTruths: truths, crowd: truths.map { _ in chance(0.3) }))
    }

    /// One ring: concave star, random (self-intersecting) points, an axis-aligned grid shape, or a degenerate one.
    private mutating func ring(h: Double, w: Double) -> [Double] {
        var points: [(Double, Double)] = []
        switch int(0...3) {
        case 0:
            let cx = coordinate(-0.1 * w...1.1 * w), cy = coordinate(-0.1 * h...1.1 * h)
            let radius = Double.random(in: 0.5...(0.6 * max(h, w) + 1), using: &random)
            let angles = (0..<int(3...14)).map { _ in Double.random(in: 0..<(2 * Double.pi), using: &random) }.sorted()
            for angle in angles {
                let r = radius * Double.random(in: 0.2...1, using: &random)
                points.append((quantized(cx + r * cos(angle)), quantized(cy + r * sin(angle))))
            }
        case 1:
            for _ in 0..<int(3...10) { points.append((coordinate(-0.3 * w...1.3 * w), coordinate(-0.3 * h...1.3 * h))) }
        case 2:
            let x0 = coordinate(-2...w), y0 = coordinate(-2...h)
            let x1 = x0 + coordinate(0...w / 2 + 1), y1 = y0 + coordinate(0...h / 2 + 1)
            points = [(x0, y0), (x1, y0), (x1, y1), ((x0 + x1) / 2, (y0 + y1) / 2), (x0, y1)]
        default:
            let x = coordinate(-1...w + 1), y = coordinate(-1...h + 1)
            points = [(x, y), (x, y), (x + coordinate(0...3), y), (x + coordinate(0...3), y + coordinate(0...2)), (x, y)]
        }
        return points.flatMap { [$0.0, $0.1] }
    }

    /// `[x, y, w, h]`: fractional, out of the image, zero-sized or covering it all.
    private mutating func box(h: Double, w: Double) -> [Double] {
        if chance(0.05) { return [-3, -3, w + 6, h + 6] }
        let x = coordinate(-0.3 * w...1.1 * w), y = coordinate(-0.3 * h...1.1 * h)
        let width = chance(0.1) ? 0 : coordinate(0...0.8 * w + 1), height = chance(0.1) ? 0 : coordinate(0...0.8 * h + 1)
        return [x, y, width, height]
    }

    /// Random rectangles and noise in one foreground value (1, 255 or 7); sometimes empty or full.
    private mutating func denseMask(height: Int, width: Int) -> [UInt8] {
        let value: UInt8 = [1, 255, 7][int(0...2)]
        if chance(0.08) { return [UInt8](repeating: chance(0.5) ? 0 : value, count: height * width) }
        var mask = [UInt8](repeating: 0, count: height * width)
        for _ in 0..<int(1...4) {
            let x0 = int(0...(width - 1)), y0 = int(0...(height - 1))
            let x1 = int(x0...(width - 1)), y1 = int(y0...(height - 1))
            for x in x0...x1 { for y in y0...y1 { mask[x * height + y] = value } }
        }
        let noise = chance(0.5) ? 0.02 : 0
        if noise > 0 { for i in mask.indices where chance(noise) { mask[i] = mask[i] == 0 ? value : 0 } }
        if chance(0.3) { mask[0] = value }
        return mask
    }

    private mutating func addBoxIou() {
        let scale = [1.0, 10, 640][int(0...2)]
        var pool = (0..<int(1...6)).map { _ in box(h: scale, w: scale) }
        pool.append(pool[0])  // an identical pair
        pool.append([pool[0][0] + pool[0][2], pool[0][1], 2, pool[0][3]])  // touching on an edge
        let detections = (0..<int(0...8)).map { _ in pool[int(0...(pool.count - 1))] }
        let truths = (0..<int(0...8)).map { _ in pool[int(0...(pool.count - 1))] }
        result.cases.boxIous.append(.init(detections: detections, groundTruths: truths, crowd: truths.map { _ in chance(0.3) }))
    }
}
