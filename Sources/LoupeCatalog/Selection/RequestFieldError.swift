/// A selection or probe request refused because of one of its fields: the field, a stable code
/// and a message that says what was expected. The CLI names the option (`--run`), the API the
/// body field (`$.run`); both from `field`.
///
/// Fields: `dataset`, `strategy`, `budget`, `run`, `space`, `filter`, `seed_keys`, `weights`,
/// `clusters`, `model`, `l2`, `folds`.
public struct RequestFieldError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of refusal: `not_found` (a name that does not exist), `already_exists` (a new
    /// name that is taken) or `invalid` (a value the request cannot use), as `StoreError.code`.
    public var code: String
    /// The request field at fault.
    public var field: String
    /// What was wrong and what was expected.
    public var message: String

    /// A refusal of `field`.
    public init(code: String, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// A name in `field` that does not exist.
    public static func notFound(_ field: String, _ message: String) -> RequestFieldError {
        RequestFieldError(code: "not_found", field: field, message: message)
    }

    /// A value of `field` the request cannot use.
    public static func invalid(_ field: String, _ message: String) -> RequestFieldError {
        RequestFieldError(code: "invalid", field: field, message: message)
    }

    /// A new name in `field` that is already taken.
    public static func alreadyExists(_ field: String, _ message: String) -> RequestFieldError {
        RequestFieldError(code: "already_exists", field: field, message: message)
    }

    /// The message.
    public var description: String { message }
}
