extension Selection {
    /// Class- (or slice-) deficit balancing: fill each group's quota of new labels, as a budget
    /// planner asked for it (`LabelingBudgetPlan`), with that group's most uncertain pool rows.
    ///
    /// Pool rows are grouped by `groups[row]` (the predicted class, or a slice id) and sorted within
    /// a group by uncertainty (descending, ties to the lower index). Group `g` takes its first
    /// `min(quotas[g], its pool rows)` rows. The quota rows are interleaved so that any prefix of
    /// the result stays balanced: each next row goes to the group whose quota is least filled by
    /// share `taken / quota` (ties to the larger quota, then the lower group id). When the
    /// quotas are filled (or their groups run out of rows) and budget remains, the rest of the
    /// pool follows by uncertainty (descending, ties to the lower index), so a budget beyond the
    /// pool returns the whole pool. A group id outside `0..<quotas.count` has no quota: its rows
    /// only appear in that remainder.
    ///
    /// Order and score: quota rows first, in the interleaved order, then the remainder. Score
    /// and component `"uncertainty"`: the row's uncertainty; components `"group"` and `"in_quota"`
    /// (1 or 0). Reason, e.g. "fills dog's deficit (2 of 5), uncertainty 0.71" or "beyond the
    /// quotas (dog), uncertainty 0.3".
    /// - Parameters:
    ///   - groups: one group id per input row.
    ///   - quotas: the new labels wanted per group id, each ≥ 0.
    ///   - uncertainty: one finite score per input row, larger is more uncertain.
    ///   - groupNames: names for the reasons (`"class g"` when absent or too short).
    /// - Throws: `SelectionInputError` for a negative quota, lengths that differ, an uncertainty
    ///   that is not finite, a bad pool or a negative budget.
    /// - Complexity: O(p log p + budget · G) for `G` groups.
    /// - Reference: class-balanced active learning in the sense of Aggarwal et al., "Active
    ///   Learning for Imbalanced Datasets" (WACV 2020); quotas from greedy marginal allocation
    ///   (Fox 1966), see `LabelingBudgetPlan`.
    public static func classBalanced(groups: [Int], quotas: [Int], uncertainty: [Double], pool: [Int], budget: Int,
                                     groupNames: [String]? = nil) throws(SelectionInputError) -> [SelectedRow] {
        try checkFinite(uncertainty, rowCount: groups.count, name: "uncertainty")
        try check(pool: pool, rowCount: groups.count, budget: budget)
        if let g = quotas.firstIndex(where: { $0 < 0 }) {
            throw SelectionInputError(reason: "the quota of \(className(g, groupNames)) is negative: \(quotas[g])")
        }
        let byUncertainty: (Int, Int) -> Bool = { uncertainty[$0] != uncertainty[$1] ? uncertainty[$0] > uncertainty[$1] : $0 < $1 }
        var members = [[Int]](repeating: [], count: quotas.count)
        for row in pool where groups[row] >= 0 && groups[row] < quotas.count { members[groups[row]].append(row) }
        members = members.map { $0.sorted(by: byUncertainty) }
        let targets = quotas.indices.map { min(quotas[$0], members[$0].count) }
        var taken = [Int](repeating: 0, count: quotas.count)
        var inQuota = Set<Int>()
        var result: [SelectedRow] = []
        let count = min(budget, pool.count)
        result.reserveCapacity(count)
        func row(_ index: Int, quota: Bool, reason: String) -> SelectedRow {
            let u = uncertainty[index]
            return SelectedRow(index: index, score: u,
                               components: [.init(name: "uncertainty", value: u), .init(name: "group", value: Double(groups[index])),
                                            .init(name: "in_quota", value: quota ? 1 : 0)],
                               reason: reason + ", uncertainty \(format(u))")
        }
        while result.count < count {
            var next = -1
            for g in quotas.indices where taken[g] < targets[g] {
                guard next >= 0 else { next = g; continue }
                // Least filled share first: taken[g]/quotas[g] < taken[next]/quotas[next].
                let left = taken[g] * quotas[next], right = taken[next] * quotas[g]
                if left < right || (left == right && quotas[g] > quotas[next]) { next = g }
            }
            guard next >= 0 else { break }
            let chosen = members[next][taken[next]]
            taken[next] += 1
            inQuota.insert(chosen)
            result.append(row(chosen, quota: true,
                              reason: "fills \(className(next, groupNames))'s deficit (\(taken[next]) of \(quotas[next]))"))
        }
        if result.count < count {
            for index in pool.filter({ !inQuota.contains($0) }).sorted(by: byUncertainty).prefix(count - result.count) {
                result.append(row(index, quota: false, reason: "beyond the quotas (\(className(groups[index], groupNames)))"))
            }
        }
        return result
    }

    /// The quota per group for `classBalanced` from a budget plan: for each of `groupNames`, the
    /// labels the plan allocates to the group of that name (0 for an unplannable or absent group).
    /// - Complexity: O(G + allocations).
    public static func quotas(from plan: LabelingBudgetPlan, groupNames: [String]) -> [Int] {
        var added: [String: Int] = [:]
        for allocation in plan.allocations { added[allocation.name, default: 0] += allocation.addedLabels }
        return groupNames.map { added[$0] ?? 0 }
    }
}
