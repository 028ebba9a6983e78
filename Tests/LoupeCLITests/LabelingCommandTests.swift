import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite
import Testing

/// `loupe labeling create | add | status | export` on a small detection workspace; the submits in
/// between are made through the store, as the API makes them.
@Suite("loupe labeling")
struct LabelingCommandTests {
    @Test("create a project with pre-labels, add rows, see the status, export the submitted labels as COCO and JSONL")
    func lifecycle() async throws {
        let folder = try TemporaryFolder()
        let workspace = folder.path("w.sqlite")
        let store = try SQLiteStore(path: workspace)
        let box = BoundingBox(x: 10, y: 10, width: 20, height: 20)
        let rows = (0..<4).map { DataRow(key: "r\($0)", uri: "r\($0).jpg", width: 100, height: 100) }
        _ = try await store.apply(ImportBatch(source: "s", classes: [ClassSpec(name: "car")], rows: rows), toDataset: "street", options: ImportOptions())
        _ = try await store.apply(ImportBatch(source: "r1", predictions: (0..<4).map { PredictionSpec(rowKey: "r\($0)", className: "car", geometry: .box(box), score: 0.9) }),
                                  toDataset: "street", options: ImportOptions(modelName: "det", modelTask: .detection, runName: "r1"))

        let created = try LoupeProcess.run(["labeling", "create", "--workspace", workspace, "--dataset", "street", "--name", "cars",
                                            "--run", "det/r1", "--threshold", "0.5"])
        #expect(created.status == 0 && created.stdout == "created labeling project 'cars' on street with pre-labels from det/r1 at score >= 0.5\n",
                "\(created.stderr)")
        let duplicate = try LoupeProcess.run(["labeling", "create", "--workspace", workspace, "--dataset", "street", "--name", "cars"])
        #expect(duplicate.status == 1 && duplicate.stderr.contains("already has a labeling project named cars"))
        let added = try LoupeProcess.run(["labeling", "add", "--workspace", workspace, "--dataset", "street", "--project", "cars",
                                          "--filter", "key ~ 'r'", "--priority", "3", "--batch", "first"])
        #expect(added.stdout == "cars: 4 added, 0 updated, 0 unchanged\n", "\(added.stderr)")
        let again = try LoupeProcess.run(["labeling", "add", "--workspace", workspace, "--dataset", "street", "--project", "cars", "--keys", "r0,r1"])
        #expect(again.stdout == "cars: 0 added, 0 updated, 2 unchanged\n")
        #expect(try LoupeProcess.run(["labeling", "add", "--workspace", workspace, "--dataset", "street", "--project", "nope",
                                      "--keys", "r0"]).status == 1)

        // r0 accepted, r1 edited (IoU 0.5); r2 and r3 stay in the queue.
        let dataset = try #require(try await store.dataset(named: "street"))
        let project = try #require(try await store.labelingProjects(datasetID: dataset.id).first)
        let service = LabelingService(store: store)
        for finalBox in [box, BoundingBox(x: 10, y: 10, width: 20, height: 10)] {
            let item = try #require(try await store.claimLabelingItem(projectID: project.id, assignee: "ann"))
            let prelabel = try #require(try await service.prelabels(project: project, rowID: item.rowID).first)
            _ = try await service.submit(project: project, item: item, labeler: "ann",
                                         objects: [LabelingFinalObject(classID: prelabel.classID, geometry: .box(finalBox), prelabelID: prelabel.id)],
                                         rejected: [], seconds: 4)
        }
        let status = try LoupeProcess.run(["labeling", "status", "--workspace", workspace, "--dataset", "street", "--project", "cars"])
        #expect(status.stdout == """
            queued 2, in_progress 0, submitted 2, reviewed 0, rework 0
            pre-labels: 1 accepted, 1 edited (mean IoU 0.500), 0 deleted; 0 objects added

            """, "\(status.stderr)")
        let json = try LoupeProcess.json(["labeling", "status", "--workspace", workspace, "--dataset", "street", "--project", "cars", "--json"])
        #expect(json["accepted"] as? Int == 1 && json["edited"] as? Int == 1 && json["mean_edit_iou"] as? Double == 0.5)
        #expect((json["counts"] as? [String: Int])?["submitted"] == 2)

        let coco = folder.path("cars.json")
        let exported = try LoupeProcess.run(["labeling", "export", "--workspace", workspace, "--dataset", "street", "--project", "cars",
                                             "--format", "coco", "--output", coco])
        #expect(exported.status == 0, "\(exported.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: coco))) as? [String: Any])
        let images = try #require(document["images"] as? [[String: Any]])
        #expect(images.compactMap { $0["file_name"] as? String }.sorted() == ["r0", "r1"], "the COCO exporter names images by key")
        let boxes = try #require(document["annotations"] as? [[String: Any]]).compactMap { $0["bbox"] as? [Double] }
        #expect(boxes.sorted { $0[3] < $1[3] } == [[10, 10, 20, 10], [10, 10, 20, 20]])
        let reviewedOnly = try LoupeProcess.run(["labeling", "export", "--workspace", workspace, "--dataset", "street", "--project", "cars",
                                                 "--format", "jsonl", "--output", folder.path("cars.jsonl"), "--reviewed-only"])
        #expect(reviewedOnly.status == 0 && reviewedOnly.stderr.contains("0 rows"))
        #expect(try LoupeProcess.run(["labeling", "export", "--workspace", workspace, "--dataset", "street", "--project", "cars",
                                      "--format", "yolo", "--output", folder.path("labels")]).status == 64)
    }
}
