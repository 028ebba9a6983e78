import Foundation
import LoupeCore
import Testing

@Suite("Metric importance: which metadata field predicts the metric")
struct MetricImportanceTests {
    typealias Oracle = ScipyStatsOracle
    typealias Field = MetricImportance.Field

    @Test("a planted effect ranks first: night halves the metric, noise fields do nothing")
    func plantedEffect() throws {
        var g = SplitMix64(seed: 31)
        let n = 500
        let night = (0..<n).map { _ in g.nextUnitInterval() < 0.3 }
        let metric: [Double?] = night.map { isNight in (0.6 + 0.4 * g.nextUnitInterval()) * (isNight ? 0.5 : 1) }
        let fields = [
            Field(name: "temperature", values: .numeric((0..<n).map { _ in 40 * g.nextUnitInterval() - 10 })),
            Field(name: "camera", values: .categorical((0..<n).map { _ in "cam\(g.nextIndex(below: 8))" })),
            Field(name: "night", values: .categorical(night.map { $0 ? "true" : "false" })),
            // 40 values of about 12 rows: raw eta² is about 39/499 by chance alone.
            Field(name: "operator", values: .categorical((0..<n).map { _ in "op\(g.nextIndex(below: 40))" })),
        ]
        let ranked = MetricImportance.rank(metric: metric, fields: fields, parameters: .init(resamples: 400, seed: 1))
        #expect(ranked.map(\.name).first == "night")
        let top = try #require(ranked.first)
        #expect(try #require(top.strength) > 0.8 && top.support == n)
        guard case .categorical(let association) = top.association else { Issue.record("night is categorical"); return }
        let day = try #require(association.groups.first { $0.category == .value("false") }).mean
        let dark = try #require(association.groups.first { $0.category == .value("true") }).mean
        #expect(dark.value / day.value > 0.45 && dark.value / day.value < 0.55)
        #expect(try #require(dark.upper) < (try #require(day.lower)))
        #expect(dark.support + day.support == n && association.groups.count == 2)
        for noise in ranked.dropFirst() {
            #expect(try #require(noise.strength) < 0.2, "\(noise.name): \(String(describing: noise.strength))")
        }
        // The adjustment is what keeps the 40-valued field down.
        let op = try #require(ranked.first { $0.name == "operator" })
        guard case .categorical(let opAssociation) = op.association else { Issue.record("operator is categorical"); return }
        #expect(try #require(opAssociation.etaSquared).squareRoot() > 0.2 && op.strength! < 0.15)
    }

    @Test("groups, eta², ε², rho and p equal NumPy and scipy.stats.spearmanr on 200 seeded fields")
    func matchesOracle() throws {
        var g = SplitMix64(seed: 8)
        var cases: [Oracle.Case] = []
        var results: [MetricImportance.FieldImportance] = []
        for index in 0..<200 {
            let n = index < 180 ? 1 + g.nextIndex(below: 60) : 400
            let metricStyle = g.nextIndex(below: 4)
            let metric: [Double?] = (0..<n).map { _ in
                if g.nextIndex(below: 10) == 0 { return nil }
                switch metricStyle {
                case 0: return Double(g.nextIndex(below: 2))
                case 1: return g.nextUnitInterval()
                case 2: return 0.25
                default: return Double(g.nextIndex(below: 5)) / 4
                }
            }
            let minSize = 1 + g.nextIndex(below: 6)
            let parameters = MetricImportance.Parameters(resamples: 20, seed: UInt64(index), minimumCategorySize: minSize, minimumSupport: 1)
            if index % 2 == 0 {
                // Skewed label frequencies so that some values fall under the minimum size.
                let labels: [String?] = (0..<n).map { _ in
                    g.nextIndex(below: 12) == 0 ? nil : "v\(min(g.nextIndex(below: 9), g.nextIndex(below: 9)))"
                }
                cases.append(.categorical(metric: metric, labels: labels, minSize: minSize))
                results += MetricImportance.rank(metric: metric, fields: [Field(name: "f", values: .categorical(labels))], parameters: parameters)
            } else {
                let numbers: [Double?] = (0..<n).map { row in
                    g.nextIndex(below: 12) == 0 ? nil : (metric[row] ?? 0) * Double(index % 3) + Double(g.nextIndex(below: 4 + index % 20))
                }
                cases.append(.numeric(metric: metric, numbers: numbers))
                results += MetricImportance.rank(metric: metric, fields: [Field(name: "f", values: .numeric(numbers))], parameters: parameters)
            }
        }
        let answers = try Oracle.run(cases)
        var compared = (groups: 0, eta: 0, rho: 0, p: 0)
        for (index, (result, answer)) in zip(results, answers).enumerated() {
            #expect(result.support == answer.support, "case \(index)")
            compared = try Self.compare(result, answer, index: index, counts: compared)
        }
        #expect(compared.groups > 300 && compared.eta > 60 && compared.rho > 70 && compared.p > 60, "\(compared)")
    }

    @Test("real data: 5,574 SMS, spam as the metric, length, digits, '!' and first word as fields")
    func smsSpam() throws {
        let file = PythonOracle.sharedData.appendingPathComponent("sms-spam/SMSSpamCollection.tsv")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").dropFirst()
        let rows = lines.map { line -> (spam: Bool, text: Substring) in
            let tab = line.firstIndex(of: "\t")!
            return (line[..<tab] == "spam", line[line.index(after: tab)...])
        }
        #expect(rows.count == 5574 && rows.count { $0.spam } == 747)
        let metric: [Double?] = rows.map { $0.spam ? 1 : 0 }
        let length: [Double?] = rows.map { Double($0.text.unicodeScalars.count) }
        let exclamations: [Double?] = rows.map { Double($0.text.count { $0 == "!" }) }
        let digits: [String?] = rows.map { $0.text.contains { $0.isASCII && $0.isNumber } ? "yes" : "no" }
        let firstWord: [String?] = rows.map { $0.text.split(separator: " ").first.map { String($0.lowercased()) } }
        let fields = [Field(name: "length", values: .numeric(length)), Field(name: "exclamations", values: .numeric(exclamations)),
                      Field(name: "has digit", values: .categorical(digits)), Field(name: "first word", values: .categorical(firstWord))]
        let ranked = MetricImportance.rank(metric: metric, fields: fields, parameters: .init(resamples: 200, seed: 4))
        let answers = try Oracle.run([.numeric(metric: metric, numbers: length), .numeric(metric: metric, numbers: exclamations),
                                      .categorical(metric: metric, labels: digits, minSize: 5),
                                      .categorical(metric: metric, labels: firstWord, minSize: 5)])
        var expectedStrength: [String: Double] = [:]
        for (field, answer) in zip(fields, answers) {
            let result = try #require(ranked.first { $0.name == field.name })
            _ = try Self.compare(result, answer, index: 0, counts: (0, 0, 0, 0))
            expectedStrength[field.name] = try answer.rho.map(abs) ?? max(0, try #require(answer.adjusted)).squareRoot()
        }
        // The order follows the oracle's strengths.
        #expect(ranked.map(\.name) == fields.map(\.name).sorted { expectedStrength[$0]! > expectedStrength[$1]! })
        #expect(ranked.allSatisfy { $0.support == 5574 } && ranked.first?.name == "has digit")
    }

    @Test("rare values are pooled; identifiers, constant metrics and thin fields get no strength")
    func edgeSemantics() throws {
        let metric: [Double?] = [1, 0, 1, 1, 0, 1, 0, 0, 1, nil]
        let labels: [String?] = ["x", "x", "x", "x", "x", "x", "y", "y", "z", "x"]
        let pooled = MetricImportance.rank(metric: metric, fields: [Field(name: "f", values: .categorical(labels))],
                                           parameters: .init(resamples: 50, minimumSupport: 1))[0]
        guard case .categorical(let groups) = pooled.association else { Issue.record("categorical"); return }
        #expect(groups.groups.map(\.category) == [.value("x"), .rare(valueCount: 2)])
        #expect(groups.groups.map(\.mean.support) == [6, 3] && groups.groups[0].mean.value == 4.0 / 6 && pooled.support == 9)
        // Every value rare: one group, no ratio. A constant metric: nothing. All absent: support 0.
        let ids = MetricImportance.rank(metric: metric, fields: [Field(name: "id", values: .categorical((0..<10).map { "row\($0)" }))])[0]
        #expect(ids.strength == nil)
        let constant = MetricImportance.rank(metric: Array(repeating: 0.1, count: 30), fields: [
            Field(name: "a", values: .numeric((0..<30).map(Double.init))),
            Field(name: "b", values: .categorical((0..<30).map { "v\($0 % 2)" })),
        ])
        #expect(constant.allSatisfy { $0.strength == nil } && constant.map(\.name) == ["a", "b"])
        guard case .categorical(let constantGroups) = constant[1].association else { Issue.record("categorical"); return }
        #expect(constantGroups.etaSquared == nil && constantGroups.groups.count == 2)
        let empty = MetricImportance.rank(metric: metric, fields: [Field(name: "e", values: .numeric(Array(repeating: nil, count: 10)))])[0]
        guard case .numeric(let emptyRho) = empty.association else { Issue.record("numeric"); return }
        #expect(empty.support == 0 && empty.strength == nil && emptyRho.rho == nil && emptyRho.pValue == nil)
        // 9 rows with both values: below the default minimum support of 10, rho is kept but unranked.
        let thin = MetricImportance.rank(metric: metric, fields: [Field(name: "t", values: .numeric((0..<10).map(Double.init)))])[0]
        guard case .numeric(let thinRho) = thin.association else { Issue.record("numeric"); return }
        #expect(thin.strength == nil && thinRho.rho?.support == 9 && thinRho.pValue != nil)
        // NaN in a numeric field counts as absent.
        let withNaN = MetricImportance.rank(metric: metric, fields: [Field(name: "t", values: .numeric([.nan] + (1..<10).map(Double.init)))])
        let withNil = MetricImportance.rank(metric: metric, fields: [Field(name: "t", values: .numeric([nil] + (1..<10).map(Double.init)))])
        #expect(withNaN == withNil && withNaN[0].support == 8)
        #expect(MetricImportance.rank(metric: metric, fields: []).isEmpty)
    }

    @Test("order: strength, then name; results are deterministic and independent of the other fields")
    func orderAndDeterminism() {
        var g = SplitMix64(seed: 2)
        let metric: [Double?] = (0..<80).map { _ in g.nextUnitInterval() }
        let signal: [Double?] = metric.map { $0! + 0.3 * g.nextUnitInterval() }
        let weak: [Double?] = metric.map { $0! + 3 * g.nextUnitInterval() }
        let fields = [Field(name: "b", values: .numeric(signal)), Field(name: "weak", values: .numeric(weak)),
                      Field(name: "a", values: .numeric(signal)), Field(name: "none", values: .numeric(Array(repeating: 1, count: 80)))]
        let ranked = MetricImportance.rank(metric: metric, fields: fields, parameters: .init(resamples: 100, seed: 9))
        #expect(ranked.map(\.name) == ["a", "b", "weak", "none"])
        #expect(ranked == MetricImportance.rank(metric: metric, fields: fields, parameters: .init(resamples: 100, seed: 9)))
        let alone = MetricImportance.rank(metric: metric, fields: [fields[1]], parameters: .init(resamples: 100, seed: 9))
        #expect(alone[0] == ranked[2])
        let reseeded = MetricImportance.rank(metric: metric, fields: [fields[1]], parameters: .init(resamples: 100, seed: 10))
        #expect(reseeded[0].strength == alone[0].strength && reseeded[0] != alone[0])
    }

    /// Checks one result against the oracle's answer (groups, eta², ε² or rho, p); returns updated counts.
    static func compare(_ result: MetricImportance.FieldImportance, _ answer: Oracle.Answer, index: Int,
                        counts: (groups: Int, eta: Int, rho: Int, p: Int)) throws -> (groups: Int, eta: Int, rho: Int, p: Int) {
        var counts = counts
        let close: (Double?, Double?) -> Bool = { a, b in
            switch (a, b) {
            case (nil, nil): true
            case let (a?, b?): abs(a - b) <= 1e-12 * abs(b) + 1e-15
            default: false
            }
        }
        switch result.association {
        case .categorical(let association):
            let expected = try #require(answer.groups)
            #expect(association.groups.count == expected.count, "case \(index)")
            for (group, want) in zip(association.groups, expected) {
                let category: MetricImportance.Category = want.value.map { .value($0) } ?? .rare(valueCount: want.rareValues)
                #expect(group.category == category && group.mean.support == want.size, "case \(index)")
                #expect(close(group.mean.value, want.mean), "case \(index): mean \(group.mean.value) vs \(want.mean)")
                #expect(group.mean.interval.map { $0.lower <= $0.upper } ?? false)
                counts.groups += 1
            }
            // ε² = 1 − (ratio of two sums of squares ≈ 1): its error is absolute, about that of the
            // ratio (NumPy sums pairwise, Swift in order), so it is compared to 1e-13 absolute.
            let adjustedClose = switch (association.adjustedEtaSquared, answer.adjusted) {
            case (nil, nil): true
            case let (a?, b?): abs(a - b) <= 1e-13
            default: false
            }
            #expect(close(association.etaSquared, answer.etaSquared) && adjustedClose,
                    "case \(index): eta² \(String(describing: association.etaSquared)) vs \(String(describing: answer.etaSquared)), ε² \(String(describing: association.adjustedEtaSquared)) vs \(String(describing: answer.adjusted))")
            if answer.etaSquared != nil { counts.eta += 1 }
        case .numeric(let association):
            #expect(close(association.rho?.value, answer.rho), "case \(index): rho \(String(describing: association.rho)) vs \(String(describing: answer.rho))")
            if answer.rho != nil { counts.rho += 1 }
            if let rho = association.rho?.value, abs(rho) == 1 {
                #expect(association.pValue == nil || association.pValue == 0)
            } else {
                #expect(Oracle.close(association.pValue, answer.p, 1e-10), "case \(index): p \(String(describing: association.pValue)) vs \(String(describing: answer.p))")
                if answer.p != nil { counts.p += 1 }
            }
        }
        return counts
    }
}
