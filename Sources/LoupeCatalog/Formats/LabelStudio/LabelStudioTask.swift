/// An id Label Studio writes as a number or a string.
enum LabelStudioID: Decodable, CustomStringConvertible {
    case number(Int)
    case text(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    var description: String {
        switch self {
        case .number(let number): String(number)
        case .text(let text): text
        }
    }

    /// A number attribute for numeric ids, a string otherwise.
    var metadata: MetadataValue {
        switch self {
        case .number(let number): .number(Double(number))
        case .text(let text): .string(text)
        }
    }
}

/// A `data` value: Loupe reads strings (image references, texts) and ignores the rest.
enum LabelStudioDataValue: Decodable {
    case text(String)
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { self = .text(text) } else { self = .other }
    }

    var string: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

/// One Label Studio task: its data and the annotations and predictions on it.
struct LabelStudioTask: Decodable {
    var id: LabelStudioID?
    var data: [String: LabelStudioDataValue]
    var annotations: [LabelStudioAnnotation]
    /// `annotations`, or `completions` in exports from Label Studio before 1.0.
    var annotationsKey: String
    var predictions: [LabelStudioPrediction]

    private enum CodingKeys: String, CodingKey {
        case id, data, annotations, completions, predictions
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(LabelStudioID.self, forKey: .id)
        data = try container.decode([String: LabelStudioDataValue].self, forKey: .data)
        if let annotations = try container.decodeIfPresent([LabelStudioAnnotation].self, forKey: .annotations) {
            self.annotations = annotations
            annotationsKey = "annotations"
        } else {
            annotations = try container.decodeIfPresent([LabelStudioAnnotation].self, forKey: .completions) ?? []
            annotationsKey = "completions"
        }
        predictions = try container.decodeIfPresent([LabelStudioPrediction].self, forKey: .predictions) ?? []
    }
}

/// Who completed an annotation: a user id, or a user object in full exports.
struct LabelStudioAuthor: Decodable {
    var name: String

    private enum CodingKeys: String, CodingKey { case id, email }

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer() {
            if let id = try? container.decode(Int.self) { name = String(id); return }
            if let text = try? container.decode(String.self) { name = text; return }
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try container.decodeIfPresent(LabelStudioID.self, forKey: .id) {
            name = id.description
        } else {
            name = try container.decodeIfPresent(String.self, forKey: .email) ?? ""
        }
    }
}

/// One person's annotation of a task.
struct LabelStudioAnnotation: Decodable {
    var id: LabelStudioID?
    var author: LabelStudioAuthor?
    var result: [LabelStudioRegion]
    var wasCancelled: Bool

    private enum CodingKeys: String, CodingKey {
        case id, result
        case author = "completed_by"
        case wasCancelled = "was_cancelled"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(LabelStudioID.self, forKey: .id)
        author = try container.decodeIfPresent(LabelStudioAuthor.self, forKey: .author)
        result = try container.decodeIfPresent([LabelStudioRegion].self, forKey: .result) ?? []
        wasCancelled = try container.decodeIfPresent(Bool.self, forKey: .wasCancelled) ?? false
    }
}

/// One model version's prediction on a task.
struct LabelStudioPrediction: Decodable {
    var modelVersion: String?
    var score: Double?
    var result: [LabelStudioRegion]

    private enum CodingKeys: String, CodingKey {
        case score, result
        case modelVersion = "model_version"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        modelVersion = try? container.decodeIfPresent(String.self, forKey: .modelVersion)
        if modelVersion == nil, let number = try? container.decodeIfPresent(Double.self, forKey: .modelVersion) {
            modelVersion = "\(number)"
        }
        score = try container.decodeIfPresent(Double.self, forKey: .score)
        result = try container.decodeIfPresent([LabelStudioRegion].self, forKey: .result) ?? []
    }
}

/// One `result[]` item. Its `value` is read only for the types Loupe imports, where the keys
/// that type needs are required (`x`, `y`, `width`, `height` for rectangles, `points` for
/// polygons, `x`, `y` for keypoints, the label list under the type's own key).
struct LabelStudioRegion: Decodable {
    /// The region types Loupe imports.
    static let supportedTypes: Set<String> = ["rectanglelabels", "rectangle", "polygonlabels", "polygon",
                                              "keypointlabels", "keypoint", "choices"]

    var id: String?
    var type: String
    var fromName: String?
    var originalWidth: Double?
    var originalHeight: Double?
    var score: Double?
    var x = 0.0, y = 0.0, width = 0.0, height = 0.0, rotation = 0.0
    var points: [[Double]] = []
    var closed = true
    var labels: [String] = []

    private enum CodingKeys: String, CodingKey {
        case id, type, score, value
        case fromName = "from_name"
        case originalWidth = "original_width", originalHeight = "original_height"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try? container.decodeIfPresent(LabelStudioID.self, forKey: .id)?.description
        type = try container.decode(String.self, forKey: .type)
        fromName = try container.decodeIfPresent(String.self, forKey: .fromName)
        guard Self.supportedTypes.contains(type) else { return }
        originalWidth = try container.decodeIfPresent(Double.self, forKey: .originalWidth)
        originalHeight = try container.decodeIfPresent(Double.self, forKey: .originalHeight)
        score = try container.decodeIfPresent(Double.self, forKey: .score)
        let value = try container.nestedContainer(keyedBy: ValueKey.self, forKey: .value)
        func number(_ key: String) throws -> Double { try value.decode(Double.self, forKey: ValueKey(key)) }
        switch type {
        case "rectanglelabels", "rectangle":
            (x, y, width, height) = (try number("x"), try number("y"), try number("width"), try number("height"))
            rotation = try value.decodeIfPresent(Double.self, forKey: ValueKey("rotation")) ?? 0
        case "polygonlabels", "polygon":
            points = try value.decode([[Double]].self, forKey: ValueKey("points"))
            closed = try value.decodeIfPresent(Bool.self, forKey: ValueKey("closed")) ?? true
        case "keypointlabels", "keypoint":
            (x, y) = (try number("x"), try number("y"))
        default:
            break
        }
        if type == "choices" {
            labels = try value.decode([String].self, forKey: ValueKey("choices"))
        } else if type.hasSuffix("labels") {
            labels = try value.decodeIfPresent([String].self, forKey: ValueKey(type)) ?? []
        }
    }
}

/// Any key of a region's `value` object.
private struct ValueKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
