import Foundation

/// One trained iteration of a model: its config, when it was made, and (through its snapshot and
/// predictions) what it saw and what it said.
public struct ModelRun: Hashable, Sendable, Codable, Identifiable {
    /// Store-assigned id.
    public var id: Int64
    /// The model it is an iteration of.
    public var modelID: Int64
    /// Unique name within the model.
    public var name: String
    /// The training config as a JSON document (an object; `{}` when none was given).
    public var configJSON: String
    /// When the run was recorded.
    public var createdAt: Date

    /// A run value as read from a store.
    public init(id: Int64, modelID: Int64, name: String, configJSON: String, createdAt: Date) {
        self.id = id
        self.modelID = modelID
        self.name = name
        self.configJSON = configJSON
        self.createdAt = createdAt
    }
}

/// One row of a run's snapshot: the row, the split it played in the run, and the label version
/// of its ground truth at that moment.
public struct SnapshotEntry: Hashable, Sendable, Codable {
    /// The run.
    public var runID: Int64
    /// The row.
    public var rowID: Int64
    /// `train`, `validation`, `test`, or another split name.
    public var split: String
    /// The row's label version when the snapshot was taken.
    public var labelVersion: Int

    /// A snapshot entry.
    public init(runID: Int64, rowID: Int64, split: String, labelVersion: Int) {
        self.runID = runID
        self.rowID = rowID
        self.split = split
        self.labelVersion = labelVersion
    }
}
