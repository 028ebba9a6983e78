import LoupeCatalog

/// `GET …/{project}/analytics`: `LabelingAnalyticsReport` with class names.
struct LabelingAnalyticsView: Encodable, Sendable {
    /// One class's outcomes.
    struct ClassOutcomes: Encodable, Sendable {
        var className: String?
        var prelabels: Int
        var accepted: Int
        var edited: Int
        var meanEditIou: Double?
        var deleted: Int
        var added: Int
        var acceptedShare: Double?

        init(_ outcomes: LabelingClassOutcomes, className: String?) {
            self.className = className
            prelabels = outcomes.prelabels
            accepted = outcomes.accepted
            edited = outcomes.edited
            meanEditIou = outcomes.meanEditIoU
            deleted = outcomes.deleted
            added = outcomes.added
            acceptedShare = outcomes.acceptedShare
        }
    }

    var project: String
    var run: String?
    var perClass: [ClassOutcomes]
    var total: ClassOutcomes
    var itemsSubmitted: Int
    var totalSeconds: Double
    var meanSecondsPerItem: Double?
    var secondsPerObjectFromScratch: Double?
    var estimatedSecondsSaved: Double?

    init(_ report: LabelingAnalyticsReport, project: String, run: String?, classNames: [Int64: String]) {
        self.project = project
        self.run = run
        perClass = report.perClass.map { ClassOutcomes($0, className: $0.classID.flatMap { classNames[$0] }) }
        total = ClassOutcomes(report.total, className: nil)
        itemsSubmitted = report.itemsSubmitted
        totalSeconds = report.totalSeconds
        meanSecondsPerItem = report.meanSecondsPerItem
        secondsPerObjectFromScratch = report.secondsPerObjectFromScratch
        estimatedSecondsSaved = report.estimatedSecondsSaved
    }
}
