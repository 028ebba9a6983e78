import Foundation
import GRDB
import LoupeCatalog
import LoupeCore
@testable import LoupeSQLite
import Testing

@Suite("SQLite store: labeling projects")
struct SQLiteStoreLabelingTests {
    @Test("the queue gives the highest priority first, a labeler's own item again, and rework back to its labeler")
    func queueOrder() async throws {
        let workspace = try TemporaryWorkspace()
        let fixture = try await LabelingFixture(workspace.store)
        let store = workspace.store
        let project = try await fixture.project(keys: ["r0", "r1"])
        let added = try await store.addLabelingItems(projectID: project.id, items: [
            LabelingItemSpec(rowID: fixture.rowIDs["r2"]!, priority: 5), LabelingItemSpec(rowID: fixture.rowIDs["r0"]!, priority: 9),
        ], batch: "b2", reprioritize: false)
        #expect(added == LabelingBatchResult(added: 1, updated: 0, unchanged: 1))
        #expect(try await store.labelingItem(projectID: project.id, rowID: fixture.rowIDs["r0"]!)?.priority == 0, "kept unless asked")
        let reprioritized = try await store.addLabelingItems(projectID: project.id, items: [LabelingItemSpec(rowID: fixture.rowIDs["r1"]!, priority: 7)],
                                                             batch: "b3", reprioritize: true)
        #expect(reprioritized == LabelingBatchResult(added: 0, updated: 1, unchanged: 0))

        let first = try #require(try await store.claimLabelingItem(projectID: project.id, assignee: "ann"))
        #expect(first.key == "r1" && first.status == .inProgress && first.assignee == "ann" && first.batch == "b3")
        #expect(try await store.claimLabelingItem(projectID: project.id, assignee: "ann")?.id == first.id, "own item in progress again")
        let second = try #require(try await store.claimLabelingItem(projectID: project.id, assignee: "bob"))
        #expect(second.key == "r2")
        _ = try await store.submitLabelingItem(LabelingSubmissionDraft(itemID: first.id, labeler: "ann", annotations: [], outcomes: [],
                                                                       seconds: 3, prelabelRunID: nil))
        let sentBack = try await store.reviewLabelingItem(itemID: first.id, reviewer: "rev", approve: false, note: "missed a car")
        #expect(sentBack.status == .rework && sentBack.assignee == "ann" && sentBack.reviewNote == "missed a car")
        _ = try await store.submitLabelingItem(LabelingSubmissionDraft(itemID: second.id, labeler: "bob", annotations: [], outcomes: [],
                                                                       seconds: 2, prelabelRunID: nil))
        let bobNext = try #require(try await store.claimLabelingItem(projectID: project.id, assignee: "bob"))
        #expect(bobNext.key == "r0", "rework waits for its own labeler")
        let annNext = try #require(try await store.claimLabelingItem(projectID: project.id, assignee: "ann"))
        #expect(annNext.id == first.id && annNext.status == .inProgress)
        #expect(try await store.claimLabelingItem(projectID: project.id, assignee: "cy") == nil)
        let counts = try await store.labelingStatusCounts(projectID: project.id)
        #expect(counts == [.queued: 0, .inProgress: 2, .submitted: 1, .reviewed: 0, .rework: 0])
    }

    @Test("two labelers claiming and submitting from many tasks at once: no row given to both, nothing lost")
    func concurrentLabelers() async throws {
        let workspace = try TemporaryWorkspace()
        let fixture = try await LabelingFixture(workspace.store)
        let store = workspace.store
        let project = try await store.createLabelingProject(datasetID: fixture.dataset.id, name: "many", prelabelRunID: nil, scoreThreshold: 0)
        // 200 extra rows make the race long enough to interleave.
        let extra = (0..<200).map { DataRow(key: "x\($0)") }
        _ = try await store.apply(ImportBatch(source: "x", rows: extra), toDataset: "street", options: ImportOptions())
        let ids = try await store.queryRowIDs(datasetID: fixture.dataset.id, filter: try FilterParser.parse("key ~ 'x'"))
        #expect(ids.count == 200)
        _ = try await store.addLabelingItems(projectID: project.id, items: ids.enumerated().map { LabelingItemSpec(rowID: $1, priority: $0 % 7) },
                                             batch: "all", reprioritize: false)
        let submitted = try await withThrowingTaskGroup(of: [(labeler: String, rowID: Int64)].self) { group in
            for task in 0..<8 {
                let labeler = task % 2 == 0 ? "ann" : "bob"
                group.addTask {
                    var mine: [(labeler: String, rowID: Int64)] = []
                    while let item = try await store.claimLabelingItem(projectID: project.id, assignee: labeler) {
                        #expect(item.assignee == labeler)
                        do {
                            let submission = try await store.submitLabelingItem(LabelingSubmissionDraft(
                                itemID: item.id, labeler: labeler,
                                annotations: [Annotation(rowID: 0, classID: fixture.car, geometry: .none, labelVersion: 1)],
                                outcomes: [], seconds: 1, prelabelRunID: nil))
                            mine.append((labeler, submission.rowID))
                        } catch let error as StoreError where error.code == "conflict" {
                            // Another task of the same labeler was handed the same item and submitted it first.
                            continue
                        }
                    }
                    return mine
                }
            }
            var all: [(labeler: String, rowID: Int64)] = []
            for try await part in group { all += part }
            return all
        }
        #expect(submitted.count == 200, "every item submitted exactly once")
        #expect(Set(submitted.map(\.rowID)) == Set(ids))
        #expect(Set(submitted.map(\.labeler)) == ["ann", "bob"], "both labelers worked")
        let submissions = try await store.labelingSubmissions(projectID: project.id)
        #expect(submissions.count == 200 && Set(submissions.map(\.itemID)).count == 200)
        let items = try await store.labelingItems(projectID: project.id, status: nil)
        for item in items {
            let submission = submissions.first { $0.itemID == item.id }
            #expect(item.status == .submitted && submission?.labeler == item.assignee)
        }
        #expect(try await store.labelingStatusCounts(projectID: project.id)[.submitted] == 200)
        #expect(try await store.annotations(rowIDs: ids).count == 200)
    }

    @Test("a submit writes the row's next label version, which a new run's snapshot records; only the assignee may submit")
    func submitWritesLabelVersion() async throws {
        let workspace = try TemporaryWorkspace()
        let fixture = try await LabelingFixture(workspace.store)
        let store = workspace.store
        let project = try await fixture.project(keys: ["r0"])
        let item = try #require(try await store.labelingItem(projectID: project.id, rowID: fixture.rowIDs["r0"]!))
        let draft = LabelingSubmissionDraft(itemID: item.id, labeler: "ann", annotations: [
            Annotation(rowID: 0, classID: fixture.car, geometry: .box(LabelingFixture.carBox), labelVersion: 1),
        ], outcomes: [], seconds: 4, prelabelRunID: nil)
        await #expect(throws: StoreError.conflict("item r0 is queued; only its assignee may submit it while it is in progress")) {
            _ = try await store.submitLabelingItem(draft)
        }
        _ = try await store.claimLabelingItem(projectID: project.id, assignee: "ann")
        var other = draft
        other.labeler = "bob"
        await #expect(throws: StoreError.self) { _ = try await store.submitLabelingItem(other) }
        let submission = try await store.submitLabelingItem(draft)
        #expect(submission.labelVersion == 1 && submission.objectCount == 1)
        let truth = try await store.annotations(rowID: item.rowID)
        #expect(truth.map(\.geometry) == [.box(LabelingFixture.carBox)] && truth.map(\.author) == ["ann"] && truth.map(\.labelVersion) == [1])
        await #expect(throws: StoreError.self, "a submitted item cannot be submitted again") { _ = try await store.submitLabelingItem(draft) }

        let model = try await store.models().first { $0.name == "det" }!
        let next = try await store.createRun(modelID: model.id, name: "r2", configJSON: "{}")
        try await store.addToSnapshot(runID: next.id, rows: [(item.rowID, "train")])
        let snapshot = try await store.snapshot(runID: next.id, page: PageRequest(limit: 10))
        #expect(snapshot.items.map(\.labelVersion) == [submission.labelVersion])

        // Sent back and submitted empty: an empty label version, still a new version.
        _ = try await store.reviewLabelingItem(itemID: item.id, reviewer: "rev", approve: false, note: nil)
        _ = try await store.claimLabelingItem(projectID: project.id, assignee: "ann")
        var empty = draft
        empty.annotations = []
        let second = try await store.submitLabelingItem(empty)
        #expect(second.labelVersion == 2)
        #expect(try await store.annotations(rowID: item.rowID).isEmpty)
        let approved = try await store.reviewLabelingItem(itemID: item.id, reviewer: "rev", approve: true, note: "ok")
        #expect(approved.status == .reviewed && approved.reviewer == "rev")
        await #expect(throws: StoreError.self, "a reviewed item is not reviewed again") {
            _ = try await store.reviewLabelingItem(itemID: item.id, reviewer: "rev", approve: true, note: nil)
        }
        #expect(try await store.labelingSubmissions(projectID: project.id).map(\.labelVersion) == [1, 2])
    }

    @Test("analytics on five pre-labelled rows: 3 accepted, 1 edited with its IoU, 1 deleted")
    func analytics() async throws {
        let workspace = try TemporaryWorkspace()
        let fixture = try await LabelingFixture(workspace.store)
        let store = workspace.store
        let service = LabelingService(store: store)
        let project = try await fixture.project(keys: ["r0", "r1", "r2", "r3", "r4", "r5"])
        // r0 also has a person prediction scoring 0.2: under the threshold, never shown.
        let shown = try await service.prelabels(project: project, rowID: fixture.rowIDs["r0"]!)
        #expect(shown.map(\.classID) == [fixture.car] && shown.map(\.score) == [0.9])
        // The edit halves the box's height: IoU = (20·10) / (20·20) = 0.5.
        let edited = BoundingBox(x: 10, y: 10, width: 20, height: 10)
        var seconds: [String: Double] = [:]
        for _ in 0..<6 {
            let item = try #require(try await store.claimLabelingItem(projectID: project.id, assignee: "ann"))
            let prelabel = try await service.prelabels(project: project, rowID: item.rowID).first
            let objects: [LabelingFinalObject]
            var rejected: [Int64] = []
            switch item.key {
            case "r3": objects = [LabelingFinalObject(classID: fixture.car, geometry: .box(edited), prelabelID: prelabel?.id)]
            case "r4":
                objects = []
                rejected = [prelabel!.id!]
            case "r5": objects = [LabelingFinalObject(classID: fixture.person, geometry: .box(BoundingBox(x: 0, y: 0, width: 5, height: 5))),
                                  LabelingFinalObject(classID: fixture.car, geometry: .box(BoundingBox(x: 20, y: 20, width: 5, height: 5)))]
            default: objects = [LabelingFinalObject(classID: fixture.car, geometry: .box(LabelingFixture.carBox), prelabelID: prelabel?.id)]
            }
            seconds[item.key] = item.key == "r5" ? 30 : 5
            _ = try await service.submit(project: project, item: item, labeler: "ann", objects: objects, rejected: rejected,
                                         seconds: seconds[item.key]!)
        }
        let report = LabelingAnalytics.report(try await store.labelingSubmissions(projectID: project.id))
        let car = try #require(report.perClass.first { $0.classID == fixture.car })
        #expect(car.accepted == 3 && car.edited == 1 && car.deleted == 1 && car.added == 1)
        #expect(car.meanEditIoU == 0.5)
        #expect(car.acceptedShare == 0.6)
        let person = try #require(report.perClass.first { $0.classID == fixture.person })
        #expect(person.prelabels == 0 && person.added == 1)
        #expect(report.total.accepted == 3 && report.total.edited == 1 && report.total.deleted == 1 && report.total.added == 2)
        #expect(report.itemsSubmitted == 6 && report.totalSeconds == 55 && report.meanSecondsPerItem == 55.0 / 6)
        // From scratch (r5): 30 s for 2 objects = 15 s each. Assisted rows: r0–r3 one object each
        // (4 · 15 − 4 · 5 = 40 s saved) and r4 none (0 − 5): 35 s.
        #expect(report.secondsPerObjectFromScratch == 15)
        #expect(report.estimatedSecondsSaved == 35)
        // The ground truth that stands is the final objects.
        #expect(try await store.annotations(rowID: fixture.rowIDs["r3"]!).map(\.geometry) == [.box(edited)])
        #expect(try await store.annotations(rowID: fixture.rowIDs["r4"]!).isEmpty)
    }

    @Test("a submit naming a prediction that is not a pre-label, or rejecting one it keeps, is refused and writes nothing")
    func invalidSubmit() async throws {
        let workspace = try TemporaryWorkspace()
        let fixture = try await LabelingFixture(workspace.store)
        let store = workspace.store
        let service = LabelingService(store: store)
        let project = try await fixture.project(keys: ["r0"])
        let item = try #require(try await store.claimLabelingItem(projectID: project.id, assignee: "ann"))
        let all = try await store.predictions(rowID: item.rowID, runID: fixture.run.id)
        let hidden = try #require(all.first { $0.classID == fixture.person }?.id)
        let shown = try #require(all.first { $0.classID == fixture.car }?.id)
        await #expect(throws: StoreError.self) {
            _ = try await service.submit(project: project, item: item, labeler: "ann",
                                         objects: [LabelingFinalObject(classID: fixture.person, geometry: .none, prelabelID: hidden)],
                                         rejected: [], seconds: 1)
        }
        await #expect(throws: StoreError.self) {
            _ = try await service.submit(project: project, item: item, labeler: "ann",
                                         objects: [LabelingFinalObject(classID: fixture.car, geometry: .box(LabelingFixture.carBox), prelabelID: shown)],
                                         rejected: [shown], seconds: 1)
        }
        #expect(try await store.labelingItem(projectID: project.id, rowID: item.rowID)?.status == .inProgress)
        #expect(try await store.labelingSubmissions(projectID: project.id).isEmpty)
        #expect(try await store.row(datasetID: fixture.dataset.id, key: "r0")?.labelVersion == 0)
    }

    @Test("the schema refuses items of another dataset, assigned queued items and duplicate project names")
    func schemaInvariants() async throws {
        let workspace = try TemporaryWorkspace()
        let fixture = try await LabelingFixture(workspace.store)
        let store = workspace.store
        let project = try await fixture.project(keys: ["r0"])
        _ = try await store.apply(ImportBatch(source: "o", rows: [DataRow(key: "o")]), toDataset: "other", options: ImportOptions())
        let other = try #require(try await store.dataset(named: "other"))
        let foreign = try #require(try await store.row(datasetID: other.id, key: "o"))
        await #expect(throws: StoreError.self) {
            _ = try await store.addLabelingItems(projectID: project.id, items: [LabelingItemSpec(rowID: foreign.id!, priority: 0)],
                                                 batch: "", reprioritize: false)
        }
        await #expect(throws: StoreError.alreadyExists("the dataset already has a labeling project named p")) {
            _ = try await store.createLabelingProject(datasetID: fixture.dataset.id, name: "p", prelabelRunID: nil, scoreThreshold: 0)
        }
        for sql in ["UPDATE labeling_item SET assignee = 'x'",
                    "UPDATE labeling_item SET status = 'submitted', assignee = 'x', claimed_at = 1",
                    "UPDATE labeling_item SET status = 'done'",
                    "UPDATE labeling_item SET row_id = \(fixture.rowIDs["r1"]!)"] {
            await #expect(throws: DatabaseError.self, "\(sql)") { try await store.pool.write { db in try db.execute(sql: sql) } }
        }
        // Deleting the pre-label run keeps the project, without pre-labels.
        _ = try await store.deleteRun(id: fixture.run.id)
        #expect(try await store.labelingProjects(datasetID: fixture.dataset.id).map(\.prelabelRunID) == [nil])
    }
}
