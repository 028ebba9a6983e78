import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `detectionOperatingCounts`: one grouped scan of the evaluation's
    /// objects (the `(evaluation, row)` index), whatever the threshold.
    public func detectionOperatingCounts(evaluationID: Int64, scoreThreshold: Double) async throws -> [DetectionOperatingCounts] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT class_id,
                       SUM(outcome = 'tp' AND score >= ?1) AS tp,
                       SUM(outcome = 'fp' AND score >= ?1) AS fp,
                       SUM(outcome IN ('tp', 'fn')) AS gt
                FROM evaluation_object WHERE evaluation_id = ?2 AND class_id IS NOT NULL
                GROUP BY class_id ORDER BY class_id
                """, arguments: [scoreThreshold, evaluationID]).map { row in
                DetectionOperatingCounts(classID: row["class_id"], truePositives: row["tp"] ?? 0,
                                         falsePositives: row["fp"] ?? 0, groundTruths: row["gt"] ?? 0)
            }
        }
    }
}
