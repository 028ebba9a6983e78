import Foundation

/// What a model predicts.
public enum ModelTask: String, Hashable, Sendable, Codable, CaseIterable {
    /// One class (and a probability vector) per row.
    case classification
    /// Boxes with classes and scores.
    case detection
    /// Masks or polygons with classes and scores.
    case segmentation
}

/// A named task that runs iterate on, like "pedestrian-detector".
public struct Model: Hashable, Sendable, Codable, Identifiable {
    /// Store-assigned id.
    public var id: Int64
    /// Unique name.
    public var name: String
    /// What it predicts.
    public var task: ModelTask
    /// When it was created.
    public var createdAt: Date

    /// A model value as read from a store.
    public init(id: Int64, name: String, task: ModelTask, createdAt: Date) {
        self.id = id
        self.name = name
        self.task = task
        self.createdAt = createdAt
    }
}
