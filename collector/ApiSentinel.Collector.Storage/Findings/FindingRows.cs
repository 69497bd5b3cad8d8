using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Findings;
using Microsoft.Data.Sqlite;

namespace ApiSentinel.Collector.Storage.Findings;

/// <summary>
/// Findings as rows, one per episode. Every checkpoint upserts the findings of its build: a finding whose
/// <c>fingerprint</c> is already stored is unchanged and not written; otherwise it updates the row of the same kind,
/// source and client whose time span it overlaps and whose endpoints it shares (an open episode grows — its end moves,
/// its start may move a little for late calls, it lists more endpoints — but stays one row); any other finding is a
/// new row. Findings the catalog no longer lists stay stored until their last sighting is past the retention.
/// </summary>
/// <remarks>
/// The <c>finding</c> column is JSON of the <see cref="Finding"/>'s own fields — kind, severity, source, client, span,
/// summary, evidence, endpoints (identity, host, method, template) as of its last write — all structure: the catalog
/// holds no raw value. <c>finding_endpoints</c> holds each row's endpoints by their current identity: renames move
/// them, so a finding over endpoints that merged still matches its row.
/// </remarks>
internal static class FindingRows
{
    /// <summary>Upserts the build's findings; returns how many rows were written (unchanged findings are not).</summary>
    public static int Upsert(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<Finding> findings)
    {
        using var unchanged = Command(connection, transaction, "SELECT 1 FROM findings WHERE fingerprint = $fingerprint LIMIT 1");
        using var candidates = Command(connection, transaction, """
            SELECT f.id FROM findings f
            WHERE f.kind = $kind AND f.source = $source AND f.client = $client AND f.last_seen_micros >= $from AND f.first_seen_micros <= $to
              AND CASE WHEN json_array_length($endpoints) = 0
                  THEN NOT EXISTS (SELECT 1 FROM finding_endpoints e WHERE e.finding_id = f.id)
                  ELSE EXISTS (SELECT 1 FROM finding_endpoints e WHERE e.finding_id = f.id AND e.endpoint_id IN (SELECT value FROM json_each($endpoints)))
                  END
            ORDER BY f.id LIMIT 1
            """);
        using var update = Command(connection, transaction, """
            UPDATE findings SET severity = $severity, first_seen_micros = $from, last_seen_micros = $to, fingerprint = $fingerprint, finding = $finding
            WHERE id = $id
            """);
        using var insert = Command(connection, transaction, """
            INSERT INTO findings (kind, source, client, severity, first_seen_micros, last_seen_micros, fingerprint, finding)
            VALUES ($kind, $source, $client, $severity, $from, $to, $fingerprint, $finding) RETURNING id
            """);
        using var clearEndpoints = Command(connection, transaction, "DELETE FROM finding_endpoints WHERE finding_id = $id");
        using var addEndpoint = Command(connection, transaction,
            "INSERT OR IGNORE INTO finding_endpoints (finding_id, endpoint_id, ordinal) VALUES ($id, $endpoint, $ordinal)");
        var written = 0;
        foreach (var finding in findings)
        {
            var json = Json(finding);
            var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
            unchanged.Parameters.Clear();
            unchanged.Parameters.AddWithValue("$fingerprint", fingerprint);
            if (unchanged.ExecuteScalar() is not null)
            {
                continue;
            }
            var endpoints = finding.Endpoints.Select(EndpointIdentity.Of).Distinct(StringComparer.Ordinal).ToList();
            candidates.Parameters.Clear();
            Subject(candidates, finding);
            candidates.Parameters.AddWithValue("$endpoints", JsonSerializer.Serialize(endpoints));
            var match = candidates.ExecuteScalar() is { } found ? Convert.ToInt64(found, System.Globalization.CultureInfo.InvariantCulture) : (long?)null;
            var write = match is null ? insert : update;
            write.Parameters.Clear();
            Subject(write, finding);
            write.Parameters.AddWithValue("$severity", finding.Severity);
            write.Parameters.AddWithValue("$fingerprint", fingerprint);
            write.Parameters.AddWithValue("$finding", json);
            long id;
            if (match is { } existing)
            {
                write.Parameters.AddWithValue("$id", existing);
                write.ExecuteNonQuery();
                id = existing;
            }
            else
            {
                id = Convert.ToInt64(write.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
            clearEndpoints.Parameters.Clear();
            clearEndpoints.Parameters.AddWithValue("$id", id);
            clearEndpoints.ExecuteNonQuery();
            for (var i = 0; i < endpoints.Count; i++)
            {
                addEndpoint.Parameters.Clear();
                addEndpoint.Parameters.AddWithValue("$id", id);
                addEndpoint.Parameters.AddWithValue("$endpoint", endpoints[i]);
                addEndpoint.Parameters.AddWithValue("$ordinal", i);
                addEndpoint.ExecuteNonQuery();
            }
            written++;
        }
        return written;
    }

    /// <summary>
    /// Moves stored findings' endpoints to their new identities, all renames at once (a simultaneous set, like the
    /// usage's): staged, the old ones deleted, then written back; two endpoints merged into one become one entry, at
    /// the place of the first. Without it a finding over /users/alice and /users/bob found no row to grow once the two
    /// merged into /users/{id}, and was stored again.
    /// </summary>
    public static void Rename(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<EndpointRename> renames)
    {
        var moves = renames.Where(r => r.OldIdentity != r.NewIdentity).ToList();
        if (moves.Count == 0)
        {
            return;
        }
        Execute(connection, transaction, """
            CREATE TEMP TABLE IF NOT EXISTS finding_renames (old TEXT PRIMARY KEY, new TEXT NOT NULL) WITHOUT ROWID;
            CREATE TEMP TABLE IF NOT EXISTS finding_endpoints_moved (finding_id INTEGER NOT NULL, endpoint_id TEXT NOT NULL, ordinal INTEGER NOT NULL);
            DELETE FROM temp.finding_renames;
            DELETE FROM temp.finding_endpoints_moved;
            """);
        using (var add = Command(connection, transaction, "INSERT OR IGNORE INTO temp.finding_renames (old, new) VALUES ($old, $new)"))
        {
            foreach (var rename in moves)
            {
                add.Parameters.Clear();
                add.Parameters.AddWithValue("$old", rename.OldIdentity);
                add.Parameters.AddWithValue("$new", rename.NewIdentity);
                add.ExecuteNonQuery();
            }
        }
        // WHERE true: SQLite's upsert after a SELECT needs it to parse ON CONFLICT as the upsert clause.
        Execute(connection, transaction, """
            INSERT INTO temp.finding_endpoints_moved
            SELECT e.finding_id, r.new, e.ordinal FROM finding_endpoints e JOIN temp.finding_renames r ON r.old = e.endpoint_id;
            DELETE FROM finding_endpoints WHERE endpoint_id IN (SELECT old FROM temp.finding_renames);
            INSERT INTO finding_endpoints (finding_id, endpoint_id, ordinal)
            SELECT finding_id, endpoint_id, min(ordinal) FROM temp.finding_endpoints_moved WHERE true GROUP BY finding_id, endpoint_id
            ON CONFLICT (finding_id, endpoint_id) DO UPDATE SET ordinal = min(ordinal, excluded.ordinal);
            DELETE FROM temp.finding_renames;
            DELETE FROM temp.finding_endpoints_moved;
            """);
    }

    /// <summary>Deletes the findings last seen before <paramref name="cutoffMicros"/> (the usage retention's cutoff); returns how many.</summary>
    public static int Prune(SqliteConnection connection, SqliteTransaction transaction, long cutoffMicros)
    {
        using var endpoints = Command(connection, transaction,
            "DELETE FROM finding_endpoints WHERE finding_id IN (SELECT id FROM findings WHERE last_seen_micros < $cutoff)");
        endpoints.Parameters.AddWithValue("$cutoff", cutoffMicros);
        endpoints.ExecuteNonQuery();
        using var findings = Command(connection, transaction, "DELETE FROM findings WHERE last_seen_micros < $cutoff");
        findings.Parameters.AddWithValue("$cutoff", cutoffMicros);
        return findings.ExecuteNonQuery();
    }

    /// <summary>The <paramref name="max"/> findings seen most recently, oldest first.</summary>
    public static List<StoredFinding> Recent(SqliteConnection connection, int max)
    {
        using var query = connection.CreateCommand();
        query.CommandText = """
            SELECT f.id, f.finding, (SELECT json_group_array(endpoint_id) FROM
                (SELECT endpoint_id FROM finding_endpoints e WHERE e.finding_id = f.id ORDER BY ordinal))
            FROM (SELECT id, first_seen_micros, finding FROM findings ORDER BY last_seen_micros DESC, id DESC LIMIT $max) f
            ORDER BY f.first_seen_micros, f.id
            """;
        query.Parameters.AddWithValue("$max", max);
        using var reader = query.ExecuteReader();
        var findings = new List<StoredFinding>();
        while (reader.Read())
        {
            findings.Add(Read(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }
        return findings;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    private static void Subject(SqliteCommand command, Finding finding)
    {
        command.Parameters.AddWithValue("$kind", finding.Kind);
        command.Parameters.AddWithValue("$source", finding.Source ?? "");
        command.Parameters.AddWithValue("$client", finding.Client ?? "");
        command.Parameters.AddWithValue("$from", finding.FromMicros);
        command.Parameters.AddWithValue("$to", finding.ToMicros);
    }

    private static string Json(Finding finding)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", finding.Kind);
            json.WriteString("severity", finding.Severity);
            json.WriteString("source", finding.Source);
            json.WriteString("client", finding.Client);
            json.WriteNumber("fromMicros", finding.FromMicros);
            json.WriteNumber("toMicros", finding.ToMicros);
            json.WriteString("summary", finding.Summary);
            json.WriteStartObject("evidence");
            foreach (var (name, value) in finding.Evidence.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
            json.WriteStartArray("endpoints");
            foreach (var key in finding.Endpoints)
            {
                json.WriteStartObject();
                json.WriteString("identity", EndpointIdentity.Of(key));
                json.WriteString("host", key.Host);
                json.WriteString("method", key.Method);
                json.WriteString("pathTemplate", key.PathTemplate);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>A row; its endpoints are the current identities (<paramref name="endpoints"/>, a JSON array), not the JSON's as of its last write.</summary>
    private static StoredFinding Read(long id, string text, string endpoints)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var evidence = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in root.GetProperty("evidence").EnumerateObject())
        {
            evidence[property.Name] = property.Value.GetString() ?? "";
        }
        return new StoredFinding(
            id,
            root.GetProperty("kind").GetString()!,
            root.GetProperty("severity").GetString()!,
            root.GetProperty("source").GetString(),
            root.GetProperty("client").GetString(),
            FromMicros(root.GetProperty("fromMicros").GetInt64()),
            FromMicros(root.GetProperty("toMicros").GetInt64()),
            root.GetProperty("summary").GetString()!,
            JsonSerializer.Deserialize<List<string>>(endpoints) ?? [],
            evidence);
    }

    private static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * (TimeSpan.TicksPerMillisecond / 1000));
}
