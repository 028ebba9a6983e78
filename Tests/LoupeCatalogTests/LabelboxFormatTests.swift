import Foundation
import LoupeCore
import Testing
@testable import LoupeCatalog

private let labelboxData = sharedData.appendingPathComponent("labelbox-ndjson")

/// The array form (`ndjson/X.json`) of a fixture.
private func fixture(_ name: String, asPredictions: Bool = false) throws -> ImportBatch {
    try LabelboxImporter(asPredictions: asPredictions).read(contentsOf: labelboxData.appendingPathComponent("ndjson/\(name).json"))
}

/// The one-object-per-line form (`ndjson_lines/X.ndjson`) of a fixture.
private func lines(_ name: String, asPredictions: Bool = false) throws -> ImportBatch {
    try LabelboxImporter(asPredictions: asPredictions).read(contentsOf: labelboxData.appendingPathComponent("ndjson_lines/\(name).ndjson"))
}

private func labelboxError(_ text: String, file: String = "bad.ndjson") -> ImportError? {
    do {
        _ = try LabelboxImporter().parse(Data(text.utf8), file: file)
        return nil
    } catch {
        return error
    }
}

private let imageRow = "ckrazctum0z8a0ybc0b0o0g0v"
private let classificationRow = "ckrb1sf1i1g7i0ybcdc6oc8ct"

@Suite("Labelbox import")
struct LabelboxFormatTests {
    @Test("rectangle_import: left=x1, top=y1, width=x2−x1, height=y2−y1 (Rectangle (38,28)–(81,69))")
    func rectangle() throws {
        for batch in [try fixture("rectangle_import"), try lines("rectangle_import")] {
            #expect(batch.rows == [DataRow(key: classificationRow, kind: .image)])
            #expect(batch.classes == [ClassSpec(name: "bbox")])
            #expect(batch.annotations == [AnnotationSpec(rowKey: classificationRow, className: "bbox",
                                                         geometry: .box(BoundingBox(x1: 38, y1: 28, x2: 81, y2: 69)))])
            #expect(batch.predictions.isEmpty && batch.warnings.isEmpty)
        }
    }

    @Test("image_import: confidences → predictions, point without one → ground truth, mask skipped")
    func image() throws {
        let box = BoundingBox(x1: 2275, y1: 1352, x2: 2414, y2: 1702)
        let polygon = Polygon(rings: [[10, 20, 15, 20, 20, 25, 10, 20]])
        for (batch, place) in [(try fixture("image_import"), LoupeCatalog.SourceLocation.jsonPath("$[1]")),
                               (try lines("image_import"), .lineAndPath(2, "$"))] {
            #expect(batch.rows.map(\.key) == [imageRow])
            #expect(batch.predictions == [
                PredictionSpec(rowKey: imageRow, className: "ckrazcueb16og0z6609jj7y3y", geometry: .box(box), score: 0.851),
                PredictionSpec(rowKey: imageRow, className: "ckrazcuec16oi0z66dzrd8pfl", geometry: .polygon(polygon), score: 0.986),
            ])
            #expect(batch.annotations == [AnnotationSpec(rowKey: imageRow, className: "ckrazcuec16om0z66bhhh4tp7",
                                                         geometry: .point(x: 2122, y: 1457))])
            #expect(batch.classes.map(\.name) == ["ckrazcueb16og0z6609jj7y3y", "ckrazcuec16oi0z66dzrd8pfl", "ckrazcuec16om0z66bhhh4tp7"])
            #expect(batch.warnings.count == 1)
            #expect(batch.warnings.first?.message.contains("instanceURI") == true)
            #expect(batch.warnings.first?.location == place)
        }
        let named = try fixture("image_import_name_only")
        #expect(named.predictions.map(\.score) == [0.851, 0.986])
        #expect(named.annotations.count == 1 && named.warnings.count == 1)
    }

    @Test("asPredictions makes every object a prediction; confidence is kept as the score")
    func forcedPredictions() throws {
        let batch = try fixture("image_import", asPredictions: true)
        #expect(batch.annotations.isEmpty)
        #expect(batch.predictions.map(\.score) == [0.851, 0.986, nil])
        #expect(batch.predictions.last?.geometry == .point(x: 2122, y: 1457))
        let rectangle = try lines("rectangle_import", asPredictions: true)
        #expect(rectangle.predictions == [PredictionSpec(rowKey: classificationRow, className: "bbox",
                                                         geometry: .box(BoundingBox(x: 38, y: 28, width: 43, height: 41)), score: nil)])
    }

    @Test("classification_import: radio and checklist answers with confidence → .none predictions; free text → row metadata")
    func classifications() throws {
        for batch in [try fixture("classification_import"), try lines("classification_import")] {
            #expect(batch.predictions == [
                PredictionSpec(rowKey: classificationRow, className: "ckrb1sfl8099g0y91cxbd5ftb", geometry: .none, score: 0.8),
                PredictionSpec(rowKey: classificationRow, className: "ckrb1sfl8099e0y919v260awv", geometry: .none, score: 0.82),
            ])
            #expect(batch.annotations.isEmpty)
            #expect(batch.rows.count == 1)
            #expect(batch.rows.first?.metadata == ["ckrb1sfkn099c0y910wbo0p1a": .string("a value")])
            #expect(batch.warnings.isEmpty)
        }
        let named = try fixture("classification_import_name_only")
        #expect(named.predictions.map(\.className) == ["choice 1", "choice 2"])
        #expect(named.predictions.map(\.score) == [0.99, 0.945])
        #expect(named.rows.first?.metadata == ["classification c": .string("a value")])
    }

    @Test("radio and checklist answers without confidence are ground truth with their question")
    func groundTruthClassification() throws {
        let text = """
        {"dataRow": {"globalKey": "cat.jpg", "id": "x"}, "name": "animal", "answer": {"name": "cat"}}
        {"dataRow": {"id": "y"}, "name": "tags", "answer": [{"name": "indoor"}, {"name": "blurry"}]}
        """
        let batch = try LabelboxImporter().parse(Data(text.utf8), file: "gt.ndjson")
        #expect(batch.rows.map(\.key) == ["cat.jpg", "y"])
        #expect(batch.annotations == [
            AnnotationSpec(rowKey: "cat.jpg", className: "cat", geometry: .none, attributes: ["question": .string("animal")]),
            AnnotationSpec(rowKey: "y", className: "indoor", geometry: .none, attributes: ["question": .string("tags")]),
            AnnotationSpec(rowKey: "y", className: "blurry", geometry: .none, attributes: ["question": .string("tags")]),
        ])
        let forced = try LabelboxImporter(asPredictions: true).parse(Data(text.utf8), file: "gt.ndjson")
        #expect(forced.predictions.map(\.className) == ["cat", "indoor", "blurry"])
        #expect(forced.predictions.allSatisfy { $0.score == nil && $0.geometry == .none })
    }

    @Test("a classification record's own confidence is the score when its answer has none")
    func recordConfidence() throws {
        let text = #"{"dataRow": {"id": "z"}, "name": "q", "confidence": 0.4, "answer": [{"name": "yes"}, {"name": "no", "confidence": 0.1}]}"#
        let batch = try LabelboxImporter().parse(Data(text.utf8), file: "c.ndjson")
        #expect(batch.predictions == [PredictionSpec(rowKey: "z", className: "yes", geometry: .none, score: 0.4),
                                      PredictionSpec(rowKey: "z", className: "no", geometry: .none, score: 0.1)])
        #expect(batch.annotations.isEmpty)
    }

    @Test("nested classifications become attributes {question: answer}")
    func nested() throws {
        let batch = try fixture("nested_import")
        let question = "ckrb1sfkn099c0y910wbo0p1a"
        #expect(batch.predictions.isEmpty)
        #expect(batch.annotations.map(\.attributes) == [
            [question: .string("ckrb1sfl8099g0y91cxbd5ftb")],
            [question: .string("ckrb1sfl8099e0y919v260awv")],
            [question: .string("ckrb1sfl8099e0y919v260awv")],
            [question: .string("a string")],
        ])
        #expect(batch.annotations.map(\.geometry) == [
            .box(BoundingBox(x: 2275, y: 1352, width: 139, height: 350)),
            .box(BoundingBox(x: 2089, y: 1251, width: 158, height: 428)),
            .box(BoundingBox(x: 2089, y: 1251, width: 158, height: 428)),
            .box(BoundingBox(x: 2089, y: 1251, width: 158, height: 428)),
        ])
        let named = try lines("nested_import_name_only")
        #expect(named.classes.map(\.name) == ["box a", "box b", "box c"])
        #expect(named.annotations.map(\.attributes) == [
            ["classification a": .string("first answer")],
            ["classification b": .string("second answer")],
            ["classification c": .string("third answer")],
            ["a string": .string("a string")],
        ])
    }

    @Test("unsupported kinds are counted warnings, not errors")
    func unsupported() throws {
        func check(_ name: String, _ fragment: String, count: Int, rows: Int = 0) throws {
            for batch in [try fixture(name), try lines(name)] {
                let matching = batch.warnings.filter { $0.message.contains(fragment) }
                #expect(matching.count == 1, "\(name): \(batch.warnings)")
                #expect(matching.first?.count == count, "\(name)")
                #expect(batch.rows.count == rows, "\(name)")
            }
        }
        try check("polyline_import", "polylines are not supported", count: 1)
        try check("polyline_without_confidence_import", "polylines are not supported", count: 1)
        try check("text_entity_import", "text entity", count: 1)
        try check("text_entity_without_confidence_import", "text entity", count: 1)
        try check("conversation_entity_import", "text entity", count: 1)
        try check("pdf_import", "PDF", count: 7)
        try check("relationship_import", "relationships are not supported", count: 2, rows: 2)
        try check("video_import", "video", count: 5, rows: 1)
        try check("metric_import", "custom metrics import is not supported yet", count: 1)
        try check("custom_scalar_import", "custom metrics import is not supported yet", count: 3)
        try check("custom_confusion_matrix_import", "custom metrics import is not supported yet", count: 3)
        let relationships = try fixture("relationship_import")
        #expect(relationships.annotations.map(\.className) == ["cat", "dog", "cat", "dog"])
        #expect(relationships.warnings.first?.location == .jsonPath("$[2]"))
        let video = try lines("video_import")
        #expect(video.rows.first?.metadata == ["ckrb1sfkn099c0y910wbo0p1a": .string("a value")])
        #expect(video.warnings.first?.location == .lineAndPath(1, "$"))
    }

    @Test("v1 export: External ID else DataRow ID, title as class, nested answers, author, skipped kinds")
    func exportV1() throws {
        let batch = try LabelboxImporter().read(contentsOf: labelboxData.appendingPathComponent("labelbox_v1_export/image_export.json"))
        #expect(batch.rows.map(\.key) == ["ckr083n0e196n0ydk4uyzapvn"])
        #expect(batch.classes.map(\.name) == ["bounding_box", "polygon", "point"])
        #expect(batch.annotations.count == 7)
        #expect(batch.annotations.allSatisfy { $0.author == "msokoloff+11@labelbox.com" })
        #expect(batch.annotations[0].geometry == .box(BoundingBox(x: 965, y: 1333, width: 594, height: 186)))
        #expect(batch.annotations[1].attributes == [
            "has_handbag": .string("True"), "nested1": .string("nested_op1"), "super_nested_1": .string("super_nested_op1"),
            "ultra_nested": .string("ultra_nested_1"), "forever_nested": .string("hmmm"),
        ])
        #expect(batch.annotations[2].attributes == ["has_handbag": .string("False")])
        #expect(batch.annotations[4].geometry == .polygon(Polygon(rings: [[1450.321, 523.608, 1164.034, 920.127, 1712.112, 868.074,
                                                                           1428.887, 814.49, 1611.07, 659.863]])))
        #expect(batch.annotations[6].geometry == .point(x: 660.353, y: 140.867))
        #expect(batch.warnings.map(\.count) == [1, 2])
        #expect(batch.warnings[0].message.contains("instanceURI"))
        #expect(batch.warnings[0].location == .jsonPath("$.Label.objects[4]"))
        #expect(batch.warnings[1].message.contains("polylines"))

        let text = try LabelboxImporter().read(contentsOf: labelboxData.appendingPathComponent("labelbox_v1_export/text_export.json"))
        #expect(text.rows.map(\.key) == ["index.html"])
        #expect(text.annotations == [AnnotationSpec(rowKey: "index.html", className: "op1", geometry: .none,
                                                    attributes: ["question": .string("top_level_classification")],
                                                    author: "msokoloff+11@labelbox.com")])
        #expect(text.warnings.map(\.count) == [4])
    }

    @Test("v1 export as an array; skipped rows are reported")
    func exportArray() throws {
        let text = """
        [{"DataRow ID": "a", "External ID": "a.jpg", "Label": {"objects": [{"title": "car", "bbox": {"top": 1, "left": 2, "height": 3, "width": 4}}]}},
         {"DataRow ID": "b", "External ID": null, "Label": "Skip", "Skipped": true}]
        """
        let batch = try LabelboxImporter().parse(Data(text.utf8), file: "export.json")
        #expect(batch.rows.map(\.key) == ["a.jpg"])
        #expect(batch.annotations.first?.geometry == .box(BoundingBox(x: 2, y: 1, width: 4, height: 3)))
        #expect(batch.warnings.count == 1)
        #expect(batch.warnings.first?.location == .jsonPath("$[1]"))
    }

    // MARK: Bad input

    @Test("a truncated NDJSON line names its line")
    func truncatedLine() throws {
        let text = """
        {"dataRow": {"id": "r"}, "name": "a", "point": {"x": 1, "y": 2}}

        {"dataRow": {"id": "r"}, "name": "a", "bbox": {"top": 1, "left": 2,
        """
        let error = try #require(labelboxError(text))
        #expect(error.file == "bad.ndjson")
        #expect(error.location == .line(3))
        #expect(error.message.contains("invalid JSON"))
        #expect(error.message.contains("ends inside an object"))
    }

    @Test("a non-numeric coordinate names line and JSON path")
    func nonNumeric() throws {
        let text = """
        {"dataRow": {"id": "r"}, "name": "a", "point": {"x": 1, "y": 2}}
        {"dataRow": {"id": "r"}, "name": "a", "bbox": {"top": "12px", "left": 2, "height": 3, "width": 4}}
        """
        let error = try #require(labelboxError(text))
        #expect(error.location == .lineAndPath(2, "$.bbox.top"))
        #expect(error.message.contains("expected a number"))
        let polygon = try #require(labelboxError(#"[{"dataRow": {"id": "r"}, "name": "a", "polygon": [{"x": 1, "y": 2}, {"x": 1}]}]"#, file: "bad.json"))
        #expect(polygon.file == "bad.json")
        #expect(polygon.location == .jsonPath("$[0].polygon[1]"))
        #expect(polygon.message.contains("'y'"))
    }

    @Test("structural errors: no data row, no feature name, bad shapes, not JSON")
    func structural() throws {
        let noRow = try #require(labelboxError(#"{"name": "a", "point": {"x": 1, "y": 2}}"#))
        #expect(noRow.location == .lineAndPath(1, "$"))
        #expect(noRow.message.contains("dataRow"))
        let emptyRow = try #require(labelboxError(#"{"dataRow": {}, "name": "a", "point": {"x": 1, "y": 2}}"#))
        #expect(emptyRow.location == .lineAndPath(1, "$.dataRow"))
        let noName = try #require(labelboxError(#"{"dataRow": {"id": "r"}, "point": {"x": 1, "y": 2}}"#))
        #expect(noName.message.contains("'name' or 'schemaId'"))
        let negative = try #require(labelboxError(#"{"dataRow": {"id": "r"}, "name": "a", "bbox": {"top": 1, "left": 2, "height": -3, "width": 4}}"#))
        #expect(negative.location == .lineAndPath(1, "$.bbox"))
        #expect(negative.message.contains("non-negative"))
        let short = try #require(labelboxError(#"{"dataRow": {"id": "r"}, "name": "a", "polygon": [{"x": 1, "y": 2}, {"x": 3, "y": 4}]}"#))
        #expect(short.message.contains("at least 3 points"))
        let notJSON = try #require(labelboxError("\n  hello"))
        #expect(notJSON.location == .line(2))
        let array = try #require(labelboxError("[{\"dataRow\": {\"id\": \"r\"},\n \"name\": \"a\",,]", file: "bad.json"))
        #expect(array.location == .line(2))
        #expect(array.message.contains("invalid JSON"))
    }

    @Test("empty input is an empty batch; CRLF and a BOM are accepted")
    func emptyAndLineEndings() throws {
        #expect(try LabelboxImporter().parse(Data(" \n".utf8), file: "e.ndjson").rows.isEmpty)
        let text = "\u{FEFF}{\"dataRow\": {\"id\": \"r\"}, \"name\": \"a\", \"point\": {\"x\": 1, \"y\": 2}}\r\n\r\n{\"dataRow\": {\"id\": \"s\"}, \"name\": \"a\", \"point\": {\"x\": 3, \"y\": 4}}\r\n"
        let batch = try LabelboxImporter().parse(Data(text.utf8), file: "crlf.ndjson")
        #expect(batch.annotations.map(\.geometry) == [.point(x: 1, y: 2), .point(x: 3, y: 4)])
    }
}
