import Hummingbird
import LoupeCatalog
import LoupeCore

/// `/datasets/{dataset}/labeling-projects…`: labeling projects, their queue, pre-labels, submits,
/// reviews and analytics. Editors create projects, add rows and review; labelers claim and
/// submit (the caller's token name is the assignee; `open` on a server without tokens).
struct LabelingController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.post("datasets/:dataset/labeling-projects", use: create)
        group.get("datasets/:dataset/labeling-projects", use: list)
        group.get("datasets/:dataset/labeling-projects/:project", use: show)
        group.post("datasets/:dataset/labeling-projects/:project/items", use: addItems)
        group.post("datasets/:dataset/labeling-projects/:project/claim", use: claim)
        group.get("datasets/:dataset/labeling-projects/:project/items/:key", use: item)
        group.post("datasets/:dataset/labeling-projects/:project/items/:key/submit", use: submit)
        group.post("datasets/:dataset/labeling-projects/:project/items/:key/review", use: review)
        group.get("datasets/:dataset/labeling-projects/:project/analytics", use: analytics)
    }

    @Sendable func create(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<LabelingProjectView> {
        let lookup = CatalogLookup(store: store)
        let dataset = try await lookup.dataset(context.pathParameter("dataset"))
        var request = request
        let body = try await request.decodeJSON(LabelingBodies.Create.self, context: context)
        guard !body.name.isEmpty else { throw APIError.badRequest("name must not be empty", field: "$.name") }
        let threshold = body.scoreThreshold ?? 0
        guard threshold.isFinite else { throw APIError.badRequest("score_threshold must be a finite number", field: "$.score_threshold") }
        var run: ModelRun?
        if let reference = body.run { run = try await lookup.run(reference).1 }
        do {
            let project = try await store.createLabelingProject(datasetID: dataset.id, name: body.name, prelabelRunID: run?.id,
                                                                scoreThreshold: threshold)
            return JSONResponse(value: try await view(of: project, in: dataset), status: .created)
        } catch let error as StoreError {
            throw APIError.from(error)
        }
    }

    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<LabelingProjectListView> {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        var views: [LabelingProjectView] = []
        for project in try await store.labelingProjects(datasetID: dataset.id) { views.append(try await view(of: project, in: dataset)) }
        return JSONResponse(value: LabelingProjectListView(dataset: dataset.name, projects: views))
    }

    @Sendable func show(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<LabelingProjectView> {
        let (dataset, project) = try await resolve(context)
        return JSONResponse(value: try await view(of: project, in: dataset))
    }

    /// Adds the rows of `filter` or of `keys` (exactly one) with `priority` (default 0) under `batch`.
    @Sendable func addItems(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<LabelingBatchView> {
        let (dataset, project) = try await resolve(context)
        var request = request
        let body = try await request.decodeJSON(LabelingBodies.Items.self, context: context)
        var rowIDs: [Int64]
        switch (body.filter, body.keys) {
        case (let text?, nil):
            let expression: FilterExpression
            do throws(FilterSyntaxError) {
                expression = try FilterParser.parse(text)
            } catch {
                throw APIError.from(error, field: "filter")
            }
            do {
                rowIDs = try await store.queryRowIDs(datasetID: dataset.id, filter: expression)
            } catch let error as StoreError {
                throw APIError.from(error, filterField: "filter")
            }
        case (nil, let keys?):
            rowIDs = []
            for (index, key) in keys.enumerated() {
                guard let id = try await store.row(datasetID: dataset.id, key: key)?.id else {
                    throw APIError.badRequest("dataset '\(dataset.name)' has no row '\(key)'", field: "$.keys[\(index)]")
                }
                rowIDs.append(id)
            }
        default:
            throw APIError.badRequest("give exactly one of filter and keys", field: "$.keys")
        }
        let priority = body.priority ?? 0
        let batch = body.batch ?? ""
        do {
            let result = try await store.addLabelingItems(projectID: project.id, items: rowIDs.map { LabelingItemSpec(rowID: $0, priority: priority) },
                                                          batch: batch, reprioritize: body.reprioritize ?? false)
            return JSONResponse(value: LabelingBatchView(project: project.name, batch: batch, added: result.added, updated: result.updated,
                                                         unchanged: result.unchanged))
        } catch let error as StoreError {
            throw APIError.from(error)
        }
    }

    /// The caller's next item (`Store.claimLabelingItem`), or 204 when there is none.
    @Sendable func claim(_ request: Request, context: LoupeRequestContext) async throws -> Response {
        let (_, project) = try await resolve(context)
        guard let item = try await store.claimLabelingItem(projectID: project.id, assignee: Self.assignee(context)) else {
            return Response(status: .noContent)
        }
        return try JSONResponse(value: LabelingItemView(item, project: project.name)).response(from: request, context: context)
    }

    /// One item with its pre-labels and the row's current ground truth.
    @Sendable func item(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<LabelingItemView> {
        let (dataset, project) = try await resolve(context)
        let item = try await projectItem(context, dataset: dataset, project: project)
        let names = try await classNames(dataset)
        let runName = try await runReference(project.prelabelRunID) ?? ""
        var view = LabelingItemView(item, project: project.name)
        view.prelabels = try await LabelingService(store: store).prelabels(project: project, rowID: item.rowID).map {
            PredictionView($0, run: runName, classNames: names)
        }
        view.annotations = try await store.annotations(rowID: item.rowID).map { AnnotationView($0, classNames: names) }
        return JSONResponse(value: view)
    }

    /// Writes the caller's final objects as the row's next label version (409 unless the caller
    /// holds the item in progress).
    @Sendable func submit(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<LabelingSubmissionView> {
        let (dataset, project) = try await resolve(context)
        let item = try await projectItem(context, dataset: dataset, project: project)
        var request = request
        let body = try await request.decodeJSON(LabelingBodies.Submit.self, context: context)
        guard body.seconds.isFinite, body.seconds >= 0 else { throw APIError.badRequest("seconds must be a finite number >= 0", field: "$.seconds") }
        let classes = try await store.classes(datasetID: dataset.id)
        let objects = try body.objects.enumerated().map { index, object in try Self.finalObject(object, at: index, classes: classes) }
        do {
            let submission = try await LabelingService(store: store).submit(project: project, item: item, labeler: Self.assignee(context),
                                                                            objects: objects, rejected: body.rejected ?? [],
                                                                            seconds: body.seconds)
            func count(_ kind: LabelingObjectOutcome.Kind) -> Int { submission.outcomes.filter { $0.kind == kind }.count }
            return JSONResponse(value: LabelingSubmissionView(project: project.name, key: item.key, labelVersion: submission.labelVersion,
                                                              objects: submission.objectCount, accepted: count(.accepted),
                                                              edited: count(.edited), deleted: count(.deleted), added: count(.added)))
        } catch let error as StoreError {
            throw APIError.from(error)
        }
    }

    /// Approves a submitted item or sends it back to its labeler with a note (409 unless submitted).
    @Sendable func review(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<LabelingItemView> {
        let (dataset, project) = try await resolve(context)
        let item = try await projectItem(context, dataset: dataset, project: project)
        var request = request
        let body = try await request.decodeJSON(LabelingBodies.Review.self, context: context)
        do {
            let reviewed = try await store.reviewLabelingItem(itemID: item.id, reviewer: Self.assignee(context), approve: body.approve, note: body.note)
            return JSONResponse(value: LabelingItemView(reviewed, project: project.name))
        } catch let error as StoreError {
            throw APIError.from(error)
        }
    }

    @Sendable func analytics(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<LabelingAnalyticsView> {
        let (dataset, project) = try await resolve(context)
        let report = LabelingAnalytics.report(try await store.labelingSubmissions(projectID: project.id))
        return JSONResponse(value: LabelingAnalyticsView(report, project: project.name, run: try await runReference(project.prelabelRunID),
                                                         classNames: try await classNames(dataset)))
    }

    // MARK: Helpers

    /// The token name claims, submits and reviews are recorded under.
    static func assignee(_ context: LoupeRequestContext) -> String {
        context.caller?.tokenName ?? "open"
    }

    private func resolve(_ context: LoupeRequestContext) async throws -> (Dataset, LabelingProject) {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        let name = try context.pathParameter("project")
        guard let project = try await store.labelingProjects(datasetID: dataset.id).first(where: { $0.name == name }) else {
            throw APIError.notFound("dataset '\(dataset.name)' has no labeling project '\(name)'")
        }
        return (dataset, project)
    }

    private func projectItem(_ context: LoupeRequestContext, dataset: Dataset, project: LabelingProject) async throws -> LabelingItem {
        let (_, rowID) = try await CatalogLookup(store: store).row(context.pathParameter("key"), of: dataset)
        guard let item = try await store.labelingItem(projectID: project.id, rowID: rowID) else {
            throw APIError.notFound("labeling project '\(project.name)' has no item '\(try context.pathParameter("key"))'")
        }
        return item
    }

    private func classNames(_ dataset: Dataset) async throws -> [Int64: String] {
        Dictionary(uniqueKeysWithValues: try await store.classes(datasetID: dataset.id).map { ($0.id, $0.name) })
    }

    /// `MODEL/NAME` of a run id.
    private func runReference(_ id: Int64?) async throws -> String? {
        guard let id else { return nil }
        for model in try await store.models() {
            if let run = try await store.runs(modelID: model.id).first(where: { $0.id == id }) { return "\(model.name)/\(run.name)" }
        }
        return nil
    }

    private func view(of project: LabelingProject, in dataset: Dataset) async throws -> LabelingProjectView {
        let counts = try await store.labelingStatusCounts(projectID: project.id)
        return LabelingProjectView(name: project.name, dataset: dataset.name, run: try await runReference(project.prelabelRunID),
                                   scoreThreshold: project.scoreThreshold, createdAt: project.createdAt,
                                   counts: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }),
                                   items: counts.values.reduce(0, +))
    }

    /// A wire object as a final object: its class resolved in the dataset, its one shape checked.
    static func finalObject(_ object: LabelingBodies.FinalObject, at index: Int, classes: [LabelClass]) throws -> LabelingFinalObject {
        let field = "$.objects[\(index)]"
        var classID: Int64?
        if let name = object.className {
            guard let found = classes.first(where: { $0.name == name }) else {
                throw APIError.badRequest("the dataset has no class '\(name)'", field: "\(field).class_name")
            }
            classID = found.id
        }
        let shapes = [object.box != nil, object.polygon != nil, object.point != nil].filter { $0 }.count
        guard shapes <= 1 else { throw APIError.badRequest("give at most one of box, polygon and point", field: field) }
        var geometry = Geometry.none
        if let box = object.box {
            guard box.count == 4 else { throw APIError.badRequest("box must be [x, y, width, height]", field: "\(field).box") }
            geometry = .box(BoundingBox(x: box[0], y: box[1], width: box[2], height: box[3]))
        } else if let rings = object.polygon {
            geometry = .polygon(Polygon(rings: rings))
        } else if let point = object.point {
            guard point.count == 2 else { throw APIError.badRequest("point must be [x, y]", field: "\(field).point") }
            geometry = .point(x: point[0], y: point[1])
        }
        guard geometry.isValid else {
            throw APIError.badRequest("the shape has a non-finite coordinate, a negative size or a ring of fewer than 3 points", field: field)
        }
        return LabelingFinalObject(classID: classID, geometry: geometry, isCrowd: object.iscrowd ?? false,
                                   attributes: object.attributes ?? [:], prelabelID: object.prelabel)
    }
}
