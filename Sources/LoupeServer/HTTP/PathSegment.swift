import Foundation

/// Building API paths from names: every character but the unreserved ones (`A-Z a-z 0-9 - . _ ~`)
/// is percent-encoded, so a `/` in a name stays inside its segment.
enum PathSegment {
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `name` as one path segment.
    static func encode(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: unreserved) ?? name
    }
}
