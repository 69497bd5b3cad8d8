namespace ApiSentinel.Collector.Storage.Schema;

/// <summary>
/// The database's layout (docs/collector-storage.md). The file says whose it is in SQLite's own header fields:
/// <c>application_id</c> is <see cref="ApplicationId"/> and <c>user_version</c> the schema <see cref="Version"/>, both
/// set in the transaction that creates the tables — so a database is either ours and complete, or refused.
/// </summary>
internal static class StoreSchema
{
    /// <summary>"ASCS" (ApiSentinel collector state) as a big-endian 32-bit integer.</summary>
    public const int ApplicationId = 0x41534353;

    /// <summary>1: the first schema (issue 8). 2: findings carry a fingerprint, their endpoints a table of their own (renames move them).</summary>
    public const int Version = 2;

    public const string DatabaseFile = "collector.db";

    public const string LockFile = "collector.lock";

    /// <summary>The tables a database of <see cref="Version"/> must have.</summary>
    public static readonly string[] Tables = ["streams", "journal", "checkpoint", "positions", "usage", "findings", "finding_endpoints"];

    public const string Create = """
        -- Last durable sequence per sensor stream: duplicate detection outlives the journal rows.
        CREATE TABLE streams (
            sensor_id     TEXT    NOT NULL,
            instance_id   TEXT    NOT NULL,
            last_sequence INTEGER NOT NULL,
            PRIMARY KEY (sensor_id, instance_id)
        ) WITHOUT ROWID;
        -- Acknowledged batches not yet covered by a checkpoint, in append order (id).
        CREATE TABLE journal (
            id              INTEGER PRIMARY KEY,
            sensor_id       TEXT    NOT NULL,
            instance_id     TEXT    NOT NULL,
            sequence        INTEGER NOT NULL,
            calls           INTEGER NOT NULL,
            appended_micros INTEGER NOT NULL,
            batch           BLOB    NOT NULL
        );
        CREATE UNIQUE INDEX journal_by_stream ON journal (sensor_id, instance_id, sequence);
        -- The catalog state of the last checkpoint (one row).
        CREATE TABLE checkpoint (
            id             INTEGER PRIMARY KEY CHECK (id = 1),
            written_micros INTEGER NOT NULL,
            generation     INTEGER NOT NULL,
            state          BLOB    NOT NULL
        );
        -- The last sequence per stream the checkpoint's state holds.
        CREATE TABLE positions (
            sensor_id   TEXT    NOT NULL,
            instance_id TEXT    NOT NULL,
            sequence    INTEGER NOT NULL,
            PRIMARY KEY (sensor_id, instance_id)
        ) WITHOUT ROWID;
        -- Calls per endpoint identity and hour of event time (hour_micros: start of the hour, µs since the epoch).
        CREATE TABLE usage (
            endpoint_id TEXT    NOT NULL,
            hour_micros INTEGER NOT NULL,
            requests    INTEGER NOT NULL,
            errors      INTEGER NOT NULL,
            PRIMARY KEY (endpoint_id, hour_micros)
        ) WITHOUT ROWID;
        CREATE INDEX usage_by_hour ON usage (hour_micros);
        -- One row per finding episode; finding: JSON of the Finding's own fields (structure only); fingerprint: its SHA-256.
        CREATE TABLE findings (
            id                INTEGER PRIMARY KEY,
            kind              TEXT    NOT NULL,
            source            TEXT    NOT NULL,
            client            TEXT    NOT NULL,
            severity          TEXT    NOT NULL,
            first_seen_micros INTEGER NOT NULL,
            last_seen_micros  INTEGER NOT NULL,
            fingerprint       TEXT    NOT NULL,
            finding           TEXT    NOT NULL
        );
        CREATE INDEX findings_by_subject ON findings (kind, source, client, last_seen_micros);
        CREATE INDEX findings_by_fingerprint ON findings (fingerprint);
        CREATE INDEX findings_by_last_seen ON findings (last_seen_micros);
        -- Each finding's endpoints by current identity (renames move them), in the finding's order (ordinal).
        CREATE TABLE finding_endpoints (
            finding_id  INTEGER NOT NULL,
            endpoint_id TEXT    NOT NULL,
            ordinal     INTEGER NOT NULL,
            PRIMARY KEY (finding_id, endpoint_id)
        ) WITHOUT ROWID;
        CREATE INDEX finding_endpoints_by_endpoint ON finding_endpoints (endpoint_id);
        """;
}
