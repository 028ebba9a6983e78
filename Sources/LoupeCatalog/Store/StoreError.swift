/// A request a store refuses: a missing or duplicate name, a conflict with existing data, or a
/// value the schema does not allow. `code` is stable for scripts and the API.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable machine-readable code: `not_found`, `already_exists`, `conflict`, `invalid`.
    public var code: String
    /// What went wrong, for people.
    public var message: String

    private init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// Something named does not exist.
    public static func notFound(_ message: String) -> StoreError { StoreError(code: "not_found", message: message) }
    /// A name is already taken.
    public static func alreadyExists(_ message: String) -> StoreError { StoreError(code: "already_exists", message: message) }
    /// The write would duplicate or overwrite existing data without `--replace`.
    public static func conflict(_ message: String) -> StoreError { StoreError(code: "conflict", message: message) }
    /// A value the schema does not allow.
    public static func invalid(_ message: String) -> StoreError { StoreError(code: "invalid", message: message) }

    /// The message.
    public var description: String { message }
}
