import Foundation
import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `createLabelingProject`.
    public func createLabelingProject(datasetID: Int64, name: String, prelabelRunID: Int64?,
                                      scoreThreshold: Double) async throws -> LabelingProject {
        guard !name.isEmpty else { throw StoreError.invalid("a labeling project needs a name") }
        guard scoreThreshold.isFinite else { throw StoreError.invalid("the score threshold must be a finite number") }
        return try await write(changesData: false) { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM labeling_project WHERE dataset_id = ? AND name = ?)",
                                 arguments: [datasetID, name]) == true {
                throw StoreError.alreadyExists("the dataset already has a labeling project named \(name)")
            }
            let created = Date()
            try db.execute(sql: """
                INSERT INTO labeling_project (dataset_id, name, prelabel_run_id, score_threshold, created_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [datasetID, name, prelabelRunID, scoreThreshold, created.timeIntervalSince1970])
            return LabelingProject(id: db.lastInsertedRowID, datasetID: datasetID, name: name, prelabelRunID: prelabelRunID,
                                   scoreThreshold: scoreThreshold, createdAt: created)
        }
    }

    /// The `Store` requirement `labelingProjects`.
    public func labelingProjects(datasetID: Int64) async throws -> [LabelingProject] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM labeling_project WHERE dataset_id = ? ORDER BY name", arguments: [datasetID]).map { row in
                LabelingProject(id: row["id"], datasetID: row["dataset_id"], name: row["name"], prelabelRunID: row["prelabel_run_id"],
                                scoreThreshold: row["score_threshold"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
            }
        }
    }

    /// The `Store` requirement `addLabelingItems`.
    public func addLabelingItems(projectID: Int64, items: [LabelingItemSpec], batch: String,
                                 reprioritize: Bool) async throws -> LabelingBatchResult {
        try await write(changesData: false) { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM labeling_project WHERE id = ?)", arguments: [projectID]) == true else {
                throw StoreError.notFound("no labeling project with id \(projectID)")
            }
            let now = Date().timeIntervalSince1970
            let insert = try BulkStatement(db, sql: """
                INSERT INTO labeling_item (project_id, row_id, priority, batch, added_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (project_id, row_id) DO NOTHING
                """)
            let update = try db.makeStatement(sql: """
                UPDATE labeling_item SET priority = ?, batch = ? WHERE project_id = ? AND row_id = ? AND (priority <> ? OR batch <> ?)
                """)
            var result = LabelingBatchResult(added: 0, updated: 0, unchanged: 0)
            var seen = Set<Int64>()
            for item in items where seen.insert(item.rowID).inserted {
                insert.bind(1, projectID)
                insert.bind(2, item.rowID)
                insert.bind(3, Int64(item.priority))
                insert.bind(4, batch)
                insert.bind(5, now)
                do {
                    _ = try insert.step()
                } catch let error as StoreError {
                    throw StoreError.invalid("row \(item.rowID): \(error.message)")
                }
                if db.changesCount > 0 {
                    result.added += 1
                } else if reprioritize {
                    try update.execute(arguments: [item.priority, batch, projectID, item.rowID, item.priority, batch])
                    if db.changesCount > 0 { result.updated += 1 } else { result.unchanged += 1 }
                } else {
                    result.unchanged += 1
                }
            }
            return result
        }
    }

    /// The `Store` requirement `claimLabelingItem`: one write transaction (SQLite has one writer
    /// at a time), so two claims never see the same queued item.
    public func claimLabelingItem(projectID: Int64, assignee: String) async throws -> LabelingItem? {
        guard !assignee.isEmpty else { throw StoreError.invalid("a claim needs an assignee") }
        return try await write(changesData: false) { db in
            if let held = try Self.labelingItem(db, where: "i.project_id = ? AND i.status = 'in_progress' AND i.assignee = ?",
                                                arguments: [projectID, assignee]) {
                return held
            }
            let next = try Int64.fetchOne(db, sql: """
                SELECT id FROM labeling_item WHERE project_id = ? AND status = 'rework' AND assignee = ? ORDER BY priority DESC, id LIMIT 1
                """, arguments: [projectID, assignee])
                ?? Int64.fetchOne(db, sql: """
                    SELECT id FROM labeling_item WHERE project_id = ? AND status = 'queued' ORDER BY priority DESC, id LIMIT 1
                    """, arguments: [projectID])
            guard let next else { return nil }
            try db.execute(sql: "UPDATE labeling_item SET status = 'in_progress', assignee = ?, claimed_at = ? WHERE id = ?",
                           arguments: [assignee, Date().timeIntervalSince1970, next])
            return try Self.labelingItem(db, where: "i.id = ?", arguments: [next])
        }
    }

    /// The `Store` requirement `labelingItem(projectID:rowID:)`.
    public func labelingItem(projectID: Int64, rowID: Int64) async throws -> LabelingItem? {
        try await read { db in try Self.labelingItem(db, where: "i.project_id = ? AND i.row_id = ?", arguments: [projectID, rowID]) }
    }

    /// The `Store` requirement `labelingItems(projectID:status:)`.
    public func labelingItems(projectID: Int64, status: LabelingStatus?) async throws -> [LabelingItem] {
        try await read { db in
            let condition = status == nil ? "" : " AND i.status = ?"
            var arguments: StatementArguments = [projectID]
            if let status { arguments += [status.rawValue] }
            return try Row.fetchAll(db, sql: "\(Self.labelingItemSelect) WHERE i.project_id = ?\(condition) ORDER BY i.id",
                                    arguments: arguments).map(Self.labelingItem)
        }
    }

    /// The `Store` requirement `submitLabelingItem`.
    public func submitLabelingItem(_ draft: LabelingSubmissionDraft) async throws -> LabelingSubmission {
        guard draft.seconds.isFinite, draft.seconds >= 0 else { throw StoreError.invalid("seconds spent must be a finite number >= 0") }
        return try await write { db in
            guard let item = try Self.labelingItem(db, where: "i.id = ?", arguments: [draft.itemID]) else {
                throw StoreError.notFound("no labeling item with id \(draft.itemID)")
            }
            guard item.status == .inProgress, item.assignee == draft.labeler else {
                let holder = item.assignee.map { " held by \($0)" } ?? ""
                throw StoreError.conflict("item \(item.key) is \(item.status.rawValue)\(holder); only its assignee may submit it while it is in progress")
            }
            let current = try Int.fetchOne(db, sql: "SELECT label_version FROM data_row WHERE id = ?", arguments: [item.rowID]) ?? 0
            let version = current + 1
            try db.execute(sql: "UPDATE data_row SET label_version = ? WHERE id = ?", arguments: [version, item.rowID])
            let insert = try AnnotationInsert(db)
            for var annotation in draft.annotations {
                annotation.rowID = item.rowID
                annotation.labelVersion = version
                annotation.author = annotation.author ?? draft.labeler
                _ = try insert.execute(annotation)
            }
            let now = Date()
            try db.execute(sql: """
                INSERT INTO labeling_submission (item_id, labeler, label_version, object_count, seconds, prelabel_run_id, submitted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [item.id, draft.labeler, version, draft.annotations.count, draft.seconds, draft.prelabelRunID,
                                 now.timeIntervalSince1970])
            let submissionID = db.lastInsertedRowID
            let outcome = try db.makeStatement(sql: """
                INSERT INTO labeling_object_outcome (submission_id, outcome, prediction_id, class_id, final_class_id, iou) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for entry in draft.outcomes {
                try outcome.execute(arguments: [submissionID, entry.kind.rawValue, entry.predictionID, entry.classID, entry.finalClassID, entry.iou])
            }
            try db.execute(sql: "UPDATE labeling_item SET status = 'submitted', submitted_at = ? WHERE id = ?",
                           arguments: [now.timeIntervalSince1970, item.id])
            return LabelingSubmission(id: submissionID, itemID: item.id, rowID: item.rowID, labeler: draft.labeler, labelVersion: version,
                                      objectCount: draft.annotations.count, seconds: draft.seconds, prelabelRunID: draft.prelabelRunID,
                                      submittedAt: now, outcomes: draft.outcomes)
        }
    }

    /// The `Store` requirement `reviewLabelingItem`.
    public func reviewLabelingItem(itemID: Int64, reviewer: String, approve: Bool, note: String?) async throws -> LabelingItem {
        guard !reviewer.isEmpty else { throw StoreError.invalid("a review needs a reviewer") }
        return try await write(changesData: false) { db in
            guard let item = try Self.labelingItem(db, where: "i.id = ?", arguments: [itemID]) else {
                throw StoreError.notFound("no labeling item with id \(itemID)")
            }
            guard item.status == .submitted else {
                throw StoreError.conflict("item \(item.key) is \(item.status.rawValue); only a submitted item can be reviewed")
            }
            try db.execute(sql: "UPDATE labeling_item SET status = ?, reviewer = ?, reviewed_at = ?, review_note = ? WHERE id = ?",
                           arguments: [(approve ? LabelingStatus.reviewed : .rework).rawValue, reviewer, Date().timeIntervalSince1970,
                                       note, itemID])
            return try Self.labelingItem(db, where: "i.id = ?", arguments: [itemID])!
        }
    }

    /// The `Store` requirement `labelingStatusCounts`.
    public func labelingStatusCounts(projectID: Int64) async throws -> [LabelingStatus: Int] {
        try await read { db in
            var counts = Dictionary(uniqueKeysWithValues: LabelingStatus.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) FROM labeling_item WHERE project_id = ? GROUP BY status",
                                        arguments: [projectID]) {
                if let status = LabelingStatus(rawValue: row[0]) { counts[status] = row[1] }
            }
            return counts
        }
    }

    /// The `Store` requirement `labelingSubmissions`.
    public func labelingSubmissions(projectID: Int64) async throws -> [LabelingSubmission] {
        try await read { db in
            var outcomes: [Int64: [LabelingObjectOutcome]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT o.* FROM labeling_object_outcome o JOIN labeling_submission s ON s.id = o.submission_id
                JOIN labeling_item i ON i.id = s.item_id WHERE i.project_id = ? ORDER BY o.rowid
                """, arguments: [projectID]) {
                guard let kind = LabelingObjectOutcome.Kind(rawValue: row["outcome"]) else { continue }
                outcomes[row["submission_id"], default: []].append(LabelingObjectOutcome(
                    kind: kind, predictionID: row["prediction_id"], classID: row["class_id"], finalClassID: row["final_class_id"], iou: row["iou"]))
            }
            return try Row.fetchAll(db, sql: """
                SELECT s.*, i.row_id FROM labeling_submission s JOIN labeling_item i ON i.id = s.item_id
                WHERE i.project_id = ? ORDER BY s.id
                """, arguments: [projectID]).map { row in
                let id: Int64 = row["id"]
                return LabelingSubmission(id: id, itemID: row["item_id"], rowID: row["row_id"], labeler: row["labeler"],
                                          labelVersion: row["label_version"], objectCount: row["object_count"], seconds: row["seconds"],
                                          prelabelRunID: row["prelabel_run_id"], submittedAt: Date(timeIntervalSince1970: row["submitted_at"]),
                                          outcomes: outcomes[id] ?? [])
            }
        }
    }

    private static let labelingItemSelect = "SELECT i.*, r.key FROM labeling_item i JOIN data_row r ON r.id = i.row_id"

    private static func labelingItem(_ db: Database, where condition: String, arguments: StatementArguments) throws -> LabelingItem? {
        try Row.fetchOne(db, sql: "\(labelingItemSelect) WHERE \(condition) ORDER BY i.id LIMIT 1", arguments: arguments).map(labelingItem)
    }

    private static func labelingItem(_ row: Row) throws -> LabelingItem {
        let statusName: String = row["status"]
        guard let status = LabelingStatus(rawValue: statusName) else { throw StoreError.invalid("unknown labeling status \(statusName)") }
        func date(_ column: String) -> Date? { (row[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
        return LabelingItem(id: row["id"], projectID: row["project_id"], rowID: row["row_id"], key: row["key"], priority: row["priority"],
                            batch: row["batch"], status: status, assignee: row["assignee"],
                            addedAt: Date(timeIntervalSince1970: row["added_at"]), claimedAt: date("claimed_at"),
                            submittedAt: date("submitted_at"), reviewedAt: date("reviewed_at"), reviewer: row["reviewer"],
                            reviewNote: row["review_note"])
    }
}
