import Foundation

/// Reading an input file whole, with an `ImportError` that names it when it cannot be read.
public enum ImportFile {
    /// The file's bytes (memory-mapped when safe, so large files are not copied).
    /// - Throws: `ImportError` naming the file when it is missing or unreadable.
    public static func contents(of url: URL) throws(ImportError) -> Data {
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw ImportError(file: url.path, message: "cannot read the file: \(error.localizedDescription)")
        }
    }

    /// `true` when a file name from an import file stays inside the folder it is relative to: not
    /// absolute, and no `..` component. Importers check it before they touch `<folder>/<name>`,
    /// so a crafted file cannot make Loupe read (or record) files outside the images folder.
    public static func staysInside(_ relativeName: String) -> Bool {
        !relativeName.isEmpty && !relativeName.hasPrefix("/") && !relativeName.split(separator: "/").contains("..")
            && !relativeName.split(separator: "\\").contains("..")
    }
}
