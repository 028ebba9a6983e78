#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LoupeCore
import Testing

@Suite("Classification metrics")
struct ClassificationMetricsTests {
    // MARK: Hand-built edge cases

    @Test("a class never predicted and a class never true have nil scores; averages use zero_division=0 over present classes")
    func undefinedPerClassScores() throws {
        // K = 4: class 2 is true once but never predicted, class 3 occurs nowhere.
        let evaluation = try ClassificationEvaluation(classCount: 4, trueLabels: [0, 0, 1, 2], predictedLabels: [0, 1, 1, 1])
        let scores = evaluation.classScores
        #expect(scores[2].precision == nil && scores[2].recall == 0 && scores[2].f1 == 0)
        #expect(scores[3].precision == nil && scores[3].recall == nil && scores[3].f1 == nil)
        #expect(scores[1].precision == 1.0 / 3 && scores[1].recall == 1 && scores[1].f1 == 0.5)
        #expect(evaluation.confusion[0, 1] == 1 && evaluation.confusion.truthCounts == [2, 1, 1, 0])
        // Macro over the 3 present classes: precision (1 + 1/3 + 0) / 3; recall (1/2 + 1 + 0) / 3.
        let macro = try #require(evaluation.averagedScores(.macro))
        #expect(macro.classes == 3)
        #expect(abs(macro.precision - (1 + 1.0 / 3) / 3) < 1e-15)
        #expect(abs(macro.recall - 0.5) < 1e-15)
        #expect(evaluation.averagedScores(.micro)?.f1 == 0.5)
        #expect(evaluation.accuracy == MetricEstimate(value: 0.5, support: 4))
    }

    @Test("top-k ranks tied probabilities like sklearn: the higher class index first")
    func topKTies() throws {
        let p = try ProbabilityMatrix(rows: 3, classes: 3, values: [0.4, 0.4, 0.2, 0.4, 0.4, 0.2, 0.2, 0.4, 0.4])
        let first = try ClassificationEvaluation(classCount: 3, trueLabels: [0, 1, 1], probabilities: p)
        // Row 0 (truth 0) loses its tie to class 1; row 1 (truth 1) wins; row 2 (truth 1) loses to class 2.
        #expect(first.topKAccuracy(k: 1)?.value == 1.0 / 3)
        #expect(first.topKAccuracy(k: 2)?.value == 1)
        #expect(first.topKAccuracy(k: 5)?.value == 1)
        // The derived predictions use numpy.argmax instead: ties go to the lowest index.
        #expect(first.predictedLabels == [0, 0, 1])
    }

    @Test("log loss clips at the input precision's epsilon and is not renormalized")
    func logLossClipping() throws {
        let double = try ClassificationEvaluation(
            classCount: 2, trueLabels: [0], probabilities: ProbabilityMatrix(rows: 1, classes: 2, values: [0.0, 1.0]))
        #expect(double.logLoss?.value == -log(0x1p-52))
        let float = try ClassificationEvaluation(
            classCount: 2, trueLabels: [0], probabilities: ProbabilityMatrix(rows: 1, classes: 2, values: [Float(0), 1]))
        #expect(float.logLoss?.value == -log(0x1p-23))
        // A row that sums to 0.5 is used as given: -ln 0.25.
        let partial = try ClassificationEvaluation(
            classCount: 2, trueLabels: [1], probabilities: ProbabilityMatrix(rows: 1, classes: 2, values: [0.25, 0.25]))
        #expect(partial.logLoss?.value == -log(0.25))
    }

    @Test("Brier is halved for K = 2 only")
    func brierScaling() throws {
        let binary = try ClassificationEvaluation(
            classCount: 2, trueLabels: [1], probabilities: ProbabilityMatrix(rows: 1, classes: 2, values: [0.25, 0.75]))
        #expect(binary.brierScore?.value == 0.0625)  // ((0.25)² + (0.25)²) / 2
        let three = try ClassificationEvaluation(
            classCount: 3, trueLabels: [1], probabilities: ProbabilityMatrix(rows: 1, classes: 3, values: [0.25, 0.75, 0]))
        #expect(three.brierScore?.value == 0.125)
    }

    @Test("ranking metrics are nil for classes without positives or negatives")
    func undefinedRanking() throws {
        let p = try ProbabilityMatrix(rows: 3, classes: 3, values: [0.6, 0.3, 0.1, 0.2, 0.7, 0.1, 0.5, 0.4, 0.1])
        let evaluation = try ClassificationEvaluation(classCount: 3, trueLabels: [0, 1, 0], probabilities: p)
        let auc = try #require(evaluation.rocAUC)
        #expect(auc.perClass[2] == nil && auc.perClass[0] == 1 && auc.perClass[1] == 1)
        #expect(auc.macro?.value == 1 && auc.definedClasses == 2)
        // Scores tied between a positive and a negative count one half.
        let tied = try ClassificationEvaluation(
            classCount: 2, trueLabels: [0, 1], probabilities: ProbabilityMatrix(rows: 2, classes: 2, values: [0.5, 0.5, 0.5, 0.5]))
        #expect(tied.rocAUC?.perClass == [0.5, 0.5])
        #expect(tied.averagePrecision?.perClass == [0.5, 0.5])
        let ap = try #require(evaluation.averagePrecision)
        #expect(ap.perClass[2] == nil && ap.positives == [2, 1, 0])
        let single = try ClassificationEvaluation(classCount: 3, trueLabels: [1, 1, 1], probabilities: p)
        #expect(single.rocAUC?.macro == nil)
    }

    @Test("calibration bins are right-closed with 0 in the first bin, weighted by count")
    func calibrationEdges() throws {
        let step = 1.0 / 15
        let report = try #require(CalibrationReport(confidences: [0, step, step.nextUp, 1, 1], correct: [true, false, true, true, false]))
        #expect(report.bins.map(\.count) == [2, 1] + [Int](repeating: 0, count: 12) + [2])
        #expect(report.bins[0].meanConfidence == step / 2 && report.bins[0].accuracy == 0.5)
        #expect(report.bins[14].upperEdge == 1 && report.bins[14].accuracy == 0.5)
        // ECE = 2/5·|0.5 - step/2| + 1/5·|1 - step⁺| + 2/5·|0.5 - 1|.
        let expected = 0.4 * abs(0.5 - step / 2) + 0.2 * abs(1 - step.nextUp) + 0.4 * 0.5
        #expect(abs(report.expectedCalibrationError.value - expected) < 1e-15)
        #expect(CalibrationReport(confidences: [], correct: []) == nil)
    }

    @Test("row quantities: confidence, margin and entropy in nats")
    func rowQuantities() throws {
        let p = try ProbabilityMatrix(rows: 2, classes: 3, values: [0.5, 0.5, 0, 1, 0, 0])
        #expect(p.confidences() == [0.5, 1])
        #expect(p.margins() == [0, 1])
        #expect(p.entropies() == [-log(0.5), 0])
        let evaluation = try ClassificationEvaluation(classCount: 3, trueLabels: [1, 0], predictedLabels: [1, 2], probabilities: p)
        #expect(evaluation.correct == [true, false])
    }

    @Test("bad input is refused with its row")
    func invalidInput() throws {
        #expect(throws: ClassificationInputError.self) { try ProbabilityMatrix(rows: 1, classes: 2, values: [0.5, 1.5]) }
        #expect(throws: ClassificationInputError.self) { try ProbabilityMatrix(rows: 1, classes: 2, values: [0.5, .nan]) }
        #expect(throws: ClassificationInputError.self) { try ProbabilityMatrix(rows: 2, classes: 2, values: [0.5, 0.5]) }
        do {
            _ = try ClassificationEvaluation(classCount: 3, trueLabels: [0, 3], predictedLabels: [0, 0])
            Issue.record("expected an error")
        } catch {
            #expect(error.row == 1)
        }
        #expect(throws: ClassificationInputError.self) { try ClassificationEvaluation(classCount: 3, trueLabels: [0]) }
        let empty = try ClassificationEvaluation(classCount: 2, trueLabels: [], predictedLabels: [])
        #expect(empty.accuracy == nil && empty.averagedScores(.macro) == nil && empty.logLoss == nil)
    }

    // MARK: Seeded property test against scikit-learn 1.9.1

    @Test("200 seeded random cases equal scikit-learn 1.9.1 (NumPy for ECE) to 1e-12")
    func againstScikitLearn() throws {
        let cases = (0..<200).map { RandomCase(seed: UInt64($0)) }
        let answers = try MetricsOracle.run(cases.map(\.oracleCase), as: Answer.self)
        var compared = (probabilistic: 0, float32: 0, undefinedPrecision: 0, undefinedAUC: 0, topKTies: 0)
        for (index, (random, answer)) in zip(cases, answers).enumerated() {
            let evaluation = random.evaluation
            let context = Comment(rawValue: "case \(index): K=\(random.classCount) n=\(random.trueLabels.count) style=\(random.style)")
            #expect(MetricsOracle.close(evaluation.accuracy?.value, answer.accuracy), context)
            #expect(evaluation.confusion.counts == answer.confusion.flatMap { $0 }, context)
            for score in evaluation.classScores {
                let c = score.classIndex
                #expect(score.support == answer.perClass.support[c], context)
                #expect(MetricsOracle.close(score.precision, score.predictedCount == 0 ? nil : answer.perClass.precision[c]), context)
                #expect(MetricsOracle.close(score.recall, score.support == 0 ? nil : answer.perClass.recall[c]), context)
                let absent = score.support + score.predictedCount == 0
                #expect(MetricsOracle.close(score.f1, absent ? nil : answer.perClass.f1[c]), context)
                if score.precision == nil { compared.undefinedPrecision += 1 }
            }
            for (averaging, expected) in [(ScoreAveraging.macro, answer.macro), (.micro, answer.micro), (.weighted, answer.weighted)] {
                let averaged = try #require(evaluation.averagedScores(averaging))
                #expect(MetricsOracle.close(averaged.precision, expected[0]), context)
                #expect(MetricsOracle.close(averaged.recall, expected[1]), context)
                #expect(MetricsOracle.close(averaged.f1, expected[2]), context)
            }
            guard let probabilities = evaluation.probabilities else { continue }
            compared.probabilistic += 1
            for (k, expected) in try #require(answer.topK) {
                #expect(MetricsOracle.close(evaluation.topKAccuracy(k: Int(k)!)?.value, expected), context)
            }
            if random.style == .quantized { compared.topKTies += 1 }
            #expect(MetricsOracle.close(evaluation.logLoss?.value, answer.logLoss), context)
            if let float32 = answer.logLossFloat32 {
                // scikit-learn computes in float32 for float32 input: agreement to float32 rounding only.
                #expect(MetricsOracle.close(evaluation.logLoss!.value, float32, 1e-5), context)
                compared.float32 += 1
            }
            #expect(MetricsOracle.close(evaluation.brierScore?.value, answer.brier), context)
            let auc = try #require(evaluation.rocAUC), ap = try #require(evaluation.averagePrecision)
            for c in 0..<random.classCount {
                #expect(MetricsOracle.close(auc.perClass[c], answer.auc![c]), context)
                #expect(MetricsOracle.close(ap.perClass[c], answer.ap![c]), context)
            }
            compared.undefinedAUC += auc.perClass.count { $0 == nil }
            // sklearn's averages where it defines them (NaN otherwise); ours always equal the
            // (weighted) mean of the defined per-class values.
            for (mine, theirs) in [(auc.macro, answer.aucMacro), (auc.weighted, answer.aucWeighted),
                                   (ap.macro, answer.apMacro), (ap.weighted, answer.apWeighted)] where theirs != nil {
                #expect(MetricsOracle.close(mine?.value, theirs), context)
            }
            let definedAUC = answer.auc!.compactMap { $0 }
            #expect(MetricsOracle.close(auc.macro?.value, definedAUC.isEmpty ? nil : definedAUC.reduce(0, +) / Double(definedAUC.count)), context)
            let calibration = try #require(evaluation.calibration())
            #expect(MetricsOracle.close(calibration.expectedCalibrationError.value, answer.ece), context)
            for (bin, expected) in zip(calibration.bins, answer.bins!) {
                #expect(Double(bin.count) == expected[0]!, context)
                #expect(MetricsOracle.close(bin.meanConfidence, expected[1]), context)
                #expect(MetricsOracle.close(bin.accuracy, expected[2]), context)
            }
            for (mine, theirs) in [(probabilities.confidences(), answer.confidence!), (probabilities.margins(), answer.margin!),
                                   (probabilities.entropies(), answer.entropy!)] {
                #expect(zip(mine, theirs).allSatisfy { MetricsOracle.close($0, $1) }, context)
            }
        }
        // The generator must actually reach the edge cases it is meant to cover.
        #expect(compared.probabilistic >= 150 && compared.float32 >= 20 && compared.topKTies >= 20)
        #expect(compared.undefinedPrecision >= 50 && compared.undefinedAUC >= 20)
    }
}

// MARK: - Random cases

/// One seeded random classification run and its oracle payload.
private struct RandomCase {
    enum Style: Int, CaseIterable { case smooth, quantized, peaked, edges, float32, labelsOnly }

    let classCount: Int
    let style: Style
    let trueLabels: [Int]
    let evaluation: ClassificationEvaluation
    let probabilityRows: [[Double]]?

    init(seed: UInt64) {
        var g = SplitMix64(seed: seed &* 7919 &+ 17)
        classCount = [2, 3, 10, 10][Int(seed % 4)]
        style = Style(rawValue: Int(seed / 4) % Style.allCases.count)!
        let k = classCount
        let n = seed % 10 == 0 ? 1 + g.nextIndex(below: 5) : 20 + g.nextIndex(below: 280)
        // Sometimes only some classes occur in the truth.
        let truthClasses = g.nextIndex(below: 3) == 0 ? Array((0..<k).shuffled(using: &g).prefix(max(1, k / 2))) : Array(0..<k)
        let truth = (0..<n).map { _ in truthClasses[g.nextIndex(below: truthClasses.count)] }
        trueLabels = truth
        var rows: [[Double]] = []
        for label in truth {
            var row: [Double]
            switch style {
            case .smooth, .float32, .labelsOnly:
                row = (0..<k).map { _ in pow(g.nextUnitInterval(), 3) + 1e-3 }
                row[label] += g.nextUnitInterval() * 2
                let sum = row.reduce(0, +)
                row = row.map { $0 / sum }
            case .quantized:
                // Small integer weights: many ties, exact zeros.
                row = (0..<k).map { _ in Double(g.nextIndex(below: 4)) }
                if g.nextIndex(below: 2) == 0 { row[label] = row.max()! }
                if row.allSatisfy({ $0 == 0 }) { row[g.nextIndex(below: k)] = 1 }
                let sum = row.reduce(0, +)
                row = row.map { $0 / sum }
            case .peaked:
                // Near-certain rows: the rest share δ ∈ {0, 1e-300, 1e-17, 1e-10}.
                let delta = [0, 1e-300, 1e-17, 1e-10][g.nextIndex(below: 4)]
                let top = g.nextIndex(below: 10) < 7 ? label : g.nextIndex(below: k)
                row = [Double](repeating: delta / Double(k - 1), count: k)
                row[top] = 1 - delta
            case .edges:
                // Top confidence exactly on an ECE bin edge b/15 (at least 1/K).
                let lowest = Int((15.0 / Double(k)).rounded(.up))
                let b = lowest + g.nextIndex(below: 16 - lowest)
                let top = Double(b) * (1.0 / 15)
                row = [Double](repeating: (1 - top) / Double(k - 1), count: k)
                row[g.nextIndex(below: 2) == 0 ? label : g.nextIndex(below: k)] = top
            }
            rows.append(style == .float32 ? row.map { Double(Float($0)) } : row)
        }
        let probabilities: ProbabilityMatrix? = switch style {
        case .labelsOnly: nil
        case .float32: try! ProbabilityMatrix(rows: n, classes: k, values: rows.flatMap { $0 }.map { Float($0) })
        default: try! ProbabilityMatrix(rows: n, classes: k, values: rows.flatMap { $0 })
        }
        probabilityRows = probabilities == nil ? nil : rows
        // Predictions: the argmax, random, or confined to a few classes (others never predicted).
        var predicted: [Int]?
        switch g.nextIndex(below: 3) {
        case 0 where probabilities != nil: predicted = nil
        case 1: predicted = truth.map { g.nextIndex(below: 4) == 0 ? g.nextIndex(below: k) : $0 }
        default:
            let allowed = Array((0..<k).shuffled(using: &g).prefix(max(1, k / 3)))
            predicted = truth.map { allowed.contains($0) && g.nextIndex(below: 3) > 0 ? $0 : allowed[g.nextIndex(below: allowed.count)] }
        }
        evaluation = try! ClassificationEvaluation(classCount: k, trueLabels: truth, predictedLabels: predicted, probabilities: probabilities)
    }

    var oracleCase: OracleCase {
        OracleCase(classes: classCount, yTrue: trueLabels, yPred: evaluation.predictedLabels, proba: probabilityRows,
                   float32: style == .float32, topK: [1, 2, 3])
    }
}

private struct OracleCase: Encodable {
    var kind = "classification"
    var classes: Int
    var yTrue: [Int]
    var yPred: [Int]
    var proba: [[Double]]?
    var float32: Bool
    var topK: [Int]
}

private struct Answer: Decodable {
    struct PerClass: Decodable {
        var precision: [Double]
        var recall: [Double]
        var f1: [Double]
        var support: [Int]
    }

    var accuracy: Double
    var confusion: [[Int]]
    var perClass: PerClass
    var macro: [Double]
    var micro: [Double]
    var weighted: [Double]
    var topK: [String: Double]?
    var logLoss: Double?
    var logLossFloat32: Double?
    var brier: Double?
    var auc: [Double?]?
    var ap: [Double?]?
    var aucMacro: Double?
    var aucWeighted: Double?
    var apMacro: Double?
    var apWeighted: Double?
    var ece: Double?
    var bins: [[Double?]]?
    var confidence: [Double]?
    var margin: [Double]?
    var entropy: [Double]?
}
