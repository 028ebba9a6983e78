/// Any JSON object key, for reading objects whose keys say what they are.
struct LabelboxKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// One top-level JSON value of a Labelbox file: an NDJSON annotation or prediction record, or
/// one row of the legacy v1 export (recognized by its `DataRow ID`, `External ID` or `Label` key).
enum LabelboxLine: Decodable {
    case record(LabelboxObject)
    case exportRow(LabelboxExportRow)

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: LabelboxKey.self)
        let exportKeys = ["DataRow ID", "External ID", "Label"]
        if exportKeys.contains(where: { container.contains(LabelboxKey($0)) }) {
            self = .exportRow(try LabelboxExportRow(from: decoder))
        } else {
            self = .record(try LabelboxObject(from: decoder))
        }
    }
}

/// The `dataRow` reference of an NDJSON record.
struct LabelboxDataRowReference: Decodable {
    var id: String?
    var globalKey: String?
}

/// `{x, y}` in pixels.
struct LabelboxPoint: Decodable {
    var x: Double
    var y: Double
}

/// `{top, left, height, width}` in pixels.
struct LabelboxBox: Decodable {
    var top: Double
    var left: Double
    var height: Double
    var width: Double
}

/// A feature's name as Labelbox gives it: NDJSON uses `name` or `schemaId`, the v1 export
/// `title` and `value`. The first present of name, title, value, schemaId is used.
protocol LabelboxNamed {
    var name: String? { get }
    var title: String? { get }
    var value: String? { get }
    var schemaId: String? { get }
}

extension LabelboxNamed {
    /// The feature's name, `nil` when none of the four keys is present.
    var featureName: String? {
        for candidate in [name, title, value, schemaId] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        return nil
    }
}

/// One option chosen in a radio or checklist answer.
struct LabelboxAnswer: Decodable, LabelboxNamed {
    var name: String?
    var title: String?
    var value: String?
    var schemaId: String?
    var confidence: Double?
    /// Classifications nested under this option.
    var classifications: [LabelboxClassification]?
}

/// A classification's answer: one option (radio), several (checklist) or free text.
enum LabelboxAnswerValue: Decodable {
    case option(LabelboxAnswer)
    case options([LabelboxAnswer])
    case text(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if (try? decoder.unkeyedContainer()) != nil {
            self = .options(try container.decode([LabelboxAnswer].self))
        } else {
            self = .option(try container.decode(LabelboxAnswer.self))
        }
    }
}

/// A classification question with its answer, at top level or nested under an object.
struct LabelboxClassification: Decodable, LabelboxNamed {
    var name: String?
    var title: String?
    var value: String?
    var schemaId: String?
    var answer: LabelboxAnswerValue?
    /// The v1 export's checklist form.
    var answers: [LabelboxAnswer]?

    /// `answer`, or the v1 `answers` list.
    var chosen: LabelboxAnswerValue? { answer ?? answers.map { .options($0) } }
}

/// An NDJSON record or a v1 export object: every key optional, and the set of keys present so
/// that kinds Loupe does not import (video, PDF, text entities, relationships, metrics) are told
/// apart and reported.
struct LabelboxObject: Decodable, LabelboxNamed {
    var keys: Set<String>
    var name: String?
    var title: String?
    var value: String?
    var schemaId: String?
    var dataRow: LabelboxDataRowReference?
    var confidence: Double?
    var bbox: LabelboxBox?
    var polygon: [LabelboxPoint]?
    var point: LabelboxPoint?
    var answer: LabelboxAnswerValue?
    var classifications: [LabelboxClassification]?

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: LabelboxKey.self)
        keys = Set(container.allKeys.map(\.stringValue))
        func field<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
            try container.decodeIfPresent(type, forKey: LabelboxKey(key))
        }
        name = try field(String.self, "name")
        title = try field(String.self, "title")
        value = try field(String.self, "value")
        schemaId = try field(String.self, "schemaId")
        dataRow = try field(LabelboxDataRowReference.self, "dataRow")
        confidence = try field(Double.self, "confidence")
        // Kinds that are skipped are not decoded, so their shapes cannot fail the import.
        let skipped = ["metricValue", "frames", "segments", "page", "textSelections", "location", "messageId",
                       "relationship", "data"]
        if skipped.contains(where: keys.contains) { return }
        bbox = try field(LabelboxBox.self, "bbox")
        polygon = try field([LabelboxPoint].self, "polygon")
        point = try field(LabelboxPoint.self, "point")
        answer = try field(LabelboxAnswerValue.self, "answer")
        classifications = try field([LabelboxClassification].self, "classifications")
    }
}

/// One row of the legacy Labelbox v1 export (`image_export.json`).
struct LabelboxExportRow: Decodable {
    /// The export's `Label`: objects and classifications, or a skip marker.
    struct Label: Decodable {
        var objects: [LabelboxObject]?
        var classifications: [LabelboxClassification]?
    }

    var dataRowID: String?
    var externalID: String?
    var createdBy: String?
    var skipped: Bool
    var label: Label?

    private enum CodingKeys: String, CodingKey {
        case dataRowID = "DataRow ID", externalID = "External ID", createdBy = "Created By", skipped = "Skipped"
        case label = "Label"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dataRowID = try container.decodeIfPresent(String.self, forKey: .dataRowID)
        externalID = try container.decodeIfPresent(String.self, forKey: .externalID)
        createdBy = try container.decodeIfPresent(String.self, forKey: .createdBy)
        skipped = try container.decodeIfPresent(Bool.self, forKey: .skipped) ?? false
        // Old exports write `"Label": "Skip"` for skipped rows.
        if (try? container.decode(String.self, forKey: .label)) != nil {
            skipped = true
        } else {
            label = try container.decodeIfPresent(Label.self, forKey: .label)
        }
    }
}
