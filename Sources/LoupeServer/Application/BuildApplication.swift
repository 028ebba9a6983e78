import Hummingbird
import Logging
import LoupeCatalog

/// The router of the API: every endpoint under `/api/v1` (each `GET` also as `HEAD`), with
/// request-id logging outermost, then gzip when the client accepts it, the error envelope around
/// authentication, every route and the not-found answer, and each route's least role (from the
/// OpenAPI document) checked before it runs.
/// - Parameters:
///   - store: the workspace served.
///   - configuration: the asset settings are read from it.
public func buildRouter<S: Store>(store: S, configuration: ServerConfiguration) -> Router<LoupeRequestContext> {
    buildRouter(store: store, configuration: configuration, jobs: JobRunner(store: store, logger: Logger(label: "loupe.jobs")))
}

/// The router with the job runner its job endpoints submit to (`buildApplication` stops it on shutdown).
func buildRouter<S: Store>(store: S, configuration: ServerConfiguration, jobs: JobRunner<S>) -> Router<LoupeRequestContext> {
    let router = Router(context: LoupeRequestContext.self, options: .autoGenerateHeadEndpoints)
    let routes = RouteTable()
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: CompressionMiddleware())
    router.add(middleware: ErrorEnvelopeMiddleware(routes: routes))
    router.add(middleware: AuthenticationMiddleware(store: store, routes: routes, isLoopback: configuration.isLoopback))
    let api = router.group(RouterPath(OpenAPIDocument.basePath))
    let results = RowResultCache()
    OpenAPIController().addRoutes(to: api)
    DatasetsController(store: store).addRoutes(to: api)
    RowsController(store: store, results: results, indexes: MetadataIndexScheduler(store: store, runner: jobs)).addRoutes(to: api)
    RowNavigationController(store: store, results: results).addRoutes(to: api)
    FacetsController(store: store).addRoutes(to: api)
    AssetsController(store: store, settings: configuration.assets).addRoutes(to: api)
    SlicesController(store: store).addRoutes(to: api)
    ComparisonsController(store: store).addRoutes(to: api)
    ModelsController(store: store).addRoutes(to: api)
    RunWritesController(store: store, configuration: configuration).addRoutes(to: api)
    EvaluationsController(store: store).addRoutes(to: api)
    ConfusionCellController(store: store).addRoutes(to: api)
    OperatingPointController(store: store).addRoutes(to: api)
    SimilarityController(store: store, indexes: SpaceIndexCache(store: store, directory: configuration.indexDirectory)).addRoutes(to: api)
    ProjectionsController(store: store, runner: jobs).addRoutes(to: api)
    DataIssuesController(store: store, runner: jobs).addRoutes(to: api)
    EvaluationColumnController(store: store).addRoutes(to: api)
    SliceDiscoveryController(store: store).addRoutes(to: api)
    ClustersController(store: store).addRoutes(to: api)
    SelectionsController(store: store).addRoutes(to: api)
    LabelingController(store: store).addRoutes(to: api)
    ProbeRunsController(store: store, runner: jobs).addRoutes(to: api)
    addAnalysisRoutes(store: store, to: api)
    ExportController(store: store).addRoutes(to: api)
    JobsController(store: store, runner: jobs).addRoutes(to: api)
    ImportsController(store: store, runner: jobs, configuration: configuration).addRoutes(to: api)
    UIController(files: UIFiles(root: configuration.uiDirectory)).addRoutes(to: router)
    routes.record(router, access: OpenAPIDocument.accessByOperation().merging(UIController.access) { api, _ in api })
    return router
}

/// The Loupe server over a store, ready to run or to test in process (`app.test(.router)`), with
/// its job runner as a service (stopped on graceful shutdown). Jobs an earlier server left
/// queued or running are marked failed first.
/// - Throws: `ServerStartError` when the configuration cannot be served (a port out of range, or
///   a non-loopback host while the workspace has no unrevoked token).
public func buildApplication<S: Store>(store: S, configuration: ServerConfiguration) async throws -> some ApplicationProtocol {
    try await makeApplication(store: store, configuration: configuration, onRunning: { _ in })
}

/// Runs the server until SIGINT or SIGTERM, then finishes the requests in flight and returns.
/// - Parameter onRunning: called with the bound port once the server listens (useful with port 0).
/// - Throws: `ServerStartError`, or the error that stopped the server.
public func runServer<S: Store>(store: S, configuration: ServerConfiguration,
                                onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
    try await makeApplication(store: store, configuration: configuration, onRunning: onRunning).runService()
}

private func makeApplication<S: Store>(store: S, configuration: ServerConfiguration,
                                       onRunning: @escaping @Sendable (Int) async -> Void) async throws -> Application<RouterResponder<LoupeRequestContext>> {
    try configuration.validate(activeTokens: try await store.activeAPITokenCount())
    var logger = Logger(label: "loupe.server")
    logger.logLevel = configuration.logLevel
    // No job outlives the process that ran it: what an earlier server left queued or running is over.
    let interrupted = try await store.failInterruptedJobs(message: "interrupted by a server restart")
    if interrupted > 0 { logger.warning("\(interrupted) unfinished jobs of an earlier server were marked failed") }
    var jobLogger = Logger(label: "loupe.jobs")
    jobLogger.logLevel = configuration.logLevel
    let jobs = JobRunner(store: store, logger: jobLogger)
    var application = Application(
        router: buildRouter(store: store, configuration: configuration, jobs: jobs),
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "Loupe"),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
    application.addServices(JobRunnerService(runner: jobs))
    return application
}
