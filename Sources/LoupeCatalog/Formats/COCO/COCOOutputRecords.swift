import LoupeCore

// The JSON shapes `COCOExporter` writes. Keys are sorted by the encoder.

struct COCODocumentOutput: Encodable {
    var info: [String: String]
    var licenses: [String]
    var images: [COCOImageOutput]
    var categories: [COCOCategoryOutput]
    var annotations: [COCOAnnotationOutput]
}

struct COCOImageOutput: Encodable {
    var id: Int
    var fileName: String
    var width: Int?
    var height: Int?
    var metadata: [String: MetadataValue]

    /// The keys COCO defines; metadata of these names is not written.
    private static let reserved: Set<String> = ["id", "file_name", "width", "height"]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: COCOKey.self)
        for (name, value) in metadata where !Self.reserved.contains(name) {
            try container.encode(value, forKey: COCOKey(name))
        }
        try container.encode(id, forKey: .id)
        try container.encode(fileName, forKey: .fileName)
        try container.encodeIfPresent(width, forKey: .width)
        try container.encodeIfPresent(height, forKey: .height)
    }
}

struct COCOCategoryOutput: Encodable {
    var id: Int
    var name: String
    var supercategory: String
}

struct COCOAnnotationOutput: Encodable {
    var id: Int
    var imageID: Int
    var categoryID: Int
    var bbox: BoundingBox
    var segmentation: COCOSegmentationOutput
    var area: Double
    var isCrowd: Bool
    var attributes: [String: MetadataValue]?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: COCOKey.self)
        try container.encode(id, forKey: .id)
        try container.encode(imageID, forKey: .imageID)
        try container.encode(categoryID, forKey: .categoryID)
        try container.encode([bbox.x, bbox.y, bbox.width, bbox.height], forKey: .bbox)
        try container.encode(segmentation, forKey: .segmentation)
        try container.encode(area, forKey: .area)
        try container.encode(isCrowd ? 1 : 0, forKey: .isCrowd)
        try container.encodeIfPresent(attributes, forKey: .attributes)
    }
}

struct COCODetectionOutput: Encodable {
    var imageID: Int
    var categoryID: Int
    var bbox: BoundingBox
    var score: Double?
    var segmentation: COCOSegmentationOutput?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: COCOKey.self)
        try container.encode(imageID, forKey: .imageID)
        try container.encode(categoryID, forKey: .categoryID)
        try container.encode([bbox.x, bbox.y, bbox.width, bbox.height], forKey: .bbox)
        try container.encodeIfPresent(score, forKey: .score)
        try container.encodeIfPresent(segmentation, forKey: .segmentation)
    }
}

/// `[]`, polygon rings, or an RLE object with list or string counts.
enum COCOSegmentationOutput: Encodable {
    case empty
    case polygon([[Double]])
    case uncompressed(RunLengthMask)
    case compressed(RunLengthMask)

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .empty:
            _ = encoder.unkeyedContainer()
        case .polygon(let rings):
            var container = encoder.singleValueContainer()
            try container.encode(rings)
        case .uncompressed(let mask):
            var container = encoder.container(keyedBy: COCOKey.self)
            try container.encode([mask.height, mask.width], forKey: .size)
            try container.encode(mask.counts, forKey: .counts)
        case .compressed(let mask):
            var container = encoder.container(keyedBy: COCOKey.self)
            try container.encode([mask.height, mask.width], forKey: .size)
            try container.encode(mask.compressed, forKey: .counts)
        }
    }
}
