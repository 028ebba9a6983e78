import Foundation
import LoupeCore
import Testing

/// What `tests/oracles/coco_eval_oracle.py` prints for one case.
private struct OracleResult: Decodable {
    /// One `evalImgs` entry of the first area range.
    struct Match: Decodable {
        var imageID: Int
        var categoryID: Int
        var detectionIDs: [Int]
        var truthIDs: [Int]
        var matches: [[Int]]
        var ignored: [[Int]]

        init(from decoder: Decoder) throws {
            var container = try decoder.unkeyedContainer()
            imageID = try container.decode(Int.self)
            categoryID = try container.decode(Int.self)
            detectionIDs = try container.decode([Int].self)
            truthIDs = try container.decode([Int].self)
            matches = try container.decode([[Int]].self)
            ignored = try container.decode([[Int]].self)
        }
    }

    var stats: [Double]
    var categories: [[Double]]
    var text: String
    var shape: [Int]
    var precision: [[Double]]
    var scores: [[Double]]
    var recall: [Double]
    var matches: [Match]

    /// Expands `[[value, count], …]`.
    static func expand(_ runs: [[Double]]) -> [Double] {
        runs.flatMap { repeatElement($0[0], count: Int($0[1])) }
    }
}

/// Differences found between one case and the oracle, with the first few described.
private struct Discrepancies {
    var count = 0
    var notes: [String] = []
    var maxStatDifference = 0.0
    var exactStats = 0
    var tableValues = 0
    /// How often the cases reach the edge semantics, so that the comparison is known to cover them.
    var coverage: [String: Int] = [:]

    mutating func note(_ text: @autoclosure () -> String) {
        count += 1
        if notes.count < 12 { notes.append(text()) }
    }
}

@Suite("COCO evaluation against pycocotools")
struct COCOEvaluatorOracleTests {
    /// Several hundred seeded random cases (bbox, segm, keypoints, and pooled categories), one
    /// oracle run for the batch; stats to 1e-12 (bitwise for boxes and masks), the full
    /// precision, recall and score tables, the summary text and the first-range match records exactly.
    @Test("random cases equal pycocotools' stats, tables and matches")
    func randomCases() throws {
        var cases: [COCOOracleCase] = []
        for seed in 0..<200 { cases.append(COCORandomCaseGenerator.make(iouType: .bbox, seed: UInt64(seed))) }
        for seed in 0..<110 { cases.append(COCORandomCaseGenerator.make(iouType: .segm, seed: UInt64(seed))) }
        for seed in 0..<110 { cases.append(COCORandomCaseGenerator.make(iouType: .keypoints, seed: UInt64(seed))) }
        for seed in 0..<20 { cases.append(COCORandomCaseGenerator.make(iouType: .bbox, seed: UInt64(seed), useCategories: false)) }
        for seed in 0..<10 { cases.append(COCORandomCaseGenerator.make(iouType: .segm, seed: UInt64(seed), useCategories: false)) }
        var text = ""
        OracleJSON.array(cases.map(\.json)).write(into: &text)
        let clock = ContinuousClock(), started = clock.now
        let data = try PythonOracle.run(script: "coco_eval_oracle.py", input: text)
        let oracleTime = clock.now - started
        let expected = try JSONDecoder().decode([OracleResult].self, from: data)
        try #require(expected.count == cases.count)

        var total = Discrepancies()
        for (testCase, oracle) in zip(cases, expected) {
            var found = Discrepancies()
            try compare(testCase, oracle, &found)
            total.count += found.count
            total.notes += found.notes.prefix(3)
            total.maxStatDifference = Swift.max(total.maxStatDifference, found.maxStatDifference)
            total.exactStats += found.exactStats
            total.tableValues += found.tableValues
            total.coverage.merge(found.coverage, uniquingKeysWith: +)
        }
        let statCount = expected.reduce(0) { $0 + $1.stats.count }
        print("COCO oracle (\(oracleTime) in Python, \(clock.now - started - oracleTime) in Swift): \(cases.count) cases, \(statCount) stats (\(total.exactStats) bitwise equal, max |Δ| "
              + "\(total.maxStatDifference)), \(total.tableValues) table values compared, \(total.count) discrepancies; "
              + "coverage \(total.coverage.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        for edge in ["absent stat", "crowd match", "ignored-gt match", "id-0 match",
                     "cut detections", "tied scores", "no visible keypoint gt", "empty image", "one-sided category"] {
            #expect(total.coverage[edge, default: 0] > 0, "no random case reaches \(edge)")
        }
        #expect(total.count == 0, "\(total.notes.prefix(20).joined(separator: "\n"))")
        #expect(total.maxStatDifference <= 1e-12)
    }

    private func compare(_ testCase: COCOOracleCase, _ oracle: OracleResult, _ found: inout Discrepancies) throws {
        let name = testCase.name
        let input = try testCase.input()
        let evaluation = try COCOEvaluator(parameters: testCase.parameters).evaluate(input)
        let accumulation = evaluation.accumulate()
        let summary = accumulation.summarize()
        let p = accumulation.parameters

        let stats = summary.pycocotoolsStats
        if stats.count != oracle.stats.count { found.note("\(name): \(stats.count) stats, expected \(oracle.stats.count)") }
        for (index, (value, reference)) in zip(stats, oracle.stats).enumerated() {
            let difference = abs(value - reference)
            found.maxStatDifference = Swift.max(found.maxStatDifference, difference)
            if value == reference { found.exactStats += 1 }
            // Boxes and masks are bitwise; OKS uses the platform's exp (NumPy's AVX-512 exp may differ by an ulp).
            if testCase.iouType == .keypoints ? difference > 1e-12 : value != reference {
                found.note("\(name): stats[\(index)] = \(value), pycocotools \(reference)")
            }
        }
        for (index, category) in accumulation.categoryMetrics().enumerated() {
            let values = [category.averagePrecision, category.averagePrecision50, category.averagePrecision75,
                          category.averageRecall].map { $0 ?? -1 }
            if values != oracle.categories[index] {
                found.note("\(name): category \(index) AP/AP50/AP75/AR \(values), pycocotools \(oracle.categories[index])")
            }
        }
        found.coverage["absent stat", default: 0] += stats.filter { $0 == -1 }.count
        if summary.text != oracle.text { found.note("\(name): summary text differs:\n\(summary.text)\n---\n\(oracle.text)") }

        let (t, r, k, a, m) = (p.iouThresholds.count, p.recallThresholds.count, accumulation.categoryCount,
                               p.areaRanges.count, p.maxDetections.count)
        guard oracle.shape == [t, r, k, a, m] else {
            found.note("\(name): shape \([t, r, k, a, m]), pycocotools \(oracle.shape)")
            return
        }
        let precision = OracleResult.expand(oracle.precision), scores = OracleResult.expand(oracle.scores)
        var flat = 0, recallIndex = 0
        for tt in 0..<t {
            for kk in 0..<k {
                for aa in 0..<a {
                    for mm in 0..<m {
                        let recall = accumulation.recall(iouIndex: tt, categoryIndex: kk, areaIndex: aa, maxDetectionsIndex: mm) ?? -1
                        if recall != oracle.recall[recallIndex] {
                            found.note("\(name): recall[\(tt),\(kk),\(aa),\(mm)] = \(recall), pycocotools \(oracle.recall[recallIndex])")
                        }
                        recallIndex += 1
                        for rr in 0..<r {
                            let value = accumulation.precision(iouIndex: tt, recallIndex: rr, categoryIndex: kk, areaIndex: aa,
                                                               maxDetectionsIndex: mm) ?? -1
                            let score = accumulation.score(iouIndex: tt, recallIndex: rr, categoryIndex: kk, areaIndex: aa,
                                                           maxDetectionsIndex: mm) ?? -1
                            if value != precision[flat] {
                                found.note("\(name): precision[\(tt),\(rr),\(kk),\(aa),\(mm)] = \(value), pycocotools \(precision[flat])")
                            }
                            if score != scores[flat] {
                                found.note("\(name): scores[\(tt),\(rr),\(kk),\(aa),\(mm)] = \(score), pycocotools \(scores[flat])")
                            }
                            flat += 1
                        }
                    }
                }
            }
        }
        found.tableValues += 2 * flat + recallIndex
        compareMatches(name, input, evaluation, oracle.matches, &found)
    }

    /// pycocotools' `evalImgs` of the first area range against the match records: same cells in
    /// the same order, detection ids (`loadRes` gives `index + 1`), ground-truth ids in its
    /// ignore-last order, matched ids (0 = none) and ignore flags at every threshold.
    private func compareMatches(_ name: String, _ input: COCOEvaluationInput, _ evaluation: COCOEvaluation,
                                _ expected: [OracleResult.Match], _ found: inout Discrepancies) {
        let records = (0..<evaluation.categoryCount).flatMap { evaluation.matches(categoryIndex: $0) }
        guard records.count == expected.count else {
            found.note("\(name): \(records.count) match records, pycocotools \(expected.count)")
            return
        }
        let truthCategories = Set(input.groundTruths.map(\.categoryID))
        let detectionCategories = Set(input.detections.map(\.categoryID))
        if !truthCategories.symmetricDifference(detectionCategories).isEmpty { found.coverage["one-sided category", default: 0] += 1 }
        let busyImages = Set(input.groundTruths.map(\.imageID) + input.detections.map(\.imageID))
        if input.imageIDs.contains(where: { !busyImages.contains($0) }) { found.coverage["empty image", default: 0] += 1 }
        if input.groundTruths.contains(where: { truth in
            guard let points = truth.keypoints else { return false }
            return !stride(from: 2, to: points.count, by: 3).contains { points[$0] > 0 }
        }) {
            found.coverage["no visible keypoint gt", default: 0] += 1
        }
        for (record, entry) in zip(records, expected) {
            let where_ = "\(name) image \(entry.imageID) category \(entry.categoryID)"
            if record.imageID != entry.imageID || (record.categoryID ?? -1) != entry.categoryID {
                found.note("\(where_): record is image \(record.imageID) category \(String(describing: record.categoryID))")
                continue
            }
            if record.detections.map({ $0 + 1 }) != entry.detectionIDs { found.note("\(where_): detections differ") }
            let cellDetections = input.detections.filter { detection in
                detection.imageID == record.imageID && (record.categoryID.map { detection.categoryID == $0 } ?? true)
            }
            if cellDetections.count > record.detections.count { found.coverage["cut detections", default: 0] += 1 }
            if Set(record.scores).count < record.scores.count { found.coverage["tied scores", default: 0] += 1 }
            let order = record.groundTruths.indices.filter { !record.groundTruthIgnored[$0] }
                + record.groundTruths.indices.filter { record.groundTruthIgnored[$0] }
            if order.map({ input.groundTruths[record.groundTruths[$0]].id }) != entry.truthIDs {
                found.note("\(where_): ground truths differ")
            }
            for t in 0..<record.iouThresholds.count {
                for d in record.detections.indices {
                    let matched = record.matchedGroundTruth(detection: d, iouThresholdIndex: t)
                        .map { input.groundTruths[record.groundTruths[$0]].id } ?? 0
                    if matched != entry.matches[t][d] {
                        found.note("\(where_): detection \(d) at t=\(t) matched \(matched), pycocotools \(entry.matches[t][d])")
                    }
                    let outcome = record.outcome(detection: d, iouThresholdIndex: t)
                    if let g = record.matchedGroundTruth(detection: d, iouThresholdIndex: t) {
                        let truth = input.groundTruths[record.groundTruths[g]]
                        if truth.isCrowd { found.coverage["crowd match", default: 0] += 1 }
                        if record.groundTruthIgnored[g] { found.coverage["ignored-gt match", default: 0] += 1 }
                        if truth.id == 0 { found.coverage["id-0 match", default: 0] += 1 }
                    }
                    let ignored = outcome == .ignored ? 1 : 0
                    if ignored != entry.ignored[t][d] {
                        found.note("\(where_): detection \(d) at t=\(t) ignored \(ignored), pycocotools \(entry.ignored[t][d])")
                    }
                }
            }
        }
    }
}
