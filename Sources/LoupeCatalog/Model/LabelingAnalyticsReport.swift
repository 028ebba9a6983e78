/// How much a labeling project's pre-labels were changed, and what they saved: per class and in
/// all, from each item's latest submission; times from all of an item's submissions.
public struct LabelingAnalyticsReport: Hashable, Sendable {
    /// Per class, by class id (unclassified first).
    public var perClass: [LabelingClassOutcomes]
    /// All classes together.
    public var total: LabelingClassOutcomes
    /// Items submitted at least once.
    public var itemsSubmitted: Int
    /// Seconds spent on them, rework included.
    public var totalSeconds: Double
    /// `totalSeconds / itemsSubmitted`; `nil` without items.
    public var meanSecondsPerItem: Double?
    /// Seconds per object in submissions made without pre-labels (the cost of drawing from
    /// scratch); `nil` when there is none with objects.
    public var secondsPerObjectFromScratch: Double?
    /// For the submissions made with pre-labels, the time drawing their objects from scratch
    /// would have taken at `secondsPerObjectFromScratch`, less the time they took; `nil` without
    /// that baseline. Negative when pre-labels cost time.
    public var estimatedSecondsSaved: Double?

    /// A report value.
    public init(perClass: [LabelingClassOutcomes], total: LabelingClassOutcomes, itemsSubmitted: Int, totalSeconds: Double,
                meanSecondsPerItem: Double?, secondsPerObjectFromScratch: Double?, estimatedSecondsSaved: Double?) {
        self.perClass = perClass
        self.total = total
        self.itemsSubmitted = itemsSubmitted
        self.totalSeconds = totalSeconds
        self.meanSecondsPerItem = meanSecondsPerItem
        self.secondsPerObjectFromScratch = secondsPerObjectFromScratch
        self.estimatedSecondsSaved = estimatedSecondsSaved
    }
}
