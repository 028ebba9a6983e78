/// The image types the asset endpoint serves, by file extension (case-insensitive).
enum ImageContentType {
    /// Extension → media type.
    static let byExtension: [String: String] = [
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
        "webp": "image/webp", "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
    ]

    /// The media type of a path's extension, or `nil` when it is not a served image type.
    static func of(path: String) -> String? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        return byExtension[path[path.index(after: dot)...].lowercased()]
    }
}
