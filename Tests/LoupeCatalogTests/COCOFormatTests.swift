import Foundation
import LoupeCore
import Testing
@testable import LoupeCatalog

private let coco128 = sharedData.appendingPathComponent("coco128")
private let fake100 = sharedData.appendingPathComponent("coco-fake100")
private let voc100 = sharedData.appendingPathComponent("voc100-detections")

/// A small COCO document around the given pieces.
private func cocoDocument(images: String = #"[{"id": 1, "file_name": "a.jpg", "width": 100, "height": 50}]"#,
                          categories: String = #"[{"id": 2, "name": "dog"}, {"id": 1, "name": "cat"}]"#,
                          annotations: String) -> String {
    #"{"images": \#(images), "categories": \#(categories), "annotations": \#(annotations)}"#
}

private func importError(_ body: () throws(ImportError) -> ImportBatch) -> ImportError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// The batch's rows and annotations merged with another batch's predictions, as one store would hold them.
private func contents(_ batch: ImportBatch, predictions: [PredictionSpec] = []) -> DatasetContents {
    var merged = batch
    merged.predictions += predictions
    return DatasetContents(materializing: merged)
}

@Suite("COCO import and export")
struct COCOFormatTests {
    @Test("coco128: 128 rows, 939 annotations (929 polygons, 10 crowd masks), 71 of 80 classes present")
    func coco128Counts() throws {
        let batch = try COCOImporter(imagesDirectory: coco128.appendingPathComponent("train2017"))
            .read(contentsOf: coco128.appendingPathComponent("annotations/instances_train2017.json"))
        #expect(batch.rows.count == 128)
        #expect(batch.rows.allSatisfy { $0.uri == $0.key && $0.width != nil && $0.height != nil })
        #expect(batch.rows.first?.key == "000000000009.jpg")
        #expect(batch.rows.first?.metadata["license"] == .number(3))
        #expect(batch.annotations.count == 939)
        #expect(batch.annotations.filter { $0.geometry.kind == .polygon && !$0.isCrowd }.count == 929)
        #expect(batch.annotations.filter { $0.geometry.kind == .mask && $0.isCrowd }.count == 10)
        #expect(batch.annotations.allSatisfy { COCOBoxAttributes.box(in: $0.attributes) != nil && $0.area != nil })
        #expect(batch.classes.count == 80)
        #expect(batch.classes.first?.name == "person" && batch.classes.last?.name == "toothbrush")
        #expect(Set(batch.annotations.compactMap(\.className)).count == 71)
        #expect(batch.annotations.filter { $0.className == "person" }.count == 259)
        #expect(batch.predictions.isEmpty && batch.warnings.isEmpty)
        // Crowd masks keep the file's area and bbox, which differ from the mask's own (pycocotools:
        // rleArea 10513 and toBbox [16, 301, 612, 179] for id 900100000257).
        let crowd = try #require(batch.annotations.first { $0.isCrowd && $0.rowKey == "000000000257.jpg" })
        guard case .mask(let mask) = crowd.geometry else { Issue.record("not a mask"); return }
        #expect(mask.area == 10513 && crowd.area == 11750)
        #expect(mask.boundingBox == BoundingBox(x: 16, y: 301, width: 612, height: 179))
        #expect(COCOBoxAttributes.box(in: crowd.attributes) == BoundingBox(x: 16, y: 301, width: 611, height: 178))
    }

    @Test("coco128 crowd masks: area and box equal pycocotools' rleArea and toBbox")
    func coco128CrowdMasksMatchPycocotools() throws {
        // tests/oracles/coco_rle_oracle.py, pycocotools 2.0.11.
        let expected: [String: (area: Int, box: [Double])] = [
            "000000000257.jpg": (10513, [16, 301, 612, 179]), "000000000357.jpg": (6341, [466, 0, 174, 74]),
            "000000000544.jpg": (133271, [0, 0, 640, 348]), "000000000149.jpg": (1958, [104, 310, 460, 35]),
            "000000000540.jpg": (1619, [0, 93, 398, 111]), "000000000643.jpg": (5975, [318, 261, 96, 114]),
        ]
        let batch = try COCOImporter().read(contentsOf: coco128.appendingPathComponent("annotations/instances_train2017.json"))
        for (key, value) in expected {
            let masks = batch.annotations.filter { $0.rowKey == key && $0.isCrowd }
            #expect(masks.count == 1, "\(key)")
            guard case .mask(let mask)? = masks.first?.geometry else { continue }
            let box = mask.boundingBox
            #expect(mask.area == value.area, "\(key)")
            #expect([box.x, box.y, box.width, box.height] == value.box, "\(key)")
        }
    }

    @Test("voc100 detections in dataset shape (own ids, 0-based categories, score) import as 452 predictions")
    func voc100DatasetShapedDetections() throws {
        let dets = try COCOImporter().read(contentsOf: voc100.appendingPathComponent("dets/coco_format/coco_dets.json"))
        #expect(dets.predictions.count == 452)
        #expect(dets.annotations.isEmpty)
        #expect(dets.predictions.allSatisfy { $0.score != nil && $0.geometry.kind == .box })
        #expect(dets.predictions.first?.className == "person" && dets.predictions.first?.rowKey == "2007_000027.jpg")
        #expect(dets.predictions.first?.score == 0.4314181593105666)
        let truth = try COCOImporter().read(contentsOf: voc100.appendingPathComponent("gts/coco_format_v1/instances_default.json"))
        let keys = Set(truth.rows.map(\.key)), names = Set(truth.classes.map(\.name))
        #expect(Set(dets.predictions.map(\.rowKey)).count == 98)
        #expect(dets.predictions.allSatisfy { keys.contains($0.rowKey) && names.contains($0.className ?? "") })
    }

    @Test("coco-fake100 bbox results: 734 box predictions mapped through the ground truth's ids")
    func fake100BoxResults() throws {
        let mapping = try COCOIDMapping(contentsOf: fake100.appendingPathComponent("instances_val2014_100.json"))
        #expect(mapping.imageKeys.count == 100 && mapping.categoryNames.count == 80)
        let batch = try COCOResultsImporter(mapping: mapping)
            .read(contentsOf: fake100.appendingPathComponent("instances_val2014_fakebbox100_results.json"))
        #expect(batch.predictions.count == 734)
        #expect(batch.rows.isEmpty && batch.classes.count == 80)
        #expect(Set(batch.predictions.map(\.rowKey)).count == 99)
        let last = try #require(batch.predictions.last)
        #expect(last.rowKey == mapping.imageKeys[1292] && last.className == mapping.categoryNames[47] && last.score == 0.097)
        #expect(last.geometry == .box(BoundingBox(x: 66.74, y: 228.43, width: 32.05, height: 32.89)))
        // An explicit id map gives the same predictions.
        let explicit = COCOIDMapping(imageKeys: mapping.imageKeys, categoryNames: mapping.categoryNames)
        let again = try COCOResultsImporter(mapping: explicit)
            .read(contentsOf: fake100.appendingPathComponent("instances_val2014_fakebbox100_results.json"))
        #expect(again.predictions == batch.predictions)
    }

    @Test("coco-fake100 segm results: 734 compressed RLE masks; every string round-trips; areas and boxes match pycocotools")
    func fake100SegmentationResults() throws {
        let url = fake100.appendingPathComponent("instances_val2014_fakesegm100_results.json")
        let mapping = try COCOIDMapping(contentsOf: fake100.appendingPathComponent("instances_val2014_100.json"))
        let batch = try COCOResultsImporter(mapping: mapping).read(contentsOf: url)
        #expect(batch.predictions.count == 734)
        let raw = try JSONDecoder().decode([RawSegm].self, from: Data(contentsOf: url))
        var masks: [RunLengthMask] = []
        for (prediction, entry) in zip(batch.predictions, raw) {
            guard case .mask(let mask) = prediction.geometry else { Issue.record("not a mask"); continue }
            #expect(mask.compressed == entry.segmentation.counts)
            #expect([mask.height, mask.width] == entry.segmentation.size && mask.isWellFormed)
            masks.append(mask)
        }
        // tests/oracles/coco_rle_oracle.py: sum of maskUtils.area and of each toBbox coordinate.
        #expect(masks.reduce(0) { $0 + $1.area } == 7_766_804)
        let boxes = masks.map(\.boundingBox)
        #expect(boxes.reduce(0) { $0 + $1.x } == 180_529 && boxes.reduce(0) { $0 + $1.y } == 138_238)
        #expect(boxes.reduce(0) { $0 + $1.width } == 66_653 && boxes.reduce(0) { $0 + $1.height } == 74_806)
        #expect(masks[0].area == 53487 && boxes[0] == BoundingBox(x: 259, y: 41, width: 347, height: 244))
        #expect(masks[733].area == 984 && boxes[733] == BoundingBox(x: 67, y: 228, width: 32, height: 33))
    }

    private struct RawSegm: Decodable {
        struct RLE: Decodable { var size: [Int]; var counts: String }
        var segmentation: RLE
    }

    @Test("round trip: COCO export then import reproduces rows, classes and annotations exactly",
          arguments: ["coco128/annotations/instances_train2017.json", "voc100-detections/gts/coco_format_v1/instances_default.json",
                      "voc100-detections/gts/coco_format_v2/instances_v2.json", "coco-fake100/instances_val2014_100.json"])
    func instancesRoundTrip(_ path: String) throws {
        let original = try COCOImporter().read(contentsOf: sharedData.appendingPathComponent(path))
        let exported = try COCOExporter().instances(DatasetContents(materializing: original))
        #expect(try COCOExporter().instances(DatasetContents(materializing: original)) == exported)
        let again = try COCOImporter().parse(exported, file: "export.json")
        #expect(again.classes == original.classes)
        #expect(again.rows == original.rows)
        #expect(again.annotations.count == original.annotations.count)
        for (a, b) in zip(again.annotations, original.annotations) where a != b {
            Issue.record("\(a) != \(b)")
            break
        }
    }

    @Test("round trip: COCO results export then import reproduces the predictions (masks, boxes, scores)")
    func resultsRoundTrip() throws {
        let truth = try COCOImporter().read(contentsOf: fake100.appendingPathComponent("instances_val2014_100.json"))
        let mapping = try COCOIDMapping(contentsOf: fake100.appendingPathComponent("instances_val2014_100.json"))
        for name in ["instances_val2014_fakesegm100_results.json", "instances_val2014_fakebbox100_results.json"] {
            let results = try COCOResultsImporter(mapping: mapping).read(contentsOf: fake100.appendingPathComponent(name))
            let dataset = contents(truth, predictions: results.predictions)
            let exportedMapping = try COCOIDMapping(instances: COCOExporter().instances(dataset), file: "gt.json")
            let again = try COCOResultsImporter(mapping: exportedMapping).parse(COCOExporter().results(dataset), file: "dt.json")
            #expect(again.predictions == results.predictions, "\(name)")
        }
    }

    @Test("export: a hand-built dataset gives the documented JSON (ids, bbox, segmentation, area, attributes)")
    func exportShape() throws {
        var batch = ImportBatch(source: "t", classes: [ClassSpec(name: "cat"), ClassSpec(name: "dog")])
        batch.rows = [DataRow(key: "a.jpg", uri: "a.jpg", width: 4, height: 3, metadata: ["license": .number(2)])]
        batch.annotations = [
            AnnotationSpec(rowKey: "a.jpg", className: "dog", geometry: .box(BoundingBox(x: 1, y: 0.5, width: 2, height: 1)),
                           attributes: ["occluded": .bool(true)]),
            AnnotationSpec(rowKey: "a.jpg", className: "cat", geometry: .mask(RunLengthMask(height: 3, width: 4, counts: [1, 2, 9])),
                           isCrowd: true),
            AnnotationSpec(rowKey: "a.jpg", className: "cat", geometry: .mask(RunLengthMask(height: 3, width: 4, counts: [1, 2, 9]))),
        ]
        let text = String(decoding: try COCOExporter().instances(DatasetContents(materializing: batch, name: "toy")), as: UTF8.self)
        #expect(text == #"{"annotations":[{"area":2,"attributes":{"occluded":true},"bbox":[1,0.5,2,1],"category_id":2,"id":1,"#
            + #""image_id":1,"iscrowd":0,"segmentation":[]},{"area":2,"bbox":[0,1,1,2],"category_id":1,"id":2,"image_id":1,"#
            + #""iscrowd":1,"segmentation":{"counts":[1,2,9],"size":[3,4]}},{"area":2,"bbox":[0,1,1,2],"category_id":1,"id":3,"#
            + #""image_id":1,"iscrowd":0,"segmentation":{"counts":"129","size":[3,4]}}],"categories":[{"id":1,"name":"cat","#
            + #""supercategory":""},{"id":2,"name":"dog","supercategory":""}],"images":[{"file_name":"a.jpg","height":3,"id":1,"#
            + #""license":2,"width":4}],"info":{"description":"toy"},"licenses":[]}"#)
    }

    @Test("an images folder: missing files fail, or are skipped with their annotations; missing sizes are read from headers")
    func imagesFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coco-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: coco128.appendingPathComponent("train2017/000000000009.jpg"),
                                         to: folder.appendingPathComponent("a.jpg"))
        let json = Data(cocoDocument(images: #"[{"id": 1, "file_name": "a.jpg"}, {"id": 7, "file_name": "b.jpg", "width": 5, "height": 5}]"#,
                                     annotations: #"[{"image_id": 7, "category_id": 1, "bbox": [0, 0, 1, 1]}, "#
                                         + #"{"image_id": 1, "category_id": 2, "bbox": [0, 0, 2, 2]}]"#).utf8)
        let error = importError { () throws(ImportError) in try COCOImporter(imagesDirectory: folder).parse(json, file: "in.json") }
        #expect(error?.file == "in.json" && error?.location == .jsonPath("$.images[1].file_name"))
        #expect(error?.message.contains("b.jpg") == true && error?.message.contains("no image file") == true)
        let batch = try COCOImporter(imagesDirectory: folder, skipMissingImages: true).parse(json, file: "in.json")
        #expect(batch.rows.map(\.key) == ["a.jpg"])
        #expect(batch.rows.first?.width == 640 && batch.rows.first?.height == 480)
        #expect(batch.annotations.map(\.className) == ["dog"])
        #expect(batch.warnings.count == 1 && batch.warnings.first?.count == 1)
        #expect(batch.warnings.first?.location == .jsonPath("$.images[1].file_name"))
    }

    @Test("zero-size boxes are kept and counted in one warning")
    func zeroAreaBoxes() throws {
        let json = cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "bbox": [1, 2, 0, 3]}, "#
                                    + #"{"image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]}, {"image_id": 1, "category_id": 2, "bbox": [5, 5, 2, 0]}]"#)
        let batch = try COCOImporter().parse(Data(json.utf8), file: "z.json")
        #expect(batch.annotations.count == 3)
        #expect(batch.warnings == [ImportWarning(file: "z.json", location: .jsonPath("$.annotations[0].bbox"),
                                                 message: "boxes with zero width or height were kept", count: 2)])
        #expect(batch.classes.map(\.name) == ["cat", "dog"])  // ascending category id
    }

    @Test("extra scalar keys and CVAT attributes become annotation attributes; polygons keep COCO's bbox as attributes")
    func attributes() throws {
        let json = cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 9, 9], "ignore": 0, "note": "x", "#
                                    + #""keypoints": [1, 2], "attributes": {"occluded": false, "track": {"a": 1}}, "#
                                    + #""segmentation": [[0, 0, 8, 0, 8, 8]], "iscrowd": false}]"#)
        let annotation = try #require(try COCOImporter().parse(Data(json.utf8), file: "a.json").annotations.first)
        #expect(annotation.geometry == .polygon(Polygon(rings: [[0, 0, 8, 0, 8, 8]])))
        #expect(annotation.attributes == ["ignore": .number(0), "note": .string("x"), "occluded": .bool(false),
                                          "bbox_x": .number(0), "bbox_y": .number(0), "bbox_w": .number(9), "bbox_h": .number(9)])
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var name: String
        var json: String
        var location: LoupeCatalog.SourceLocation?
        var fragment: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "unknown category id", json: cocoDocument(annotations: #"[{"image_id": 1, "category_id": 9, "bbox": [0, 0, 1, 1]}]"#),
                location: .jsonPath("$.annotations[0].category_id"), fragment: "category_id 9 is not the id"),
        BadCase(name: "annotation image_id not in images", json: cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1]}, {"image_id": 3, "category_id": 1, "bbox": [0, 0, 1, 1]}]"#),
                location: .jsonPath("$.annotations[1].image_id"), fragment: "image_id 3 is not the id"),
        BadCase(name: "negative bbox width", json: cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, -3, 1]}]"#),
                location: .jsonPath("$.annotations[0].bbox"), fragment: "bbox [0, 0, -3, 1] must hold finite numbers with width and height >= 0"),
        BadCase(name: "NaN bbox height", json: cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 3, "NaN"]}]"#),
                location: .jsonPath("$.annotations[0].bbox"), fragment: "must hold finite numbers"),
        BadCase(name: "infinite bbox width", json: cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, "Infinity", 2]}]"#),
                location: .jsonPath("$.annotations[0].bbox"), fragment: "must hold finite numbers"),
        BadCase(name: "bbox of 3 numbers", json: cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 3]}]"#),
                location: .jsonPath("$.annotations[0].bbox"), fragment: "must be 4 numbers"),
        BadCase(name: "polygon with 2 points", json: cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "segmentation": [[0, 0, 1, 1, 2, 2], [0, 0, 4, 4]]}]"#),
                location: .jsonPath("$.annotations[0].segmentation[1]"), fragment: "at least 3 points, found 2"),
        BadCase(name: "polygon with an odd coordinate count", json: cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "segmentation": [[0, 0, 1, 1, 2, 2, 3]]}]"#),
                location: .jsonPath("$.annotations[0].segmentation[0]"), fragment: "even number of coordinates (x, y pairs), found 7"),
        BadCase(name: "RLE runs not covering size", json: cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "segmentation": {"size": [2, 2], "counts": [1, 2]}}]"#),
                location: .jsonPath("$.annotations[0].segmentation.counts"), fragment: "the runs cover 3 pixels but size [2, 2] has 4"),
        BadCase(name: "bad compressed RLE", json: cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "segmentation": {"size": [2, 2], "counts": "0 "}}]"#),
                location: .jsonPath("$.annotations[0].segmentation.counts"), fragment: "invalid compressed RLE at byte 1"),
        BadCase(name: "duplicate image id", json: cocoDocument(images: #"[{"id": 1, "file_name": "a.jpg"}, {"id": 1, "file_name": "b.jpg"}]"#, annotations: "[]"),
                location: .jsonPath("$.images[1].id"), fragment: "image id 1 is also used by $.images[0]"),
        BadCase(name: "duplicate file_name", json: cocoDocument(images: #"[{"id": 1, "file_name": "a.jpg"}, {"id": 2, "file_name": "a.jpg"}]"#, annotations: "[]"),
                location: .jsonPath("$.images[1].file_name"), fragment: "file_name 'a.jpg' is also used by $.images[0]"),
        BadCase(name: "duplicate category id", json: cocoDocument(categories: #"[{"id": 1, "name": "a"}, {"id": 1, "name": "b"}]"#, annotations: "[]"),
                location: .jsonPath("$.categories[1].id"), fragment: "category id 1 is also used"),
        BadCase(name: "annotation without bbox or segmentation", json: cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "segmentation": []}]"#),
                location: .jsonPath("$.annotations[0]"), fragment: "neither a bbox nor a segmentation"),
        BadCase(name: "missing image_id", json: cocoDocument(annotations: #"[{"category_id": 1, "bbox": [0, 0, 1, 1]}]"#),
                location: .jsonPath("$.annotations[0]"), fragment: "missing required key 'image_id'"),
        BadCase(name: "scored and unscored annotations mixed", json: cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 0.5}, {"image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1]}]"#),
                location: .jsonPath("$.annotations[1]"), fragment: "has no score"),
        BadCase(name: "truncated file", json: "{\n  \"images\": [\n    {\"id\": 1, \"file_name\": \"a.jpg\"},\n    {\"id\": 2,",
                location: .line(4), fragment: "invalid JSON at line 4"),
        BadCase(name: "a missing comma", json: "{\n  \"images\": [\n    {\"id\": 1 \"file_name\": \"a.jpg\"}\n  ],\n  \"annotations\": []\n}",
                location: .line(3), fragment: "expected ',' or '}' in an object"),
        BadCase(name: "a number beyond Double", json: cocoDocument(annotations: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 1e999, 1]}]"#),
                location: .jsonPath("$"), fragment: "a number is out of range"),
        BadCase(name: "a results array given to the dataset importer", json: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 1}]"#,
                location: .jsonPath("$"), fragment: "this is a COCO results file"),
    ]

    @Test("bad dataset files fail with the file, the JSON path or line, and what was wrong", arguments: badCases)
    func badInput(_ bad: BadCase) {
        let error = importError { () throws(ImportError) in try COCOImporter().parse(Data(bad.json.utf8), file: "bad.json") }
        #expect(error?.file == "bad.json")
        #expect(error?.location == bad.location)
        #expect(error?.message.contains(bad.fragment) == true, "\(String(describing: error))")
    }

    @Test("bad results files fail with the file and the JSON path")
    func badResults() {
        let importer = COCOResultsImporter(mapping: COCOIDMapping(imageKeys: [42: "a.jpg"], categoryNames: [1: "cat"]))
        func failure(_ json: String) -> ImportError? {
            importError { () throws(ImportError) in try importer.parse(Data(json.utf8), file: "dt.json") }
        }
        let unknownImage = failure(#"[{"image_id": 42, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 0.5}, {"image_id": 43, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 0.5}]"#)
        #expect(unknownImage?.location == .jsonPath("$[1].image_id") && unknownImage?.file == "dt.json")
        #expect(unknownImage?.message.contains("image_id 43 is not an image of the ground truth") == true)
        let unknownCategory = failure(#"[{"image_id": 42, "category_id": 2, "bbox": [0, 0, 1, 1], "score": 0.5}]"#)
        #expect(unknownCategory?.location == .jsonPath("$[0].category_id"))
        let negative = failure(#"[{"image_id": 42, "category_id": 1, "bbox": [0, 0, 1, -1], "score": 0.5}]"#)
        #expect(negative?.location == .jsonPath("$[0].bbox"))
        let datasetShaped = failure(cocoDocument(annotations: "[]"))
        #expect(datasetShaped?.location == .jsonPath("$") && datasetShaped?.message.contains("top-level array") == true)
        let duplicate = importError { () throws(ImportError) in
            _ = try COCOIDMapping(instances: Data(cocoDocument(images: #"[{"id": 1, "file_name": "a.jpg"}, {"id": 1, "file_name": "b.jpg"}]"#, annotations: "[]").utf8), file: "gt.json")
            return ImportBatch(source: "")
        }
        #expect(duplicate?.file == "gt.json" && duplicate?.location == .jsonPath("$.images[1].id"))
    }
}
