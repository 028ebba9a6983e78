import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoupeCatalog
import LoupeCore
import LoupeServer
import Testing

/// The labeling routes end to end: a project with five pre-labelled rows, one labeler accepting
/// three, editing one box and rejecting one, a reviewer, and the analytics.
@Suite("labeling projects over the API")
struct LabelingAPITests {
    static let carBox = BoundingBox(x: 10, y: 10, width: 20, height: 20)

    /// Dataset `street` (car, person), rows r0…r4, run `det/r1` with a car box scoring 0.9 on each.
    /// With tokens ann and bob (labelers), ed (editor) and vi (viewer): their `Authorization` values by name.
    static func workspace() async throws -> (ServerWorkspace, [String: String]) {
        let workspace = try ServerWorkspace()
        let store = workspace.store
        let rows = (0..<5).map { DataRow(key: "r\($0)", uri: "r\($0).jpg", width: 100, height: 100) }
        _ = try await store.apply(ImportBatch(source: "street", classes: [ClassSpec(name: "car"), ClassSpec(name: "person")], rows: rows),
                                  toDataset: "street", options: ImportOptions())
        let predictions = (0..<5).map { PredictionSpec(rowKey: "r\($0)", className: "car", geometry: .box(carBox), score: 0.9) }
        _ = try await store.apply(ImportBatch(source: "r1", predictions: predictions), toDataset: "street",
                                  options: ImportOptions(modelName: "det", modelTask: .detection, runName: "r1"))
        var secrets: [String: String] = [:]
        for (name, role) in [("ann", TokenRole.labeler), ("bob", .labeler), ("ed", .editor), ("vi", .viewer)] {
            let secret = TokenSecret.generate()
            _ = try await store.createAPIToken(name: name, role: role, secretHash: secret.hash)
            secrets[name] = "Bearer \(secret.text)"
        }
        return (workspace, secrets)
    }

    static func headers(_ value: String) -> HTTPFields {
        var fields = HTTPFields()
        fields[.authorization] = value
        return fields
    }

    @Test("create, add, claim, submit with pre-labels, review and analytics; 403, 404 and 409 where they belong")
    func endToEnd() async throws {
        let (workspace, secrets) = try await Self.workspace()
        let ann = Self.headers(secrets["ann"]!), bob = Self.headers(secrets["bob"]!)
        let editor = Self.headers(secrets["ed"]!), viewer = Self.headers(secrets["vi"]!)
        let base = "/api/v1/datasets/street/labeling-projects"
        try await withServer(workspace) { client in
            let create = #"{"name": "cars", "run": "det/r1", "score_threshold": 0.5}"#
            #expect(try await client.send(base, method: .post, headers: ann, body: create).status == .forbidden)
            let created = try await client.send(base, method: .post, headers: editor, body: create)
            #expect(created.status == .created)
            #expect(try created.json["run"] as? String == "det/r1")
            #expect(try await client.send(base, method: .post, headers: editor, body: create).status == .conflict)
            #expect(try await client.send("\(base)/nope", headers: viewer).status == .notFound)
            #expect(try await client.send("\(base)/nope/claim", method: .post, headers: ann).status == .notFound)

            let added = try await client.send("\(base)/cars/items", method: .post, headers: editor,
                                              body: #"{"filter": "key ~ 'r'", "priority": 2, "batch": "first"}"#)
            #expect(try added.json["added"] as? Int == 5)
            let badKey = try await client.send("\(base)/cars/items", method: .post, headers: editor, body: #"{"keys": ["zz"]}"#)
            #expect(badKey.status == .badRequest)

            // Submitting an item nobody claimed, or one another labeler holds, is a conflict.
            #expect(try await client.send("\(base)/cars/items/r0/submit", method: .post, headers: ann,
                                          body: #"{"objects": [], "seconds": 1}"#).status == .conflict)
            for index in 0..<5 {
                let claimed = try await client.send("\(base)/cars/claim", method: .post, headers: ann)
                #expect(claimed.status == .ok)
                let key = try #require(try claimed.json["key"] as? String)
                #expect(key == "r\(index)", "equal priorities go in id order")
                if index == 0 {
                    #expect(try await client.send("\(base)/cars/items/r0/submit", method: .post, headers: bob,
                                                  body: #"{"objects": [], "seconds": 1}"#).status == .conflict)
                }
                let item = try await client.send("\(base)/cars/items/\(key)", headers: viewer).json
                let prelabels = try #require(item["prelabels"] as? [[String: Any]])
                #expect(prelabels.count == 1 && item["status"] as? String == "in_progress" && item["assignee"] as? String == "ann")
                let prelabel = try #require(prelabels[0]["id"] as? Int)
                let body = switch index {
                case 3: #"{"objects": [{"class_name": "car", "box": [10, 10, 20, 10], "prelabel": \#(prelabel)}], "seconds": 6}"#
                case 4: #"{"objects": [], "rejected": [\#(prelabel)], "seconds": 2}"#
                default: #"{"objects": [{"class_name": "car", "box": [10, 10, 20, 20], "prelabel": \#(prelabel)}], "seconds": 3}"#
                }
                let submitted = try await client.send("\(base)/cars/items/\(key)/submit", method: .post, headers: ann, body: body)
                #expect(submitted.status == .ok, "\(String(decoding: submitted.body, as: UTF8.self))")
                #expect(try submitted.json["label_version"] as? Int == 1)
            }
            #expect(try await client.send("\(base)/cars/claim", method: .post, headers: bob).status == .noContent)

            let analytics = try await client.send("\(base)/cars/analytics", headers: viewer).json
            let perClass = try #require(analytics["per_class"] as? [[String: Any]])
            #expect(perClass.count == 1 && perClass[0]["class_name"] as? String == "car")
            #expect(perClass[0]["accepted"] as? Int == 3 && perClass[0]["edited"] as? Int == 1 && perClass[0]["deleted"] as? Int == 1)
            #expect(perClass[0]["added"] as? Int == 0 && perClass[0]["mean_edit_iou"] as? Double == 0.5)
            #expect(analytics["items_submitted"] as? Int == 5 && analytics["total_seconds"] as? Double == 17)

            // The edited box is the row's ground truth now.
            let dataset = try #require(try await workspace.store.dataset(named: "street"))
            let r3 = try #require(try await workspace.store.row(datasetID: dataset.id, key: "r3"))
            #expect(try await workspace.store.annotations(rowID: r3.id!).map(\.geometry) == [.box(BoundingBox(x: 10, y: 10, width: 20, height: 10))])

            // Review: labelers may not; approve one, send one back, which returns to its labeler.
            #expect(try await client.send("\(base)/cars/items/r3/review", method: .post, headers: ann,
                                          body: #"{"approve": true}"#).status == .forbidden)
            let approved = try await client.send("\(base)/cars/items/r3/review", method: .post, headers: editor, body: #"{"approve": true}"#)
            #expect(try approved.json["status"] as? String == "reviewed" && approved.json["reviewer"] as? String == "ed")
            #expect(try await client.send("\(base)/cars/items/r3/review", method: .post, headers: editor,
                                          body: #"{"approve": true}"#).status == .conflict)
            let sentBack = try await client.send("\(base)/cars/items/r4/review", method: .post, headers: editor,
                                                 body: #"{"approve": false, "note": "there is a car"}"#)
            #expect(try sentBack.json["status"] as? String == "rework" && sentBack.json["review_note"] as? String == "there is a car")
            #expect(try await client.send("\(base)/cars/claim", method: .post, headers: bob).status == .noContent)
            #expect(try await client.send("\(base)/cars/claim", method: .post, headers: ann).json["key"] as? String == "r4")

            let project = try await client.send("\(base)/cars", headers: viewer).json
            let counts = try #require(project["counts"] as? [String: Int])
            #expect(counts == ["queued": 0, "in_progress": 1, "submitted": 3, "reviewed": 1, "rework": 0])
            let list = try await client.send(base, headers: viewer).json
            #expect((list["projects"] as? [[String: Any]])?.map { $0["name"] as? String } == ["cars"])
        }
    }
}
