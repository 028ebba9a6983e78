import GRDB

extension SQLiteStore {
    /// The schema's history. Migrations are append-only: a released migration is never edited;
    /// a change is a new named migration registered after the others.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 catalog") { db in
            try db.execute(sql: catalogSchema)
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        }
        migrator.registerMigration("v2 evaluations") { db in
            try db.execute(sql: evaluationSchema)
        }
        migrator.registerMigration("v3 slices and custom metrics") { db in
            try db.execute(sql: sliceSchema)
        }
        migrator.registerMigration("v4 indexes and object classes for queries") { db in
            // Rows of a dataset in id order: a filtered first page walks them and stops early.
            try db.execute(sql: "CREATE INDEX data_row_by_dataset ON data_row(dataset_id)")
            let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM data_row") ?? 0
            try refreshPlannerStatistics(of: .dataRow, changedRows: rows, db)
            let results = try Int.fetchOne(db, sql: "SELECT count(*) FROM evaluation_row") ?? 0
            try refreshPlannerStatistics(of: .evaluationRow, changedRows: results, db)
            // The class an object counts for, kept with it: slice metrics read outcomes by the
            // hundred thousand and should not look each one's prediction or annotation up.
            try db.execute(sql: """
                ALTER TABLE evaluation_object ADD COLUMN class_id INTEGER REFERENCES label_class(id) ON DELETE CASCADE;
                UPDATE evaluation_object SET class_id = COALESCE((SELECT class_id FROM prediction WHERE id = prediction_id),
                                                                 (SELECT class_id FROM annotation WHERE id = annotation_id));
                """)
        }
        migrator.registerMigration("v5 api tokens") { db in
            // Only the SHA-256 of a token's secret is kept; revoked tokens stay, with their names.
            try db.execute(sql: """
                CREATE TABLE api_token (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
                    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'labeler', 'viewer')),
                    token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
                    created_at REAL NOT NULL,
                    last_used_at REAL,
                    revoked_at REAL
                );
                """)
        }
        migrator.registerMigration("v6 jobs") { db in
            // Background jobs (imports, evaluations) as the system of record. A job has ended
            // exactly when it has a finish date; a failed one always says why. `kind` is free text
            // (checked non-empty) so that new kinds need no table rebuild.
            try db.execute(sql: """
                CREATE TABLE job (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL CHECK (length(kind) > 0),
                    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
                    completed INTEGER NOT NULL DEFAULT 0 CHECK (completed >= 0),
                    total INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0),
                    phase TEXT NOT NULL DEFAULT '',
                    error TEXT,
                    parameters TEXT NOT NULL CHECK (json_valid(parameters) AND json_type(parameters) = 'object'),
                    result TEXT CHECK (result IS NULL OR (json_valid(result) AND json_type(result) = 'object')),
                    created_by TEXT,
                    created_at REAL NOT NULL,
                    started_at REAL,
                    finished_at REAL,
                    CHECK ((status IN ('succeeded', 'failed', 'cancelled')) = (finished_at IS NOT NULL)),
                    CHECK (status <> 'failed' OR error IS NOT NULL),
                    CHECK (status <> 'running' OR started_at IS NOT NULL)
                );
                CREATE INDEX job_by_status ON job(status, id);
                """)
        }
        migrator.registerMigration("v7 write generation") { db in
            // One row, bumped by every write transaction that changes data (SQLiteStore.write), so
            // that a reader can tell in one lookup whether anything it cached is stale.
            try db.execute(sql: """
                CREATE TABLE write_generation (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    value INTEGER NOT NULL
                );
                INSERT INTO write_generation (id, value) VALUES (1, 0);
                """)
        }
        migrator.registerMigration("v8 indexes on every foreign key") { db in
            // SQLite enforces ON DELETE CASCADE with one lookup of the child table per deleted
            // parent row; without an index led by the child column each lookup scans the table,
            // and deleting a dataset of 100,000 rows scanned millions of evaluation objects per row.
            try db.execute(sql: """
                CREATE INDEX IF NOT EXISTS evaluation_object_by_row_id ON evaluation_object(row_id);
                CREATE INDEX IF NOT EXISTS evaluation_object_by_class ON evaluation_object(class_id);
                CREATE INDEX IF NOT EXISTS prediction_by_class ON prediction(class_id);
                CREATE INDEX IF NOT EXISTS embedding_by_object ON embedding(object_id) WHERE object_id IS NOT NULL;
                """)
            // Any other foreign key without one (a test holds the schema to this) gets its index here.
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") {
                for column in try Self.unindexedForeignKeyColumns(table: table, db) {
                    try db.execute(sql: "CREATE INDEX \(table)_by_\(column) ON \(table)(\(column))")
                }
            }
        }
        migrator.registerMigration("v9 dataset generations") { db in
            // A dataset's own write counter, for writes confined to it (an import of rows and
            // ground truth), so that caches of other datasets' views survive them.
            try db.execute(sql: """
                CREATE TABLE dataset_generation (
                    dataset_id INTEGER PRIMARY KEY REFERENCES dataset(id) ON DELETE CASCADE,
                    value INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v10 confusion cells per row") { db in
            // Each row's share of an evaluation's confusion matrix, so that the rows behind a cell
            // are one index range. The class columns are plain ids (NULL = none): classes go only
            // with their dataset, whose rows take these entries with them.
            try db.execute(sql: """
                CREATE TABLE evaluation_confusion (
                    evaluation_id INTEGER NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
                    row_id INTEGER NOT NULL REFERENCES data_row(id) ON DELETE CASCADE,
                    actual_class_id INTEGER,
                    predicted_class_id INTEGER,
                    count INTEGER NOT NULL CHECK (count > 0),
                    CHECK (actual_class_id IS NOT NULL OR predicted_class_id IS NOT NULL)
                );
                CREATE INDEX evaluation_confusion_by_cell ON evaluation_confusion(evaluation_id, actual_class_id, predicted_class_id, row_id);
                CREATE INDEX evaluation_confusion_by_row ON evaluation_confusion(row_id);
                """)
        }
        migrator.registerMigration("v11 projections") { db in
            // A space's 2-D layout (PCA or UMAP) is computed once and kept: UMAP over a million
            // vectors takes minutes. `source` describes the vectors it was computed from (their
            // count and ids), so a layout that no longer matches its space is recomputed, never
            // shown as current.
            try db.execute(sql: """
                CREATE TABLE projection (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    space_id INTEGER NOT NULL REFERENCES embedding_space(id) ON DELETE CASCADE,
                    method TEXT NOT NULL CHECK (method IN ('pca', 'umap')),
                    parameters TEXT NOT NULL CHECK (json_valid(parameters) AND json_type(parameters) = 'object'),
                    source TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    UNIQUE (space_id, method)
                );
                CREATE TABLE projection_point (
                    projection_id INTEGER NOT NULL REFERENCES projection(id) ON DELETE CASCADE,
                    row_id INTEGER NOT NULL REFERENCES data_row(id) ON DELETE CASCADE,
                    x REAL NOT NULL,
                    y REAL NOT NULL,
                    PRIMARY KEY (projection_id, row_id)
                ) WITHOUT ROWID;
                CREATE INDEX projection_point_by_row ON projection_point(row_id);
                """)
        }
        migrator.registerMigration("v12 embedding ids never reused") { db in
            // A vector index holds vectors under their embedding id and catches up with the store
            // by comparing ids, so an id must name one vector for ever: replacing a vector gives
            // it a new id (delete, then insert), and AUTOINCREMENT keeps a deleted id from
            // coming back. The table is rebuilt with its ids as they were.
            try db.execute(sql: """
                CREATE TABLE embedding_new (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    space_id INTEGER NOT NULL REFERENCES embedding_space(id) ON DELETE CASCADE,
                    row_id INTEGER NOT NULL REFERENCES data_row(id) ON DELETE CASCADE,
                    object_id INTEGER REFERENCES annotation(id) ON DELETE CASCADE,
                    vector BLOB NOT NULL
                );
                INSERT INTO embedding_new (id, space_id, row_id, object_id, vector) SELECT id, space_id, row_id, object_id, vector FROM embedding;
                DROP TABLE embedding;
                ALTER TABLE embedding_new RENAME TO embedding;
                CREATE UNIQUE INDEX embedding_per_row ON embedding(space_id, row_id) WHERE object_id IS NULL;
                CREATE UNIQUE INDEX embedding_per_object ON embedding(space_id, object_id) WHERE object_id IS NOT NULL;
                CREATE INDEX embedding_by_row ON embedding(row_id);
                CREATE INDEX embedding_by_object ON embedding(object_id) WHERE object_id IS NOT NULL;
                \(embeddingVectorLengthTriggers)
                """)
        }
        migrator.registerMigration("v13 data issue reports") { db in
            // One stored report per dataset and kind (computing it again replaces it), with a
            // score per row, so that issues are browsed, sorted and filtered like any per-row
            // value (`issue("outlier_lof") < 0.3`). The source space or run goes with the
            // report: deleting either deletes the scores computed from it.
            try db.execute(sql: """
                CREATE TABLE data_issue_report (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (length(kind) > 0),
                    space_id INTEGER REFERENCES embedding_space(id) ON DELETE CASCADE,
                    run_id INTEGER REFERENCES model_run(id) ON DELETE CASCADE,
                    source TEXT NOT NULL,
                    parameters TEXT NOT NULL CHECK (json_valid(parameters) AND json_type(parameters) = 'object'),
                    dataset_score REAL NOT NULL CHECK (dataset_score BETWEEN 0 AND 1),
                    flagged_count INTEGER NOT NULL CHECK (flagged_count >= 0),
                    row_count INTEGER NOT NULL CHECK (row_count >= flagged_count),
                    threshold REAL,
                    created_at REAL NOT NULL,
                    UNIQUE (dataset_id, kind)
                );
                CREATE INDEX data_issue_report_by_space ON data_issue_report(space_id) WHERE space_id IS NOT NULL;
                CREATE INDEX data_issue_report_by_run ON data_issue_report(run_id) WHERE run_id IS NOT NULL;
                CREATE TABLE data_issue_row (
                    report_id INTEGER NOT NULL REFERENCES data_issue_report(id) ON DELETE CASCADE,
                    row_id INTEGER NOT NULL REFERENCES data_row(id) ON DELETE CASCADE,
                    score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
                    raw REAL,
                    flagged INTEGER NOT NULL CHECK (flagged IN (0, 1)),
                    reason TEXT CHECK ((reason IS NOT NULL) = (flagged = 1)),
                    PRIMARY KEY (report_id, row_id)
                ) WITHOUT ROWID;
                CREATE INDEX data_issue_row_by_score ON data_issue_row(report_id, score, row_id);
                CREATE INDEX data_issue_row_by_flag ON data_issue_row(report_id, flagged, score);
                CREATE INDEX data_issue_row_by_row ON data_issue_row(row_id);
                """)
        }
        migrator.registerMigration("v14 labeling projects") { db in
            try db.execute(sql: labelingSchema)
        }
        return migrator
    }

    /// The foreign-key columns of `table` that lead no index (nor the primary key).
    static func unindexedForeignKeyColumns(table: String, _ db: Database) throws -> [String] {
        let foreignKeys = try Row.fetchAll(db, sql: "SELECT \"from\" AS name FROM pragma_foreign_key_list(?)", arguments: [table])
            .map { $0["name"] as String }
        guard !foreignKeys.isEmpty else { return [] }
        var leading = Set<String>()
        for index in try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list(?)", arguments: [table]) {
            if let first = try String.fetchOne(db, sql: "SELECT name FROM pragma_index_info(?) WHERE seqno = 0", arguments: [index]) {
                leading.insert(first)
            }
        }
        let primaryKey = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk = 1", arguments: [table])
        return Array(Set(foreignKeys).subtracting(leading).subtracting(primaryKey)).sorted()
    }

    // Invariants live in the schema ("trust SQLite more than yourself"): NOT NULL, CHECK,
    // UNIQUE, foreign keys, and triggers for the rules that span tables.
    private static let catalogSchema = """
        CREATE TABLE dataset (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
            created_at REAL NOT NULL
        );
        CREATE TABLE asset_root (
            id INTEGER PRIMARY KEY,
            dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
            path TEXT NOT NULL CHECK (substr(path, 1, 1) = '/'),
            UNIQUE (dataset_id, path)
        );
        CREATE TABLE label_class (
            id INTEGER PRIMARY KEY,
            dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
            name TEXT NOT NULL CHECK (length(name) > 0),
            color TEXT NOT NULL CHECK (length(color) = 7 AND substr(color, 1, 1) = '#'),
            UNIQUE (dataset_id, name),
            UNIQUE (dataset_id, ordinal)
        );
        CREATE TABLE data_row (
            id INTEGER PRIMARY KEY,
            dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
            key TEXT NOT NULL CHECK (length(key) > 0),
            uri TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('image', 'text')),
            width INTEGER CHECK (width > 0),
            height INTEGER CHECK (height > 0),
            text TEXT,
            split TEXT CHECK (length(split) > 0),
            label_version INTEGER NOT NULL DEFAULT 0 CHECK (label_version >= 0),
            metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
            UNIQUE (dataset_id, key),
            CHECK ((width IS NULL) = (height IS NULL))
        );
        CREATE INDEX data_row_by_split ON data_row(dataset_id, split);
        CREATE TABLE metadata_field (
            dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            kind TEXT NOT NULL CHECK (kind IN ('string', 'number', 'bool', 'date')),
            PRIMARY KEY (dataset_id, name)
        ) WITHOUT ROWID;
        CREATE TABLE row_tag (
            row_id INTEGER NOT NULL REFERENCES data_row(id) ON DELETE CASCADE,
            tag TEXT NOT NULL CHECK (length(tag) > 0),
            PRIMARY KEY (row_id, tag)
        ) WITHOUT ROWID;
        CREATE INDEX row_tag_by_tag ON row_tag(tag);
        CREATE TABLE annotation (
            id INTEGER PRIMARY KEY,
            row_id INTEGER NOT NULL REFERENCES data_row(id) ON DELETE CASCADE,
            class_id INTEGER REFERENCES label_class(id),
            label_version INTEGER NOT NULL CHECK (label_version >= 1),
            geometry_kind TEXT NOT NULL CHECK (geometry_kind IN ('none', 'box', 'polygon', 'mask', 'point')),
            box_x REAL,
            box_y REAL,
            box_w REAL CHECK (box_w >= 0),
            box_h REAL CHECK (box_h >= 0),
            shape TEXT,
            area REAL CHECK (area >= 0),
            is_crowd INTEGER NOT NULL DEFAULT 0 CHECK (is_crowd IN (0, 1)),
            attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
            author TEXT,
            CHECK ((geometry_kind = 'none') = (box_x IS NULL)),
            CHECK ((box_x IS NULL) = (box_y IS NULL) AND (box_x IS NULL) = (box_w IS NULL) AND (box_x IS NULL) = (box_h IS NULL)),
            CHECK ((geometry_kind IN ('polygon', 'mask')) = (shape IS NOT NULL))
        );
        CREATE INDEX annotation_by_row ON annotation(row_id, label_version);
        CREATE INDEX annotation_by_class ON annotation(class_id);
        CREATE TRIGGER annotation_class_in_row_dataset
        BEFORE INSERT ON annotation
        WHEN NEW.class_id IS NOT NULL
            AND (SELECT dataset_id FROM label_class WHERE id = NEW.class_id)
             IS NOT (SELECT dataset_id FROM data_row WHERE id = NEW.row_id)
        BEGIN
            SELECT RAISE(ABORT, 'annotation class belongs to another dataset than its row');
        END;
        CREATE TABLE model (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
            task TEXT NOT NULL CHECK (task IN ('classification', 'detection', 'segmentation')),
            created_at REAL NOT NULL
        );
        CREATE TABLE model_run (
            id INTEGER PRIMARY KEY,
            model_id INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config) AND json_type(config) = 'object'),
            created_at REAL NOT NULL,
            UNIQUE (model_id, name)
        );
        CREATE TABLE run_snapshot (
            run_id INTEGER NOT NULL REFERENCES model_run(id) ON DELETE CASCADE,
            row_id INTEGER NOT NULL REFERENCES data_row(id) ON DELETE CASCADE,
            split TEXT NOT NULL CHECK (length(split) > 0),
            label_version INTEGER NOT NULL CHECK (label_version >= 0),
            PRIMARY KEY (run_id, row_id)
        ) WITHOUT ROWID;
        CREATE INDEX run_snapshot_by_row ON run_snapshot(row_id);
        CREATE TABLE prediction (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES model_run(id) ON DELETE CASCADE,
            row_id INTEGER NOT NULL REFERENCES data_row(id) ON DELETE CASCADE,
            class_id INTEGER REFERENCES label_class(id),
            geometry_kind TEXT NOT NULL CHECK (geometry_kind IN ('none', 'box', 'polygon', 'mask', 'point')),
            box_x REAL,
            box_y REAL,
            box_w REAL CHECK (box_w >= 0),
            box_h REAL CHECK (box_h >= 0),
            shape TEXT,
            score REAL,
            probabilities BLOB CHECK (length(probabilities) % 4 = 0),
            CHECK ((geometry_kind = 'none') = (box_x IS NULL)),
            CHECK ((box_x IS NULL) = (box_y IS NULL) AND (box_x IS NULL) = (box_w IS NULL) AND (box_x IS NULL) = (box_h IS NULL)),
            CHECK ((geometry_kind IN ('polygon', 'mask')) = (shape IS NOT NULL))
        );
        CREATE INDEX prediction_by_run ON prediction(run_id, row_id);
        CREATE INDEX prediction_by_row ON prediction(row_id);
        CREATE TRIGGER prediction_class_in_row_dataset
        BEFORE INSERT ON prediction
        WHEN NEW.class_id IS NOT NULL
            AND (SELECT dataset_id FROM label_class WHERE id = NEW.class_id)
             IS NOT (SELECT dataset_id FROM data_row WHERE id = NEW.row_id)
        BEGIN
            SELECT RAISE(ABORT, 'prediction class belongs to another dataset than its row');
        END;
        CREATE TABLE embedding_space (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
            dimension INTEGER NOT NULL CHECK (dimension > 0 AND dimension <= 65536),
            source_run_id INTEGER REFERENCES model_run(id) ON DELETE SET NULL,
            created_at REAL NOT NULL
        );
        CREATE TABLE embedding (
            id INTEGER PRIMARY KEY,
            space_id INTEGER NOT NULL REFERENCES embedding_space(id) ON DELETE CASCADE,
            row_id INTEGER NOT NULL REFERENCES data_row(id) ON DELETE CASCADE,
            object_id INTEGER REFERENCES annotation(id) ON DELETE CASCADE,
            vector BLOB NOT NULL
        );
        CREATE UNIQUE INDEX embedding_per_row ON embedding(space_id, row_id) WHERE object_id IS NULL;
        CREATE UNIQUE INDEX embedding_per_object ON embedding(space_id, object_id) WHERE object_id IS NOT NULL;
        CREATE INDEX embedding_by_row ON embedding(row_id);
        \(embeddingVectorLengthTriggers)
        """

    /// The checks that every vector has the length its space says (in v1 and again in v12, which
    /// rebuilds the table).
    fileprivate static let embeddingVectorLengthTriggers = """
        CREATE TRIGGER embedding_vector_length
        BEFORE INSERT ON embedding
        WHEN length(NEW.vector) IS NOT 4 * (SELECT dimension FROM embedding_space WHERE id = NEW.space_id)
        BEGIN
            SELECT RAISE(ABORT, 'vector length does not match the space dimension');
        END;
        CREATE TRIGGER embedding_vector_length_on_update
        BEFORE UPDATE OF vector ON embedding
        WHEN length(NEW.vector) IS NOT 4 * (SELECT dimension FROM embedding_space WHERE id = NEW.space_id)
        BEGIN
            SELECT RAISE(ABORT, 'vector length does not match the space dimension');
        END;
        """
}

extension SQLiteStore {
    // Evaluation ids are never reused (AUTOINCREMENT): a client holding the id of a replaced
    // evaluation must not silently read its successor.
    // Per-row results are a table of their own (not JSON) so that filters and sorts on a run's
    // metrics (`run("A").fp > 2`) use an index.
    fileprivate static let evaluationSchema = """
        CREATE TABLE evaluation (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES model_run(id) ON DELETE CASCADE,
            key TEXT NOT NULL CHECK (length(key) > 0),
            kind TEXT NOT NULL CHECK (kind IN ('detection', 'classification')),
            parameters TEXT NOT NULL CHECK (json_valid(parameters) AND json_type(parameters) = 'object'),
            summary TEXT NOT NULL CHECK (json_valid(summary)),
            per_class TEXT NOT NULL CHECK (json_valid(per_class)),
            details TEXT NOT NULL CHECK (json_valid(details)),
            created_at REAL NOT NULL,
            UNIQUE (run_id, key)
        );
        CREATE TABLE evaluation_row (
            evaluation_id INTEGER NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
            row_id INTEGER NOT NULL REFERENCES data_row(id) ON DELETE CASCADE,
            tp INTEGER CHECK (tp >= 0),
            fp INTEGER CHECK (fp >= 0),
            fn INTEGER CHECK (fn >= 0),
            iou REAL CHECK (iou BETWEEN 0 AND 1),
            correct INTEGER CHECK (correct IN (0, 1)),
            confidence REAL,
            margin REAL,
            entropy REAL CHECK (entropy >= 0),
            PRIMARY KEY (evaluation_id, row_id)
        ) WITHOUT ROWID;
        CREATE INDEX evaluation_row_by_row ON evaluation_row(row_id);
        CREATE INDEX evaluation_row_fp ON evaluation_row(evaluation_id, fp);
        CREATE INDEX evaluation_row_fn ON evaluation_row(evaluation_id, fn);
        CREATE INDEX evaluation_row_iou ON evaluation_row(evaluation_id, iou);
        CREATE INDEX evaluation_row_confidence ON evaluation_row(evaluation_id, confidence);
        CREATE TABLE evaluation_object (
            id INTEGER PRIMARY KEY,
            evaluation_id INTEGER NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
            row_id INTEGER NOT NULL REFERENCES data_row(id) ON DELETE CASCADE,
            prediction_id INTEGER REFERENCES prediction(id) ON DELETE CASCADE,
            annotation_id INTEGER REFERENCES annotation(id) ON DELETE CASCADE,
            outcome TEXT NOT NULL CHECK (outcome IN ('tp', 'fp', 'fn', 'ignored')),
            reason TEXT CHECK (reason IN ('background', 'localization', 'duplicate', 'wrong_class', 'wrong_class_and_localization')),
            iou REAL CHECK (iou BETWEEN 0 AND 1),
            score REAL,
            CHECK ((outcome = 'fn') = (prediction_id IS NULL)),
            CHECK (outcome NOT IN ('tp', 'fn') OR annotation_id IS NOT NULL),
            CHECK ((outcome = 'fp') = (reason IS NOT NULL))
        );
        CREATE INDEX evaluation_object_by_row ON evaluation_object(evaluation_id, row_id);
        CREATE INDEX evaluation_object_by_prediction ON evaluation_object(prediction_id);
        CREATE INDEX evaluation_object_by_annotation ON evaluation_object(annotation_id);
        """
}

extension SQLiteStore {
    // A slice stores its filter as text, parsed when used: the language may grow, and a slice
    // keeps meaning what its user wrote. Custom metrics are the team's own numbers on a run, at
    // three scopes; per-row values have their own indexed table so that filters use an index.
    fileprivate static let sliceSchema = """
        CREATE TABLE slice (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            filter TEXT NOT NULL CHECK (length(filter) > 0),
            created_at REAL NOT NULL,
            UNIQUE (dataset_id, name)
        );
        CREATE TABLE custom_metric (
            run_id INTEGER NOT NULL REFERENCES model_run(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            class_id INTEGER REFERENCES label_class(id) ON DELETE CASCADE,
            value REAL NOT NULL
        );
        CREATE UNIQUE INDEX custom_metric_per_run ON custom_metric(run_id, name) WHERE class_id IS NULL;
        CREATE UNIQUE INDEX custom_metric_per_class ON custom_metric(run_id, name, class_id) WHERE class_id IS NOT NULL;
        CREATE TABLE custom_metric_row (
            run_id INTEGER NOT NULL REFERENCES model_run(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            row_id INTEGER NOT NULL REFERENCES data_row(id) ON DELETE CASCADE,
            value REAL NOT NULL,
            PRIMARY KEY (run_id, name, row_id)
        ) WITHOUT ROWID;
        CREATE INDEX custom_metric_row_by_value ON custom_metric_row(run_id, name, value);
        CREATE INDEX custom_metric_row_by_row ON custom_metric_row(row_id);
        """
}

extension SQLiteStore {
    /// At most this many metadata fields of a workspace get an expression index: each one costs
    /// every row insert a b-tree update.
    static let indexedMetadataFieldLimit = 64

    /// The name of a metadata field's expression index.
    static func metadataIndexName(_ name: String) -> String {
        "data_row_meta_" + name.utf8.map { String($0, radix: 16) }.joined()
    }

    /// Whether the field's expression index exists.
    static func hasMetadataIndex(_ name: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?)",
                          arguments: [metadataIndexName(name)]) ?? false
    }

    /// Creates the expression index `(dataset_id, json_extract(metadata, '$."NAME"'))` that
    /// filters and counts on `meta.NAME` use, when the name is plain enough to be written into
    /// the SQL (`SQLiteFilterCompiler.indexablePath`) and the workspace is under its limit.
    /// One index serves the field in every dataset. Idempotent.
    static func indexMetadataField(_ name: String, _ db: Database) throws {
        guard let path = SQLiteFilterCompiler.indexablePath(name) else { return }
        let indexName = metadataIndexName(name)
        let existing = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'data_row_meta_%'")
        guard !existing.contains(indexName), existing.count < indexedMetadataFieldLimit else { return }
        try db.execute(sql: "CREATE INDEX \(indexName) ON data_row(dataset_id, json_extract(metadata, '\(path)'))")
    }
}

extension SQLiteStore {
    // A labeling project is a queue of a dataset's rows. An item's status says who holds it:
    // nobody while queued, its assignee from the claim on (in progress, submitted, reviewed, and
    // in rework, where it waits for the same labeler). Each submit leaves a submission with the
    // label version it wrote and, per pre-label and per added object, what the labeler did: the
    // facts the model-assisted labeling analytics are computed from. A pre-label's class is kept
    // with its outcome, so the analytics outlive the run (its predictions go with it).
    fileprivate static let labelingSchema = """
        CREATE TABLE labeling_project (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            prelabel_run_id INTEGER REFERENCES model_run(id) ON DELETE SET NULL,
            score_threshold REAL NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            UNIQUE (dataset_id, name)
        );
        CREATE INDEX labeling_project_by_run ON labeling_project(prelabel_run_id) WHERE prelabel_run_id IS NOT NULL;
        CREATE TABLE labeling_item (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id INTEGER NOT NULL REFERENCES labeling_project(id) ON DELETE CASCADE,
            row_id INTEGER NOT NULL REFERENCES data_row(id) ON DELETE CASCADE,
            priority INTEGER NOT NULL DEFAULT 0,
            batch TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'in_progress', 'submitted', 'reviewed', 'rework')),
            assignee TEXT CHECK (assignee IS NULL OR length(assignee) > 0),
            added_at REAL NOT NULL,
            claimed_at REAL,
            submitted_at REAL,
            reviewed_at REAL,
            reviewer TEXT,
            review_note TEXT,
            UNIQUE (project_id, row_id),
            CHECK ((status = 'queued') = (assignee IS NULL)),
            CHECK ((status = 'queued') = (claimed_at IS NULL)),
            CHECK (status NOT IN ('submitted', 'reviewed') OR submitted_at IS NOT NULL),
            CHECK (status NOT IN ('reviewed', 'rework') OR (reviewed_at IS NOT NULL AND reviewer IS NOT NULL))
        );
        CREATE INDEX labeling_item_queue ON labeling_item(project_id, status, priority DESC, id);
        CREATE INDEX labeling_item_by_row ON labeling_item(row_id);
        CREATE TRIGGER labeling_item_row_of_dataset BEFORE INSERT ON labeling_item
        WHEN (SELECT dataset_id FROM data_row WHERE id = NEW.row_id) IS NOT (SELECT dataset_id FROM labeling_project WHERE id = NEW.project_id)
        BEGIN SELECT RAISE(ABORT, 'a labeling item must be a row of its project''s dataset'); END;
        CREATE TRIGGER labeling_item_row_fixed BEFORE UPDATE OF project_id, row_id ON labeling_item
        WHEN NEW.project_id <> OLD.project_id OR NEW.row_id <> OLD.row_id
        BEGIN SELECT RAISE(ABORT, 'a labeling item keeps its project and row'); END;
        CREATE TABLE labeling_submission (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            item_id INTEGER NOT NULL REFERENCES labeling_item(id) ON DELETE CASCADE,
            labeler TEXT NOT NULL CHECK (length(labeler) > 0),
            label_version INTEGER NOT NULL CHECK (label_version >= 1),
            object_count INTEGER NOT NULL CHECK (object_count >= 0),
            seconds REAL NOT NULL CHECK (seconds >= 0),
            prelabel_run_id INTEGER REFERENCES model_run(id) ON DELETE SET NULL,
            submitted_at REAL NOT NULL
        );
        CREATE INDEX labeling_submission_by_item ON labeling_submission(item_id, id);
        CREATE INDEX labeling_submission_by_run ON labeling_submission(prelabel_run_id) WHERE prelabel_run_id IS NOT NULL;
        CREATE TABLE labeling_object_outcome (
            submission_id INTEGER NOT NULL REFERENCES labeling_submission(id) ON DELETE CASCADE,
            outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'edited', 'deleted', 'added')),
            prediction_id INTEGER REFERENCES prediction(id) ON DELETE SET NULL,
            class_id INTEGER REFERENCES label_class(id) ON DELETE CASCADE,
            final_class_id INTEGER REFERENCES label_class(id) ON DELETE CASCADE,
            iou REAL CHECK (iou BETWEEN 0 AND 1),
            CHECK (outcome <> 'added' OR prediction_id IS NULL),
            CHECK (outcome = 'edited' OR iou IS NULL),
            CHECK (outcome <> 'deleted' OR final_class_id IS NULL)
        );
        CREATE INDEX labeling_object_outcome_by_submission ON labeling_object_outcome(submission_id);
        CREATE INDEX labeling_object_outcome_by_prediction ON labeling_object_outcome(prediction_id) WHERE prediction_id IS NOT NULL;
        CREATE INDEX labeling_object_outcome_by_class ON labeling_object_outcome(class_id);
        CREATE INDEX labeling_object_outcome_by_final_class ON labeling_object_outcome(final_class_id);
        """
}
