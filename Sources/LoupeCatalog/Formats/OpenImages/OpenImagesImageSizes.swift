import Foundation

/// Finds the pixel size (and the row key) of an Open Images `ImageID`: a given size first, then the
/// image file's header in the images folder, trying the ID as given and, when it has no image
/// extension, the ID plus `.jpg`, `.jpeg` and `.png`. Results are cached per ID.
struct OpenImagesImageSizes {
    /// The extensions tried after an ID without an image extension, in order.
    static let extensions = ["jpg", "jpeg", "png"]

    let directory: URL?
    let given: [String: ImageSize]
    private var cache: [String: Result<(key: String, size: ImageSize)?, ImportError>] = [:]

    init(directory: URL?, given: [String: ImageSize]) {
        self.directory = directory
        self.given = given
    }

    /// The row key and size for `imageID`; `nil` when no size is given and no file is found, a
    /// failure when a file is found but its header cannot be read.
    mutating func lookup(_ imageID: String) -> Result<(key: String, size: ImageSize)?, ImportError> {
        if let cached = cache[imageID] { return cached }
        let result = find(imageID)
        cache[imageID] = result
        return result
    }

    private func find(_ imageID: String) -> Result<(key: String, size: ImageSize)?, ImportError> {
        if let size = given[imageID] { return .success((imageID, size)) }
        guard let directory else { return .success(nil) }
        for name in candidates(imageID) where ImportFile.staysInside(name) {
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            do {
                return .success((name, try ImageSize.read(contentsOf: url)))
            } catch {
                return .failure(error)
            }
        }
        return .success(nil)
    }

    /// The file names tried for `imageID`, in order.
    func candidates(_ imageID: String) -> [String] {
        let pathExtension = (imageID as NSString).pathExtension.lowercased()
        if YOLOImporter.imageExtensions.contains(pathExtension) { return [imageID] }
        return [imageID] + Self.extensions.map { imageID + "." + $0 }
    }

    /// Why `lookup` found nothing, for an error message.
    func describeMiss(_ imageID: String) -> String {
        guard let directory else {
            return "it is not in the given sizes and no images folder was given"
        }
        let names = candidates(imageID).map { "'\($0)'" }.joined(separator: ", ")
        return (given.isEmpty ? "" : "it is not in the given sizes, and ") + "no file \(names) in \(directory.path)"
    }
}
