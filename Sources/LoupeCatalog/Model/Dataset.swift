import Foundation

/// A named set of data rows sharing one label schema.
public struct Dataset: Hashable, Sendable, Codable, Identifiable {
    /// Store-assigned id, stable for the dataset's life.
    public var id: Int64
    /// Unique, non-empty name.
    public var name: String
    /// When the dataset was created.
    public var createdAt: Date

    /// A dataset value as read from a store.
    public init(id: Int64, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}
