import Foundation
import LoupeCore
import Testing
@testable import LoupeCatalog


private func parseJSONL(_ text: String, mode: JSONLImporter.Mode = .groundTruth,
                        probabilityClasses: [String]? = nil) throws(ImportError) -> ImportBatch {
    try JSONLImporter(mode: mode, probabilityClasses: probabilityClasses).parse(Data(text.utf8), file: "rows.jsonl")
}

private func jsonlError(_ text: String, mode: JSONLImporter.Mode = .groundTruth,
                        probabilityClasses: [String]? = nil) -> ImportError? {
    do {
        _ = try parseJSONL(text, mode: mode, probabilityClasses: probabilityClasses)
        return nil
    } catch {
        return error
    }
}


/// Import, materialize, export, import: the second batch must equal the first.
private func roundTrip(_ batch: ImportBatch) throws -> (ImportBatch, Data) {
    let exported = JSONLExporter().export(DatasetContents(materializing: batch))
    return (try JSONLImporter().parse(exported, file: "exported.jsonl"), exported)
}

/// The SMS Spam Collection as (label, text) pairs; the file's first line is a header.
private func smsMessages() throws -> [(label: String, text: String)] {
    let text = try String(contentsOf: sharedData.appendingPathComponent("sms-spam/SMSSpamCollection.tsv"), encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst().map { line in
        let tab = line.firstIndex(of: "\t")!
        return (String(line[..<tab]), String(line[line.index(after: tab)...]))
    }
}

@Suite("JSONL import and export")
struct JSONLFormatTests {
    @Test("rows: every field, typed metadata, kind from text, unlabeled rows, first-seen classes")
    func groundTruthFields() throws {
        let batch = try parseJSONL("""
            {"key": "a.jpg", "label": "dog", "split": "train", "uri": "imgs/a.jpg", "width": 640, "height": 480, \
            "tags": ["night", "blurry", "night"], "metadata": {"camera": "x100", "iso": 400, "exposure": 0.5e-2, \
            "flash": false, "taken": "2024-05-01T12:00:00Z", "day": "2024-05-01", "note": null, "code": "2024-13-01"}}
            {"key": "b.jpg"}
            {"key": "sms-1", "label": "cat", "text": "Ok lar... \\"joking\\" \\u00e9\\ud83d\\ude00"}
            {"key": "c.jpg", "label": "dog", "kind": "image", "text": "a caption"}
            """)
        #expect(batch.source == "rows.jsonl")
        #expect(batch.rows.map(\.key) == ["a.jpg", "b.jpg", "sms-1", "c.jpg"])
        #expect(batch.rows.map(\.kind) == [.image, .image, .text, .image])
        let a = batch.rows[0]
        #expect(a.uri == "imgs/a.jpg" && a.split == "train" && a.width == 640 && a.height == 480)
        #expect(a.tags == ["blurry", "night"])
        #expect(a.metadata == [
            "camera": .string("x100"), "iso": .number(400), "exposure": .number(0.005), "flash": .bool(false),
            "taken": .date(Date(timeIntervalSince1970: 1_714_564_800)), "day": .date(Date(timeIntervalSince1970: 1_714_521_600)),
            "code": .string("2024-13-01"),
        ])
        #expect(batch.rows[1] == DataRow(key: "b.jpg"))
        #expect(batch.rows[2].text == "Ok lar... \"joking\" é😀")
        #expect(batch.annotations == [
            AnnotationSpec(rowKey: "a.jpg", className: "dog", geometry: .none),
            AnnotationSpec(rowKey: "sms-1", className: "cat", geometry: .none),
            AnnotationSpec(rowKey: "c.jpg", className: "dog", geometry: .none),
        ])
        #expect(batch.classes.map(\.name) == ["dog", "cat"])
        #expect(batch.predictions.isEmpty && batch.probabilityClasses == nil && batch.warnings.isEmpty)
    }

    @Test("blank lines are skipped but counted; CRLF and a byte order mark are accepted")
    func lineEndings() throws {
        let text = "\u{FEFF}{\"key\": \"a\"}\r\n\r\n   \n{\"key\": \"b\", \"label\": \"x\"}\r\n\n"
        let batch = try parseJSONL(text)
        #expect(batch.rows.map(\.key) == ["a", "b"])
        let error = jsonlError("\u{FEFF}{\"key\": \"a\"}\r\n\r\n\n{\"key\": \"a\"}\r\n")
        #expect(error?.location == .lineAndPath(4, "$.key"))
        #expect(error?.message == "duplicate key 'a': already on line 1")
        #expect(try parseJSONL("").rows.isEmpty)
    }

    @Test("a header line declares the classes in order; labels must be among them")
    func classHeader() throws {
        let batch = try parseJSONL("""
            {"classes": ["cat", "dog", "bird"]}
            {"key": "a", "label": "dog"}
            """)
        #expect(batch.classes.map(\.name) == ["cat", "dog", "bird"])
        let unknown = jsonlError("{\"classes\": [\"cat\"]}\n{\"key\": \"a\", \"label\": \"dog\"}")
        #expect(unknown?.location == .lineAndPath(2, "$.label"))
        #expect(unknown?.message.contains("class 'dog' is not in the header's class list") == true)
        let late = jsonlError("{\"key\": \"a\"}\n{\"classes\": [\"cat\"]}")
        #expect(late?.location == .lineAndPath(2, "$.classes"))
        #expect(late?.message.contains("first line") == true)
        let twice = jsonlError("{\"classes\": [\"cat\", \"cat\"]}")
        #expect(twice?.location == .lineAndPath(1, "$.classes[1]"))
    }

    @Test("unknown fields and fields of the other mode are ignored with counted warnings")
    func warnings() throws {
        let batch = try parseJSONL("""
            {"key": "a", "lable": "cat"}
            {"key": "b", "lable": "dog", "score": 0.5, "extra": {"deep": [1, {"x": null}]}}
            """)
        #expect(batch.rows.count == 2 && batch.annotations.isEmpty)
        #expect(batch.warnings.map(\.message) == ["unknown field 'lable' ignored", "unknown field 'extra' ignored",
                                                  "field 'score' is read only in predictions mode; ignored"])
        #expect(batch.warnings[0].count == 2 && batch.warnings[0].location == .lineAndPath(1, "$.lable"))
    }

    @Test("bad lines: the file, the line, the JSON path and what was expected")
    func badInput() {
        func check(_ text: String, _ location: LoupeCatalog.SourceLocation, _ fragment: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let error = jsonlError(text)
            #expect(error?.file == "rows.jsonl", sourceLocation: sourceLocation)
            #expect(error?.location == location, sourceLocation: sourceLocation)
            #expect(error?.message.contains(fragment) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        }
        /// Malformed JSON: worded by JSONDecoder (`line 2`) or, where it is lenient, by the parser (`line 2, $.x`).
        func checkSyntax(_ text: String, line: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let error = jsonlError(text)
            #expect(error?.file == "rows.jsonl", sourceLocation: sourceLocation)
            let onLine: Bool
            switch error?.location {
            case .line(line)?: onLine = true
            case .lineAndPath(line, _)?: onLine = true
            default: onLine = false
            }
            #expect(onLine, "\(String(describing: error))", sourceLocation: sourceLocation)
            #expect(error?.message.contains("invalid JSON") == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        }
        checkSyntax("{\"key\": \"a\"}\n{\"key\": \"b\", \"label\": \"ca", line: 2)
        checkSyntax("{\"key\": \"a\"}\n{\"key\": \"b\", ", line: 2)
        checkSyntax("{\"key\": \"a\",}", line: 1)
        checkSyntax("{\"key\": \"a\"} x", line: 1)
        checkSyntax("{\"key\": \"a\", \"width\": 01}", line: 1)
        checkSyntax("{\"key\": \"a\", \"metadata\": {\"x\": NaN}}", line: 1)
        check("{\"label\": \"cat\"}", .lineAndPath(1, "$"), "missing required key 'key'")
        check("{\"key\": null}", .lineAndPath(1, "$"), "expected a string, found null")
        check("{\"key\": \"\"}", .lineAndPath(1, "$.key"), "the key is empty")
        check("{\"key\": \"a\"}\n{\"key\": \"b\"}\n\n{\"key\": \"a\"}", .lineAndPath(4, "$.key"), "duplicate key 'a': already on line 1")
        check("{\"key\": 7}", .lineAndPath(1, "$.key"), "expected a string")
        check("{\"key\": \"a\", \"width\": \"wide\"}", .lineAndPath(1, "$.width"), "expected an integer")
        check("{\"key\": \"a\", \"width\": 10.5}", .lineAndPath(1, "$.width"), "10.5")
        check("{\"key\": \"a\", \"height\": -3}", .lineAndPath(1, "$.height"), "expected a positive integer")
        check("{\"key\": \"a\", \"width\": 0, \"height\": 5}", .lineAndPath(1, "$.width"), "expected a positive integer, found 0")
        check("{\"key\": \"a\", \"width\": 640}", .lineAndPath(1, "$.height"), "width and height go together")
        check("{\"key\": \"a\", \"split\": \"\"}", .lineAndPath(1, "$.split"), "found an empty string")
        check("{\"key\": \"a\", \"tags\": [\"x\", \"\"]}", .lineAndPath(1, "$.tags[1]"), "found an empty string")
        check("{\"key\": \"a\", \"tags\": \"night\"}", .lineAndPath(1, "$.tags"), "expected")
        check("{\"key\": \"a\", \"tags\": [\"x\", 3]}", .lineAndPath(1, "$.tags[1]"), "expected a string")
        check("{\"key\": \"a\", \"metadata\": {\"exif\": {\"iso\": 100}}}", .lineAndPath(1, "$.metadata.exif"), "expected a scalar")
        check("{\"key\": \"a\", \"metadata\": {\"sizes\": [1, 2]}}", .lineAndPath(1, "$.metadata.sizes"), "nested objects and arrays")
        check("{\"key\": \"a\", \"metadata\": [1]}", .lineAndPath(1, "$.metadata"), "expected")
        check("{\"key\": \"a\", \"kind\": \"video\"}", .lineAndPath(1, "$.kind"), "expected \"image\" or \"text\"")
        check("{\"key\": \"a\", \"label\": \"a\", \"label\": \"b\"}", .lineAndPath(1, "$.label"), "given twice")
        check("[1, 2]", .lineAndPath(1, "$"), "expected a JSON object, found an array")
        check("{\"key\": \"a\", \"annotations\": [{\"class\": \"cat\", \"box\": [1, 2, 3]}]}",
              .lineAndPath(1, "$.annotations[0].box"), "expected [x, y, width, height]")
        check("{\"key\": \"a\", \"annotations\": [{\"box\": [1, 2, 3, -4]}]}", .lineAndPath(1, "$.annotations[0].box"), "negative")
        check("{\"key\": \"a\", \"annotations\": [{\"mask\": {\"size\": [2, 2], \"counts\": [1, 2]}}]}",
              .lineAndPath(1, "$.annotations[0].mask.counts"), "do not add up")
        check("{\"key\": \"a\", \"annotations\": [{\"box\": [0, 0, 1, 1], \"point\": [1, 1]}]}",
              .lineAndPath(1, "$.annotations[0].point"), "one shape")
    }

    @Test("invalid UTF-8 in a string is refused")
    func invalidUTF8() {
        var data = Data("{\"key\": \"a".utf8)
        data.append(contentsOf: [0xFF, 0xFE])
        data.append(contentsOf: Array("\"}\n".utf8))
        #expect(throws: ImportError.self) { try JSONLImporter().parse(data, file: "rows.jsonl") }
    }

    // MARK: Predictions

    @Test("predictions: object probabilities set the class order; label is the argmax, score its probability")
    func predictionsNamed() throws {
        let batch = try parseJSONL("""
            {"key": "a", "probabilities": {"cat": 0.1, "dog": 0.9}}
            {"key": "b", "probabilities": {"dog": 0.25, "cat": 0.75}}
            {"key": "c", "probabilities": {"cat": 0.5, "dog": 0.5}}
            {"key": "d", "label": "dog", "score": 0.4}
            {"key": "e", "label": "dog", "probabilities": {"cat": 0.6, "dog": 0.4}}
            """, mode: .predictions)
        #expect(batch.rows.isEmpty && batch.annotations.isEmpty)
        #expect(batch.probabilityClasses == ["cat", "dog"])
        #expect(batch.classes.map(\.name) == ["cat", "dog"])
        #expect(batch.predictions == [
            PredictionSpec(rowKey: "a", className: "dog", geometry: .none, score: 0.9, probabilities: [0.1, 0.9]),
            PredictionSpec(rowKey: "b", className: "cat", geometry: .none, score: 0.75, probabilities: [0.75, 0.25]),
            PredictionSpec(rowKey: "c", className: "cat", geometry: .none, score: 0.5, probabilities: [0.5, 0.5]),
            PredictionSpec(rowKey: "d", className: "dog", geometry: .none, score: 0.4),
            PredictionSpec(rowKey: "e", className: "dog", geometry: .none, score: 0.4, probabilities: [0.6, 0.4]),
        ])
    }

    @Test("predictions: array probabilities take the order of the header line or of the option")
    func predictionsArray() throws {
        let header = try parseJSONL("{\"classes\": [\"ham\", \"spam\"]}\n{\"key\": \"a\", \"probabilities\": [0.2, 0.8]}",
                                    mode: .predictions)
        #expect(header.probabilityClasses == ["ham", "spam"])
        #expect(header.predictions == [PredictionSpec(rowKey: "a", className: "spam", geometry: .none, score: 0.8, probabilities: [0.2, 0.8])])
        let option = try parseJSONL("{\"key\": \"a\", \"probabilities\": [0.2, 0.8]}", mode: .predictions,
                                    probabilityClasses: ["ham", "spam"])
        #expect(option.predictions == header.predictions)
        let mismatch = jsonlError("{\"classes\": [\"spam\", \"ham\"]}", mode: .predictions, probabilityClasses: ["ham", "spam"])
        #expect(mismatch?.location == .lineAndPath(1, "$.classes"))
        #expect(mismatch?.message.contains("differ from the probabilityClasses option") == true)
    }

    @Test("predictions: bad probabilities and labels name the line and path")
    func predictionErrors() {
        func check(_ text: String, _ location: LoupeCatalog.SourceLocation, _ fragment: String, classes: [String]? = nil,
                   sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let error = jsonlError(text, mode: .predictions, probabilityClasses: classes)
            #expect(error?.file == "rows.jsonl", sourceLocation: sourceLocation)
            #expect(error?.location == location, sourceLocation: sourceLocation)
            #expect(error?.message.contains(fragment) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        }
        check("{\"key\": \"a\", \"probabilities\": [0.5, 0.5]}", .lineAndPath(1, "$.probabilities"), "need the class order")
        check("{\"key\": \"a\", \"probabilities\": [0.5, 0.5, 0]}", .lineAndPath(1, "$.probabilities"), "3 probabilities for 2 classes",
              classes: ["x", "y"])
        check("{\"key\": \"a\", \"probabilities\": [0.5, 0.6]}", .lineAndPath(1, "$.probabilities"), "sum to 1.1", classes: ["x", "y"])
        check("{\"key\": \"a\", \"probabilities\": [1.5, -0.5]}", .lineAndPath(1, "$.probabilities[0]"), "in [0, 1]", classes: ["x", "y"])
        check("{\"key\": \"a\", \"probabilities\": {\"x\": 1.2, \"y\": -0.2}}", .lineAndPath(1, "$.probabilities.x"), "in [0, 1]")
        check("{\"key\": \"a\", \"probabilities\": {\"x\": 0.5, \"y\": 0.5}}\n{\"key\": \"b\", \"probabilities\": {\"x\": 1}}",
              .lineAndPath(2, "$.probabilities"), "no probability for class 'y'")
        check("{\"key\": \"a\", \"probabilities\": {\"x\": 0.5, \"z\": 0.5}}", .lineAndPath(1, "$.probabilities.z"), "not in the class list",
              classes: ["x", "y"])
        check("{\"key\": \"a\", \"label\": \"q\", \"probabilities\": [0.5, 0.5]}", .lineAndPath(1, "$.label"),
              "not among the probability classes", classes: ["x", "y"])
        check("{\"key\": \"a\"}", .lineAndPath(1, "$"), "a label or class probabilities")
        check("{\"key\": \"a\", \"label\": \"x\", \"score\": \"high\"}", .lineAndPath(1, "$.score"), "expected")
        check("{\"key\": \"a\", \"label\": \"x\"}\n{\"key\": \"a\", \"label\": \"y\"}", .lineAndPath(2, "$.key"), "already on line 1")
        check("{\"key\": \"a\", \"probabilities\": \"x\"}", .lineAndPath(1, "$.probabilities"), "expected")
    }

    @Test("numbers parse exactly as Double(String) does (seeded random decimal texts)")
    func numberParsing() throws {
        for seed in 0..<20 {
            var generator = SplitMix64(seed: UInt64(seed))
            var texts: [String] = []
            func digits(_ count: Int) -> String {
                (0..<count).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            }
            for _ in 0..<200 {
                var text = Bool.random(using: &generator) ? "-" : ""
                text += Bool.random(using: &generator) ? "0" : String(Int.random(in: 1...9, using: &generator)) + digits(Int.random(in: 0...10, using: &generator))
                if Bool.random(using: &generator) { text += "." + digits(Int.random(in: 1...14, using: &generator)) }
                if Bool.random(using: &generator) { text += ["e", "E"].randomElement(using: &generator)! + String(Int.random(in: -330...290, using: &generator)) }
                texts.append(text)
            }
            let metadata = texts.enumerated().map { "\"n\($0.offset)\": \($0.element)" }.joined(separator: ", ")
            let batch = try parseJSONL("{\"key\": \"a\", \"metadata\": {\(metadata)}}")
            for (index, text) in texts.enumerated() {
                let expected = Double(text)!
                guard expected.isFinite else { continue }
                #expect(batch.rows[0].metadata["n\(index)"] == .number(expected), "seed \(seed): \(text)")
            }
        }
    }

    @Test("ties go to the lowest class index")
    func argmaxTies() {
        #expect(ClassificationPredictionRules.argmax([0.2, 0.4, 0.4]) == 1)
        #expect(ClassificationPredictionRules.argmax([0.5, 0.5]) == 0)
        #expect(ClassificationPredictionRules.problem(in: [0.3334, 0.3333, 0.3333]) == nil)
        #expect(ClassificationPredictionRules.problem(in: [0.3, 0.3, 0.3]) != nil)
    }
}

extension JSONLFormatTests {
    @Test("SMS Spam Collection: 5,574 text rows, 4,827 ham and 747 spam, round trip")
    func smsSpam() throws {
        struct Line: Encodable { var key: String; var label: String; var text: String }
        let messages = try smsMessages()
        let encoder = JSONEncoder()
        var data = Data()
        for (index, message) in messages.enumerated() {
            data.append(try encoder.encode(Line(key: "sms-\(index + 1)", label: message.label, text: message.text)))
            data.append(0x0A)
        }
        let batch = try JSONLImporter().parse(data, file: "sms.jsonl")
        #expect(batch.rows.count == 5_574)
        #expect(batch.rows.allSatisfy { $0.kind == .text })
        #expect(batch.rows.map(\.text) == messages.map(\.text))
        #expect(batch.annotations.filter { $0.className == "ham" }.count == 4_827)
        #expect(batch.annotations.filter { $0.className == "spam" }.count == 747)
        #expect(batch.classes.map(\.name) == ["ham", "spam"])
        #expect(batch.rows.contains { $0.text?.contains("£") == true } && batch.rows.contains { $0.text?.contains("&lt;#&gt;") == true })
        let (again, _) = try roundTrip(batch)
        #expect(again.rows == batch.rows)
        #expect(again.annotations == batch.annotations)
        #expect(again.classes == batch.classes)
    }

    @Test("export: header, field order, sorted metadata, label or annotations, shortest numbers")
    func exportFormat() throws {
        let batch = ImportBatch(source: "x", classes: [ClassSpec(name: "cat"), ClassSpec(name: "dog"), ClassSpec(name: "unused")], rows: [
            DataRow(key: "a.jpg", uri: "imgs/a.jpg", width: 640, height: 480, split: "train",
                    metadata: ["z": .number(3), "a": .string("line\n\"two\""), "t": .date(Date(timeIntervalSince1970: 1.5)),
                               "f": .number(0.1), "b": .bool(true)], tags: ["night", "blurry"]),
            DataRow(key: "b.jpg"),
            DataRow(key: "t1", kind: .text, text: "hi\tthere"),
        ], annotations: [
            AnnotationSpec(rowKey: "a.jpg", className: "dog", geometry: .none),
            AnnotationSpec(rowKey: "b.jpg", className: "cat", geometry: .box(BoundingBox(x: 1, y: 2.5, width: 3, height: 4)),
                           isCrowd: true, area: 12, attributes: ["occluded": .bool(false)]),
            AnnotationSpec(rowKey: "b.jpg", className: nil, geometry: .point(x: 5, y: 6)),
            AnnotationSpec(rowKey: "t1", className: "cat", geometry: .none, attributes: ["question": .string("q")]),
        ])
        let text = String(decoding: JSONLExporter().export(DatasetContents(materializing: batch)), as: UTF8.self)
        #expect(text == """
            {"classes":["cat","dog","unused"]}
            {"key":"a.jpg","uri":"imgs/a.jpg","kind":"image","split":"train","width":640,"height":480,"tags":["blurry","night"],\
            "metadata":{"a":"line\\n\\"two\\"","b":true,"f":0.1,"t":"1970-01-01T00:00:01.500Z","z":3},"label":"dog"}
            {"key":"b.jpg","kind":"image","annotations":[{"class":"cat","box":[1,2.5,3,4],"iscrowd":true,"area":12,\
            "attributes":{"occluded":false}},{"point":[5,6]}]}
            {"key":"t1","kind":"text","text":"hi\\tthere","annotations":[{"class":"cat","attributes":{"question":"q"}}]}

            """)
        let bare = String(decoding: JSONLExporter(classHeader: false).export(DatasetContents(materializing: batch)), as: UTF8.self)
        #expect(bare.hasPrefix("{\"key\":\"a.jpg\""))
    }

    @Test("round trip keeps every geometry, attribute, date and the class order")
    func roundTripGeometries() throws {
        let mask = RunLengthMask(height: 3, width: 2, counts: [1, 3, 2])
        let batch = try parseJSONL("""
            {"key": "r1", "uri": "a.png", "width": 2, "height": 3, "tags": ["x"], "metadata": {"when": "2024-02-29T23:59:59.25+01:00", "n": -1.25e-7}, \
            "annotations": [{"class": "b", "polygon": [[0, 0, 2, 0, 2, 3]], "area": 3}, \
            {"class": "a", "mask": {"size": [3, 2], "counts": [1, 3, 2]}, "iscrowd": 1}, \
            {"class": "a", "box": [0.5, 0.25, 1e3, 7]}, {"point": [1, 2], "attributes": {"v": "2024-01-01", "k": 2}}]}
            {"key": "r2", "label": "c", "split": "val"}
            {"key": "r3", "kind": "text", "text": ""}
            """)
        #expect(batch.annotations.map(\.geometry.kind) == [.polygon, .mask, .box, .point, .none])
        #expect(batch.annotations[1].geometry == .mask(mask) && batch.annotations[1].isCrowd)
        #expect(batch.classes.map(\.name) == ["b", "a", "c"])
        let (again, exported) = try roundTrip(batch)
        #expect(again.rows == batch.rows, "\(String(decoding: exported, as: UTF8.self))")
        #expect(again.annotations == batch.annotations)
        #expect(again.classes == batch.classes)
        #expect(JSONLExporter().export(DatasetContents(materializing: again)) == exported)
    }

    @Test("large files are read in parallel chunks with the same result, line numbers and first error")
    func chunkedFile() throws {
        var text = ""
        let count = 120_000
        for index in 0..<count {
            let label = index == 100_000 ? "late" : ["a", "b"][index % 2]
            text += "{\"key\":\"row-\(index)\",\"label\":\"\(label)\",\"metadata\":{\"i\":\(index),\"s\":\"x\(index % 7)\"}}\n"
        }
        let data = Data(text.utf8)
        #expect(data.count > 4 << 20)
        let pieces = data.withUnsafeBytes { JSONLImporter.chunks(of: $0.bindMemory(to: UInt8.self), firstLine: 1).map(\.1) }
        #expect(pieces.count > 1 && pieces.first == 1)
        let batch = try JSONLImporter().parse(data, file: "big.jsonl")
        #expect(batch.rows.count == count)
        #expect(batch.rows.map(\.key) == (0..<count).map { "row-\($0)" })
        #expect(batch.rows[99_999].metadata["i"] == .number(99_999))
        #expect(batch.classes.map(\.name) == ["a", "b", "late"])
        // A duplicate far from its first line, and a later syntax error: the duplicate comes first.
        let broken = text + "{\"key\":\"row-3\"}\n{\"key\":\n"
        let error = jsonlError(broken)
        #expect(error?.location == .lineAndPath(count + 1, "$.key"))
        #expect(error?.message == "duplicate key 'row-3': already on line 4")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines[110_000] = "{\"key\": 5}"
        #expect(jsonlError(lines.joined(separator: "\n"))?.location == .lineAndPath(110_001, "$.key"))
    }
}
