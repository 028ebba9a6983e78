import GRDB

extension SQLiteStore {
    /// The tables whose planner statistics writes refresh.
    enum AnalyzedTable: String {
        case dataRow = "data_row"
        case evaluationRow = "evaluation_row"
    }

    /// Refreshes SQLite's planner statistics of `table` (`ANALYZE`) after a write that changed
    /// `changedRows` of its rows, when they are at least 1,000 and a tenth of the table.
    ///
    /// How many rows a metadata value or a run-metric range selects decides which index a
    /// filter should start from: with `meta.camera = "gopro" and meta.brightness < 0.5` on a
    /// million rows, starting from the camera index counts in a fifth of the time the brightness
    /// range takes, and SQLite only knows that from `sqlite_stat1`. Analyzing a million-row
    /// table with its indexes takes about half a second, so small writes skip it.
    static func refreshPlannerStatistics(of table: AnalyzedTable, changedRows: Int, _ db: Database) throws {
        guard changedRows >= 1000 else { return }
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.rawValue)") ?? 0
        if changedRows * 10 >= total { try db.execute(sql: "ANALYZE \(table.rawValue)") }
    }
}
