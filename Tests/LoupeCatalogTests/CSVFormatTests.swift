import Foundation
import Testing
@testable import LoupeCatalog


private func parseCSV(_ text: String, mode: CSVImporter.Mode = .groundTruth, delimiter: Character = ",") throws(ImportError) -> ImportBatch {
    try CSVImporter(mode: mode, delimiter: delimiter).parse(Data(text.utf8), file: "rows.csv")
}

private func csvError(_ text: String, mode: CSVImporter.Mode = .groundTruth) -> ImportError? {
    do {
        _ = try parseCSV(text, mode: mode)
        return nil
    } catch {
        return error
    }
}

/// A field quoted per RFC 4180 when it needs to be.
private func quoted(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

@Suite("CSV import")
struct CSVFormatTests {
    @Test("RFC 4180: quoted delimiters, doubled quotes, line breaks inside quotes, CRLF, a byte order mark")
    func quoting() throws {
        let text = "\u{FEFF}key,text,note\r\n"
            + "a,\"Hello, \"\"world\"\"\",plain\r\n"
            + "b,\"two\r\nlines\nhere\",\r\n"
            + "\r\n"
            + "c,,\"\"\r\n"
            + "d,last,no newline"
        let batch = try parseCSV(text)
        #expect(batch.rows.map(\.key) == ["a", "b", "c", "d"])
        #expect(batch.rows.map(\.text) == ["Hello, \"world\"", "two\r\nlines\nhere", nil, "last"])
        #expect(batch.rows.map(\.kind) == [.text, .text, .image, .text])
        #expect(batch.rows[0].metadata == ["note": .string("plain")])
        #expect(batch.rows[1].metadata.isEmpty && batch.rows[2].metadata.isEmpty)
        // Record b spans lines 3–5, the blank line is 6, so c starts on line 7.
        let error = csvError(text + "\r\nb,dup,x\r\n")
        #expect(error?.location == .line(9))
        #expect(error?.message == "column 'key': duplicate key 'b': already on line 3")
        #expect(csvError("key,text\nc,\"x\"\n\nc,y")?.message.contains("already on line 2") == true)
    }

    @Test("reserved columns and metadata typed per column; empty cells are absent")
    func columnTypes() throws {
        let batch = try parseCSV("""
            key,label,split,uri,width,height,tags,iso,ratio,flash,taken,zip,mixed,empty
            a.jpg,cat,train,imgs/a.jpg,640,480,night; blurry ;,100,0.5,TRUE,2024-05-01,00123,2024-05-01,
            b.jpg,,val,,,,,-2e3,,false,2024-05-02T10:00:00Z,7,hello,
            c.jpg,dog,,,,,,,.25,True,,,,
            """)
        #expect(batch.rows.count == 3)
        let a = batch.rows[0]
        #expect(a.split == "train" && a.uri == "imgs/a.jpg" && a.width == 640 && a.height == 480 && a.kind == .image)
        #expect(a.tags == ["blurry", "night"])
        #expect(a.metadata == ["iso": .number(100), "ratio": .number(0.5), "flash": .bool(true),
                               "taken": .date(Date(timeIntervalSince1970: 1_714_521_600)), "zip": .number(123),
                               "mixed": .string("2024-05-01")])
        #expect(batch.rows[1].metadata == ["iso": .number(-2000), "flash": .bool(false),
                                           "taken": .date(Date(timeIntervalSince1970: 1_714_644_000)), "zip": .number(7),
                                           "mixed": .string("hello")])
        #expect(batch.rows[2].metadata == ["ratio": .number(0.25), "flash": .bool(true)])
        #expect(batch.rows[1].split == "val" && batch.rows[1].uri == nil && batch.rows[1].width == nil)
        #expect(batch.annotations == [AnnotationSpec(rowKey: "a.jpg", className: "cat", geometry: .none),
                                      AnnotationSpec(rowKey: "c.jpg", className: "dog", geometry: .none)])
        #expect(batch.classes.map(\.name) == ["cat", "dog"])
        #expect(CSVColumnType.infer(["1", "x"]) == .string)
        #expect(CSVColumnType.infer(["inf", "nan"]) == .string)
        #expect(CSVColumnType.infer(["1e5", "+3", "-.5", "4."]) == .number)
        #expect(CSVColumnType.infer(["1", "true"]) == .string)
    }

    @Test("tab-separated values with the same quoting rules")
    func tabs() throws {
        let batch = try parseCSV("key\tlabel\tnote\na\tham\t\"x\ty\"\n", delimiter: "\t")
        #expect(batch.rows.first?.metadata == ["note": .string("x\ty")])
        #expect(batch.annotations.first?.className == "ham")
    }

    @Test("SMS Spam Collection written as CSV: 5,574 rows, 4,827 ham, 747 spam, texts exact")
    func smsSpam() throws {
        let text = try String(contentsOf: sharedData.appendingPathComponent("sms-spam/SMSSpamCollection.tsv"), encoding: .utf8)
        let messages = text.split(separator: "\n").dropFirst().map { line in
            let tab = line.firstIndex(of: "\t")!
            return (label: String(line[..<tab]), text: String(line[line.index(after: tab)...]))
        }
        var csv = "key,label,text\r\n"
        for (index, message) in messages.enumerated() { csv += "sms-\(index + 1),\(message.label),\(quoted(message.text))\r\n" }
        let batch = try parseCSV(csv)
        #expect(batch.rows.count == 5_574)
        #expect(batch.rows.map(\.text) == messages.map(\.text))
        #expect(batch.rows.allSatisfy { $0.kind == .text })
        #expect(batch.annotations.filter { $0.className == "ham" }.count == 4_827)
        #expect(batch.annotations.filter { $0.className == "spam" }.count == 747)
    }

    @Test("bad files: the file, the line and the column")
    func badInput() {
        func check(_ text: String, _ location: LoupeCatalog.SourceLocation?, _ fragment: String, mode: CSVImporter.Mode = .groundTruth,
                   sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let error = csvError(text, mode: mode)
            #expect(error?.file == "rows.csv", sourceLocation: sourceLocation)
            #expect(error?.location == location, sourceLocation: sourceLocation)
            #expect(error?.message.contains(fragment) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        }
        check("", nil, "expected a header line")
        check("id,label\na,cat", .line(1), "no 'key' column; the columns are 'id', 'label'")
        check("key,x,x\na,1,2", .line(1), "column 'x' appears twice")
        check("key,,x\na,1,2", .line(1), "column 2 has no name")
        check("key,label\na,cat\nb", .line(3), "1 fields, the header has 2")
        check("key,label\na,cat,extra", .line(2), "3 fields, the header has 2")
        check("key,text\na,\"open\nstill open", .line(2), "a quoted field is not closed")
        check("key,text\na,say \"hi\"", .line(2), "a quote inside an unquoted field")
        check("key,text\na,\"hi\" there", .line(2), "text after the closing quote")
        check("key,width\na,wide", .line(2), "column 'width': expected a positive integer, found 'wide'")
        check("key,height\na,-4", .line(2), "column 'height': expected a positive integer")
        check("key,width,height\na,0,4", .line(2), "column 'width': expected a positive integer, found '0'")
        check("key,width,height\na,640,", .line(2), "column 'height': width and height go together")
        check("key,label\n,cat", .line(2), "column 'key': the key is empty")
        check("key,label\na,cat\n\"a\",dog", .line(3), "column 'key': duplicate key 'a': already on line 2")
        check("key,prob_\na,1", .line(1), "names no class", mode: .predictions)
        check("key,prob_x,prob_y\na,0.5,", .line(2), "column 'prob_y': empty", mode: .predictions)
        check("key,prob_x,prob_y\na,0.5,half", .line(2), "column 'prob_y': expected a number, found 'half'", mode: .predictions)
        check("key,prob_x,prob_y\na,1.5,-0.5", .line(2), "column 'prob_x': expected a probability in [0, 1]", mode: .predictions)
        check("key,prob_x,prob_y\na,0.5,0.6", .line(2), "columns 'prob_…': probabilities sum to 1.1", mode: .predictions)
        check("key,label,prob_x,prob_y\na,z,0.5,0.5", .line(2), "column 'label': class 'z'", mode: .predictions)
        check("key,label,score\na,x,high", .line(2), "column 'score': expected a number", mode: .predictions)
        check("key,score\na,0.5", .line(2), "column 'label': a prediction needs a label or class probabilities", mode: .predictions)
        check("key,label\na,x\na,y", .line(3), "already on line 2", mode: .predictions)
    }

    @Test("predictions: prob_<class> columns give the class order, the argmax label and its score")
    func predictions() throws {
        let batch = try parseCSV("""
            key,label,score,prob_cat,prob_dog,model_note
            a,,,0.1,0.9,x
            b,cat,,0.75,0.25,
            c,,0.3,0.5,0.5,
            d,dog,0.8,,,
            """, mode: .predictions)
        #expect(batch.rows.isEmpty)
        #expect(batch.probabilityClasses == ["cat", "dog"])
        #expect(batch.classes.map(\.name) == ["cat", "dog"])
        #expect(batch.predictions == [
            PredictionSpec(rowKey: "a", className: "dog", geometry: .none, score: 0.9, probabilities: [0.1, 0.9]),
            PredictionSpec(rowKey: "b", className: "cat", geometry: .none, score: 0.75, probabilities: [0.75, 0.25]),
            PredictionSpec(rowKey: "c", className: "cat", geometry: .none, score: 0.3, probabilities: [0.5, 0.5]),
            PredictionSpec(rowKey: "d", className: "dog", geometry: .none, score: 0.8),
        ])
        #expect(batch.warnings.map(\.message) == ["column 'model_note' is not read in predictions mode; ignored"])
        let labels = try parseCSV("key,label,score\nx,spam,0.97\ny,ham,\n", mode: .predictions)
        #expect(labels.probabilityClasses == nil)
        #expect(labels.predictions.map(\.className) == ["spam", "ham"] && labels.predictions.map(\.score) == [0.97, nil])
    }
}
