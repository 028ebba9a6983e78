import Foundation
import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `saveProjection`: the old layout and its points go, the new ones
    /// come, in one transaction (a reader sees one or the other).
    public func saveProjection(spaceID: Int64, method: Projection.Method, parametersJSON: String, source: String,
                               points: [ProjectionPoint]) async throws -> Projection {
        try await write { db in
            try db.execute(sql: "DELETE FROM projection WHERE space_id = ? AND method = ?", arguments: [spaceID, method.rawValue])
            let created = Date()
            try db.execute(sql: "INSERT INTO projection (space_id, method, parameters, source, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [spaceID, method.rawValue, parametersJSON, source, created.timeIntervalSince1970])
            let id = db.lastInsertedRowID
            let insert = try BulkStatement(db, sql: "INSERT INTO projection_point (projection_id, row_id, x, y) VALUES (?, ?, ?, ?)")
            for point in points {
                guard point.x.isFinite, point.y.isFinite else { throw StoreError.invalid("projection point of row \(point.rowID) is not finite") }
                insert.bind(1, id)
                insert.bind(2, point.rowID)
                insert.bind(3, point.x)
                insert.bind(4, point.y)
                try insert.step()
            }
            return Projection(id: id, spaceID: spaceID, method: method, parametersJSON: parametersJSON, source: source, createdAt: created)
        }
    }

    /// The `Store` requirement `projection`.
    public func projection(spaceID: Int64, method: Projection.Method) async throws -> Projection? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM projection WHERE space_id = ? AND method = ?",
                             arguments: [spaceID, method.rawValue]).map { row in
                Projection(id: row["id"], spaceID: row["space_id"], method: method, parametersJSON: row["parameters"],
                           source: row["source"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
            }
        }
    }

    /// The `Store` requirement `projectionPoints`.
    public func projectionPoints(projectionID: Int64, datasetID: Int64?) async throws -> [ProjectionPoint] {
        try await read { db in
            let cursor = if let datasetID {
                try Row.fetchCursor(db, sql: """
                    SELECT p.row_id, p.x, p.y FROM projection_point p JOIN data_row r ON r.id = p.row_id
                    WHERE p.projection_id = ? AND r.dataset_id = ? ORDER BY p.row_id
                    """, arguments: [projectionID, datasetID])
            } else {
                try Row.fetchCursor(db, sql: "SELECT row_id, x, y FROM projection_point WHERE projection_id = ? ORDER BY row_id",
                                    arguments: [projectionID])
            }
            var points: [ProjectionPoint] = []
            while let row = try cursor.next() { points.append(ProjectionPoint(rowID: row[0], x: row[1], y: row[2])) }
            return points
        }
    }
}
