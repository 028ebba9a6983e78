extension SliceCandidate {
    /// Candidates from metadata fields (the `MetricImportance.Field` vocabulary):
    ///
    /// - categorical: one `field = value` per distinct value, values in Swift string order;
    /// - numeric: `quantileBins` bins between the `numpy.quantile` (linear) cut points at `i / bins`
    ///   of the finite values, repeated cut points merged (a field with many equal values gets fewer
    ///   bins), each `[lower, upper)` and the last closed; NaN, infinities and `nil` are in no bin;
    /// - when `pairs` is set, the conjunction of every two single predicates of different fields.
    ///
    /// Only candidates with at least `minimumSize` rows are kept (conjunctions included). Order:
    /// singles by field order then value or bin, then conjunctions in the order of their parts.
    /// Names are the predicates' descriptions; when two bins print alike (cut points equal to four
    /// decimals) the later name gets a ` #2`, ` #3`… suffix, so names stay unique.
    /// - Precondition: every field has the same number of rows; `quantileBins ≥ 1`.
    /// - Complexity: O(F · n log n) for singles, O(S² · n) for `S` singles' conjunctions.
    public static func metadata(_ fields: [MetricImportance.Field], quantileBins: Int = 4, minimumSize: Int = 1,
                                pairs: Bool = true) -> [SliceCandidate] {
        precondition(quantileBins >= 1, "metadata candidates: quantileBins must be at least 1")
        precondition(Set(fields.map(\.count)).count <= 1, "metadata candidates: fields of different lengths")
        var singles: [(predicate: SlicePredicate, rows: [Int])] = []
        for field in fields {
            switch field.values {
            case .categorical(let values):
                var members: [String: [Int]] = [:]
                for (row, value) in values.enumerated() {
                    if let value { members[value, default: []].append(row) }
                }
                for value in members.keys.sorted() {
                    singles.append((.equals(field: field.name, value: value), members[value]!))
                }
            case .numeric(let values):
                let finite = values.compactMap { $0 }.filter(\.isFinite).sorted()
                guard !finite.isEmpty else { continue }
                var cuts: [Double] = []
                for i in 0...quantileBins {
                    let cut = Quantile.linear(sorted: finite, q: Double(i) / Double(quantileBins))!
                    if cuts.last != cut { cuts.append(cut) }
                }
                if cuts.count == 1 { cuts.append(cuts[0]) }
                for b in 0..<(cuts.count - 1) {
                    let predicate = SlicePredicate.range(field: field.name, lower: cuts[b], upper: cuts[b + 1],
                                                         includesUpper: b == cuts.count - 2)
                    let rows = values.indices.filter { values[$0].map { $0.isFinite && predicate.contains($0) } ?? false }
                    singles.append((predicate, rows))
                }
            }
        }
        var used: [String: Int] = [:]
        func unique(_ name: String) -> String {
            let seen = used[name, default: 0]
            used[name] = seen + 1
            return seen == 0 ? name : "\(name) #\(seen + 1)"
        }
        var candidates = singles.filter { $0.rows.count >= minimumSize }
            .map { SliceCandidate(name: unique($0.predicate.description), origin: .predicate($0.predicate), rows: $0.rows) }
        guard pairs else { return candidates }
        let kept = singles.filter { $0.rows.count >= minimumSize }
        for a in kept.indices {
            let rowsA = Set(kept[a].rows)
            for b in (a + 1)..<kept.count where kept[b].predicate.field != kept[a].predicate.field {
                let rows = kept[b].rows.filter(rowsA.contains)
                guard rows.count >= minimumSize else { continue }
                candidates.append(SliceCandidate(name: unique("\(kept[a].predicate) ∧ \(kept[b].predicate)"),
                                                 origin: .conjunction(kept[a].predicate, kept[b].predicate), rows: rows))
            }
        }
        return candidates
    }
}
