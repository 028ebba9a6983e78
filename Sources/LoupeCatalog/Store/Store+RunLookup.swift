extension Store {
    /// The runs a reference names: `NAME` matches a run of that name in any model, `MODEL/NAME`
    /// the run of that model. The CLI, the server and the filter language's `run("…")` take runs
    /// this way; the caller decides what none or several matches mean.
    public func runs(matching reference: String) async throws -> [(Model, ModelRun)] {
        var matches: [(Model, ModelRun)] = []
        for model in try await models() {
            for run in try await runs(modelID: model.id) where run.name == reference || "\(model.name)/\(run.name)" == reference {
                matches.append((model, run))
            }
        }
        return matches
    }
}
