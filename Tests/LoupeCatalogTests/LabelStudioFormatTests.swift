import Foundation
import LoupeCore
import Testing
@testable import LoupeCatalog

private let studioData = sharedData.appendingPathComponent("label-studio-json")

private func studio(_ path: String, _ importer: LabelStudioImporter = LabelStudioImporter()) throws -> ImportBatch {
    try importer.read(contentsOf: studioData.appendingPathComponent(path))
}

private func config(_ path: String) throws -> LabelStudioLabelConfig {
    let url = studioData.appendingPathComponent(path)
    return try LabelStudioLabelConfig(xml: Data(contentsOf: url), file: url.path)
}

private func studioError(_ json: String, _ importer: LabelStudioImporter = LabelStudioImporter()) -> ImportError? {
    do {
        _ = try importer.parse(Data(json.utf8), file: "tasks.json")
        return nil
    } catch {
        return error
    }
}

/// `expected_conversions.json`.
private struct Conversions: Decodable {
    struct Rectangle: Decodable {
        struct Input: Decodable { var x, y, width, height: Double }
        var input: Input
        var expected: [Double]
    }
    struct Rotated: Decodable {
        struct Input: Decodable { var original_width, original_height: Int; var x, y, width, height, rotation: Double }
        var input: Input
        var expected: [[Double]]
    }
    struct Cases<Case: Decodable>: Decodable { var cases: [Case] }
    var ls_rectangle_to_yolo: Cases<Rectangle>
    var ls_rotated_rectangle_to_yolo_obb: Cases<Rotated>

    static func load() throws -> Conversions {
        try JSONDecoder().decode(Conversions.self, from: Data(contentsOf: studioData.appendingPathComponent("expected_conversions.json")))
    }
}

/// One task on `a.jpg` with one annotated region of `type` and `value` (a JSON object body).
private func task(type: String, value: String, size: String = #", "original_width": 2800, "original_height": 2800"#) -> String {
    #"[{"id": 1, "data": {"image": "/data/upload/3/a.jpg"}, "annotations": [{"id": 9, "completed_by": 4, "result": [{"id": "r1", "type": ""# + type + #"""# + size + #", "value": {"# + value + "}}]}]}]"
}

private func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
}

@Suite("Label Studio import")
struct LabelStudioFormatTests {
    @Test("rectangle → YOLO: the SDK's three cases reproduce to 1e-9")
    func rectangleToYOLO() throws {
        let cases = try Conversions.load().ls_rectangle_to_yolo.cases
        #expect(cases.count == 3)
        for item in cases {
            let i = item.input
            let json = task(type: "rectanglelabels", value: #""x": \#(i.x), "y": \#(i.y), "width": \#(i.width), "height": \#(i.height), "rotation": 0, "rectanglelabels": ["c"]"#)
            let batch = try LabelStudioImporter().parse(Data(json.utf8), file: "t.json")
            guard case .box(let box) = batch.annotations.first?.geometry else { Issue.record("no box"); continue }
            let yolo = box.relativeCenterForm(imageWidth: 2800, imageHeight: 2800)
            #expect(close([yolo.cx, yolo.cy, yolo.w, yolo.h], item.expected, 1e-9), "\(item.expected)")
        }
        // The same three regions are the first three of test_export_yolo/data.json.
        let batch = try studio("sdk-tests/test_export_yolo/data.json")
        for (annotation, item) in zip(batch.annotations, cases) {
            guard case .box(let box) = annotation.geometry else { Issue.record("no box"); continue }
            let yolo = box.relativeCenterForm(imageWidth: 2800, imageHeight: 2800)
            #expect(close([yolo.cx, yolo.cy, yolo.w, yolo.h], item.expected, 1e-9))
        }
    }

    @Test("rotated rectangle → four corners (YOLO-OBB): the SDK's three cases reproduce to 1e-9")
    func rotatedToOBB() throws {
        let cases = try Conversions.load().ls_rotated_rectangle_to_yolo_obb.cases
        #expect(cases.count == 3)
        for item in cases {
            let i = item.input
            let json = task(type: "rectanglelabels",
                            value: #""x": \#(i.x), "y": \#(i.y), "width": \#(i.width), "height": \#(i.height), "rotation": \#(i.rotation), "rectanglelabels": ["b"]"#,
                            size: #", "original_width": \#(i.original_width), "original_height": \#(i.original_height)"#)
            let batch = try LabelStudioImporter().parse(Data(json.utf8), file: "t.json")
            guard case .polygon(let polygon) = batch.annotations.first?.geometry else { Issue.record("no polygon"); continue }
            let ring = try #require(polygon.rings.first)
            var normalized: [Double] = []
            for index in stride(from: 0, to: ring.count, by: 2) {
                normalized += [ring[index] / Double(i.original_width), ring[index + 1] / Double(i.original_height)]
            }
            #expect(close(normalized, item.expected.flatMap { $0 }, 1e-9), "\(normalized) vs \(item.expected)")
        }
        let obb = try studio("sdk-tests/test_export_yolo/data_obb.json")
        #expect(obb.rows.map(\.key) == ["image1", "image2", "image3"])
        #expect(obb.rows.map(\.width) == [597, 433, 716])
        #expect(obb.annotations.count == 25)
        #expect(obb.annotations.allSatisfy { $0.geometry.kind == .polygon })
        // Case 2 is region 2 of the first task.
        guard case .polygon(let second) = obb.annotations[1].geometry else { Issue.record("no polygon"); return }
        let expected = cases[1].expected.flatMap { $0 }
        let scaled = second.rings[0].enumerated().map { $1 / ($0 % 2 == 0 ? 597.0 : 768.0) }
        #expect(close(scaled, expected, 1e-9))
        #expect(Set(obb.classes.map(\.name)) == ["Butterfly", "butterfly"])
    }

    @Test("test_export_coco: box px = percent/100 × (500, 320), a 3-point polygon, keypoints; config order")
    func exportCOCO() throws {
        let expected = [159.70961887477313, 13.163120567375884, 31.76043557168784, 31.773049645390074]
        let batch = try studio("sdk-tests/test_export_coco/data.json",
                               LabelStudioImporter(labelConfig: try config("sdk-tests/test_export_coco/label_config.xml")))
        #expect(batch.rows == [DataRow(key: "test_image1.jpg", uri: "test_image1.jpg", kind: .image, width: 500, height: 320)])
        #expect(batch.classes.map(\.name) == ["rectangle_label", "polygon_label", "keypoint_label1", "keypoint_label2"])
        #expect(batch.annotations.count == 4)
        #expect(batch.warnings.isEmpty)
        guard case .box(let box) = batch.annotations[0].geometry else { Issue.record("no box"); return }
        #expect(close([box.x, box.y, box.width, box.height], expected, 1e-9))
        guard case .polygon(let polygon) = batch.annotations[1].geometry else { Issue.record("no polygon"); return }
        #expect(polygon.rings.count == 1 && polygon.rings[0].count == 6)
        #expect(close(polygon.rings[0], [41.74228675136116 * 5, 3.546099290780142 * 3.2, 41.560798548094375 * 5,
                                         12.198581560283687 * 3.2, 45.37205081669691 * 5, 12.4822695035461 * 3.2], 1e-9))
        #expect(batch.annotations[2].className == "keypoint_label1")
        guard case .point(let x, let y) = batch.annotations[2].geometry else { Issue.record("no point"); return }
        #expect(abs(x - 22.595281306715066 * 5) < 1e-9 && abs(y - 31.773049645390074 * 3.2) < 1e-9)
        #expect(batch.annotations.allSatisfy { $0.attributes == ["annotation_id": .number(60205850)] && $0.author == nil })
    }

    @Test("csv_test: predictions take the region score, one run per model_version; sizes from the task's annotations")
    func csvScores() throws {
        let batch = try studio("sdk-tests/test_export_csv/csv_test.json")
        #expect(batch.rows.map(\.key) == ["0030019819f25b28.jpg", "00155094b7acc33b.jpg"])
        #expect(batch.rows.map(\.kind) == [.image, .image])
        #expect(batch.rows[0].uri == "https://data.heartex.net/open-images/train_0/mini/0030019819f25b28.jpg")
        #expect(batch.rows.map(\.height) == [576, 510])
        #expect(batch.predictions.map(\.score) == [0.23053804129850775, 0.2962464632651445])
        #expect(batch.predictions.map(\.runName) == ["model 0", "model 0"])
        #expect(batch.predictions.first?.geometry == .box(BoundingBox(x: 3.63 / 100 * 768, y: 10.19 / 100 * 576,
                                                                      width: 92.51 / 100 * 768, height: 71.76 / 100 * 576)))
        #expect(batch.annotations.map(\.author) == ["1", "1", "1"])
        #expect(batch.annotations.map { $0.attributes["annotation_id"] } == [.number(7), .number(8), .number(8)])
    }

    @Test("a prediction without a region score takes the prediction's score")
    func predictionScore() throws {
        let json = #"{"data": {"image": "x.png"}, "predictions": [{"model_version": "v2", "score": 0.5, "result": [{"type": "choices", "value": {"choices": ["cat", "dog"]}}]}]}"#
        let batch = try LabelStudioImporter().parse(Data(json.utf8), file: "t.json")
        #expect(batch.predictions == [PredictionSpec(runName: "v2", rowKey: "x.png", className: "cat", geometry: .none, score: 0.5),
                                      PredictionSpec(runName: "v2", rowKey: "x.png", className: "dog", geometry: .none, score: 0.5)])
    }

    @Test("image_bbox_tasks: two model versions give two runs; sizes from the resolver; Moonwalker is reported")
    func twoRuns() throws {
        let importer = LabelStudioImporter(labelConfig: try config("docs-and-examples/image_bbox_config.xml"),
                                           imageSize: { _, _ in ImageSize(width: 1000, height: 500) })
        let batch = try studio("docs-and-examples/image_bbox_tasks.json", importer)
        #expect(batch.rows.count == 3)
        #expect(batch.rows[0].key == "nick-owuor-astro-nic-visuals-wDifg5xc9Z4-unsplash.jpg")
        #expect(batch.rows[0].width == 1000 && batch.rows[1].width == nil)
        #expect(batch.predictions.map(\.runName) == ["model 1", "model 2"])
        #expect(Set(batch.predictions.map(\.runName)).count == 2)
        #expect(batch.predictions.allSatisfy { $0.rowKey == batch.rows[0].key && $0.className == "Moonwalker" && $0.score == nil })
        guard case .box(let box) = batch.predictions[0].geometry else { Issue.record("no box"); return }
        #expect(close([box.x, box.y, box.width, box.height], [132, 173.512476007500, 396, 58.0614203455], 1e-9))
        #expect(batch.classes.map(\.name) == ["Airplane", "Car", "Moonwalker"])
        #expect(batch.warnings.count == 1)
        #expect(batch.warnings[0].message.contains("label 'Moonwalker' is not in the label config"))
        #expect(batch.warnings[0].count == 2)
        #expect(batch.warnings[0].location == .jsonPath("$[0].predictions[0].result[0].value"))
    }

    @Test("sizes from an images folder: the header of <folder>/<row key>; an unreadable image is an error")
    func imagesFolder() throws {
        let images = studioData.deletingLastPathComponent().appendingPathComponent("voc100-detections/images")
        let json = #"[{"id": 3, "data": {"image": "/data/upload/1/2007_000027.jpg"}, "annotations": [{"result": [{"id": "k", "type": "keypointlabels", "value": {"x": 50, "y": 10, "keypointlabels": ["p"]}}]}]}]"#
        let batch = try LabelStudioImporter(imagesDirectory: images).parse(Data(json.utf8), file: "t.json")
        #expect(batch.rows.first?.width == 486 && batch.rows.first?.height == 500)
        #expect(batch.annotations.first?.geometry == .point(x: 243, y: 50))
        // The resolver is asked first.
        let resolved = try LabelStudioImporter(imageSize: { _, _ in ImageSize(width: 100, height: 100) }, imagesDirectory: images)
            .parse(Data(json.utf8), file: "t.json")
        #expect(resolved.annotations.first?.geometry == .point(x: 50, y: 10))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("not an image".utf8).write(to: folder.appendingPathComponent("2007_000027.jpg"))
        let error = try #require(studioError(json, LabelStudioImporter(imagesDirectory: folder)))
        #expect(error.file.hasSuffix("/2007_000027.jpg"))
        let missing = try #require(studioError(json, LabelStudioImporter(imagesDirectory: folder.appendingPathComponent("none"))))
        #expect(missing.message.contains("task 3, region 'k': no image size"))
    }

    @Test("two annotators: both annotations are kept with their authors and annotation ids")
    func twoAnnotators() throws {
        let batch = try studio("sdk-tests/test_export_yolo/data.json")
        #expect(batch.rows.map(\.key) == ["image1", "image2"])
        #expect(batch.rows.map(\.width) == [2800, 2800])
        #expect(batch.annotations.count == 6)
        #expect(batch.annotations.map(\.author) == ["2", "2", "1", "1", "1", "1"])
        #expect(batch.annotations.map { $0.attributes["annotation_id"] } == [1, 1, 2, 2, 3, 3].map { .number($0) })
        #expect(batch.annotations.map(\.rowKey) == ["image1", "image1", "image1", "image1", "image2", "image2"])
        #expect(Set(batch.annotations.filter { $0.rowKey == "image1" }.compactMap(\.author)) == ["1", "2"])
        #expect(batch.classes.map(\.name) == ["parasites", "white"])
    }

    @Test("docs examples: single task objects, string annotation id, predictions without model_version, choices")
    func docsExamples() throws {
        let format = try studio("docs-and-examples/docs_task_format_example.json",
                                LabelStudioImporter(imageSize: { key, reference in
                                    key == "1.jpg" && reference.hasPrefix("https://example.com/") ? ImageSize(width: 200, height: 100) : nil
                                }))
        #expect(format.rows.map(\.key) == ["1.jpg"])
        #expect(format.annotations.first?.author == "10")
        #expect(format.annotations.first?.attributes == ["annotation_id": .string("1001")])
        #expect(format.annotations.first?.geometry == .box(BoundingBox(x: 101.6, y: 5.869797225186766, width: 24.8, height: 10.458911419423693)))
        #expect(format.predictions.map(\.runName) == ["model 1", "model 2"])

        let config = try config("docs-and-examples/docs_predictions_example_config.xml")
        #expect(config.imageKey == "image")
        #expect(config.controls.map(\.name) == ["choice", "label"])
        let predictions = try studio("docs-and-examples/docs_predictions_example_task.json", LabelStudioImporter(labelConfig: config))
        #expect(predictions.rows.map(\.key) == ["sample.jpg"])
        #expect(predictions.rows.first?.uri == "http://localhost:8080/static/samples/sample.jpg")
        #expect(predictions.classes.map(\.name) == ["Boeing", "Airbus", "Airplane", "Car"])
        #expect(predictions.predictions.map(\.className) == ["Airplane", "Car", "Airbus"])
        #expect(predictions.predictions.map(\.runName) == [nil, nil, nil])
        #expect(predictions.predictions.last?.geometry == Geometry.none)
        #expect(predictions.predictions.first?.geometry == .box(BoundingBox(x: 4.98 / 100 * 600, y: 12.82 / 100 * 403,
                                                                            width: 32.52 / 100 * 600, height: 44.91 / 100 * 403)))
        #expect(predictions.warnings.isEmpty)
    }

    @Test("keypoints with relations, polygons, uploaded-file keys")
    func keypointsAndPolygons() throws {
        let keypoints = try studio("sdk-tests/test_export_yolo/data_keypoints.json")
        #expect(keypoints.rows.map(\.key) == ["image1.jpg"])
        #expect(keypoints.annotations.map(\.geometry.kind) == [.point, .point, .point, .box])
        #expect(keypoints.annotations.allSatisfy { $0.author == "1" })
        #expect(keypoints.warnings.count == 1)
        #expect(keypoints.warnings[0].message.contains("'relation'"))
        #expect(keypoints.warnings[0].count == 5)
        let polygons = try studio("sdk-tests/test_export_yolo/data_polygons.json")
        guard case .polygon(let polygon) = polygons.annotations.first?.geometry else { Issue.record("no polygon"); return }
        #expect(polygon.rings[0].count == 74)
        #expect(abs(polygon.rings[0][0] - 384) < 1e-9)
        let minimal = try studio("sdk-tests/test_export_json_min/data.json")
        #expect(minimal.rows.map(\.key) == ["example.png"])
        #expect(minimal.rows.first?.width == 128)
    }

    @Test("text tasks are keyed by task id; choices import, spans are reported")
    func textTasks() throws {
        let json = #"[{"id": 5, "data": {"text": "hello there"}, "annotations": [{"id": 1, "completed_by": 3, "result": [{"type": "choices", "value": {"choices": ["spam"]}}, {"type": "labels", "value": {"start": 0, "end": 5, "labels": ["PER"]}}]}]}, {"id": 6, "data": {"audio": "a.wav"}}]"#
        let batch = try LabelStudioImporter().parse(Data(json.utf8), file: "text.json")
        #expect(batch.rows == [DataRow(key: "5", kind: .text, text: "hello there")])
        #expect(batch.annotations == [AnnotationSpec(rowKey: "5", className: "spam", geometry: .none,
                                                     attributes: ["annotation_id": .number(1)], author: "3")])
        #expect(batch.classes.map(\.name) == ["spam"])
        #expect(batch.warnings.map(\.message).contains { $0.contains("'labels'") })
        #expect(batch.warnings.map(\.message).contains { $0.contains("without image or text") })
    }

    @Test("row keys from image references; task-id keys; cancelled annotations")
    func rowKeys() throws {
        let name = LabelStudioImporter.fileName(fromImageReference:)
        #expect(name("/data/upload/18/image1.jpg") == "image1.jpg")
        #expect(name("/data/local-files/?d=photos/a%20b.jpg") == "a b.jpg")
        #expect(name("/data/local-files/?d=photos%2Fc.jpg") == "c.jpg")
        #expect(name("https://host/x/y.jpg?token=1#frag") == "y.jpg")
        #expect(name("s3://bucket/k/z.png") == "z.png")
        #expect(name("plain.jpg") == "plain.jpg")
        let json = #"[{"id": 7, "data": {"image": "/data/upload/1/a.jpg"}, "annotations": [{"was_cancelled": true, "result": []}]}, {"id": 8, "data": {"image": "b/a.jpg"}}]"#
        let byTask = try LabelStudioImporter(rowKey: .taskID).parse(Data(json.utf8), file: "t.json")
        #expect(byTask.rows.map(\.key) == ["7", "8"])
        #expect(byTask.rows.map(\.uri) == ["7", "8"])
        let byName = try LabelStudioImporter().parse(Data(json.utf8), file: "t.json")
        #expect(byName.rows.map(\.key) == ["a.jpg"])
        #expect(byName.warnings.map(\.message).contains { $0.contains("cancelled") })
        #expect(byName.warnings.map(\.message).contains { $0.contains("same row key") })
    }

    // MARK: Bad input

    @Test("missing size names the task and region")
    func missingSize() throws {
        let error = try #require(studioError(task(type: "rectanglelabels", value: #""x": 1, "y": 2, "width": 3, "height": 4, "rectanglelabels": ["c"]"#, size: "")))
        #expect(error.file == "tasks.json")
        #expect(error.location == .jsonPath("$[0].annotations[0].result[0]"))
        #expect(error.message.contains("task 1, region 'r1': no image size"))
        let docs = try #require({ () -> ImportError? in
            do { _ = try studio("docs-and-examples/image_bbox_tasks.json"); return nil } catch { return error as? ImportError }
        }())
        #expect(docs.file.hasSuffix("image_bbox_tasks.json"))
        #expect(docs.location == .jsonPath("$[0].predictions[0].result[0]"))
        #expect(docs.message.contains("the task at $[0], region 't5sp3TyXPo': no image size"))
        // A resolver that does not know the image does not help.
        let unknown = try #require(studioError(task(type: "keypointlabels", value: #""x": 1, "y": 2"#, size: ""),
                                               LabelStudioImporter(imageSize: { _, _ in nil })))
        #expect(unknown.message.contains("no size is known for 'a.jpg'"))
    }

    @Test("a truncated file names the line")
    func truncated() throws {
        let json = "[\n  {\"data\": {\"image\": \"a.jpg\"},\n   \"annotations\": [{\"result\": [\n"
        let error = try #require(studioError(json))
        #expect(error.file == "tasks.json")
        #expect(error.location == .line(4))
        #expect(error.message.contains("invalid JSON"))
    }

    @Test("a non-numeric coordinate names its JSON path")
    func nonNumeric() throws {
        let error = try #require(studioError(task(type: "rectanglelabels", value: #""x": "12%", "y": 2, "width": 3, "height": 4, "rectanglelabels": ["c"]"#)))
        #expect(error.location == .jsonPath("$[0].annotations[0].result[0].value.x"))
        #expect(error.message.contains("expected a number"))
        let missing = try #require(studioError(task(type: "keypointlabels", value: #""x": 2, "keypointlabels": ["c"]"#)))
        #expect(missing.location == .jsonPath("$[0].annotations[0].result[0].value"))
        #expect(missing.message.contains("missing required key 'y'"))
        let point = try #require(studioError(task(type: "polygonlabels", value: #""points": [[1, 2], [3, 4, 5], [6, 7]], "polygonlabels": ["c"]"#)))
        #expect(point.location == .jsonPath("$[0].annotations[0].result[0].value.points[1]"))
        #expect(point.message.contains("expected a point [x, y]"))
    }

    @Test("structural errors: no data, negative size, not an array of tasks")
    func structural() throws {
        let noData = try #require(studioError(#"[{"id": 1, "annotations": []}]"#))
        #expect(noData.location == .jsonPath("$[0]"))
        #expect(noData.message.contains("missing required key 'data'"))
        let negative = try #require(studioError(task(type: "rectanglelabels", value: #""x": 1, "y": 2, "width": -3, "height": 4, "rectanglelabels": ["c"]"#)))
        #expect(negative.location == .jsonPath("$[0].annotations[0].result[0].value"))
        #expect(negative.message.contains("non-negative"))
        let text = try #require(studioError(#"[{"data": {"text": "no id"}}]"#))
        #expect(text.message.contains("needs an 'id'"))
        let scalar = try #require(studioError("42"))
        #expect(scalar.file == "tasks.json")
        let badConfig: ImportError? = {
            do { _ = try LabelStudioLabelConfig(xml: Data("<View>\n<Image name='x'>\n</View>".utf8), file: "c.xml"); return nil } catch { return error as? ImportError }
        }()
        #expect(badConfig?.location == .line(3))
        #expect(badConfig?.file == "c.xml")
    }
}
