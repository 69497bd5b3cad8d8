using System.Text.Json;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Findings;
using Microsoft.Data.Sqlite;

namespace ApiSentinel.Collector.Storage.Findings;

/// <summary>
/// Findings as rows, one per episode. Every checkpoint upserts the findings of its build: a finding updates the row of
/// the same kind, source and client whose time span it overlaps and whose endpoints it shares (an open episode grows —
/// its end moves, its start may move a little for late calls, it lists more endpoints — but stays one row); any other
/// finding is a new row. Findings the catalog no longer lists (closed and aged out of it) stay stored.
/// </summary>
/// <remarks>
/// The <c>finding</c> column is JSON of the <see cref="Finding"/>'s own fields — kind, severity, source, client, span,
/// summary, evidence, endpoints (identity, host, method, template) — all structure: the catalog holds no raw value.
/// </remarks>
internal static class FindingRows
{
    public static void Upsert(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<Finding> findings)
    {
        using var candidates = connection.CreateCommand();
        candidates.Transaction = transaction;
        candidates.CommandText = """
            SELECT id, finding FROM findings
            WHERE kind = $kind AND source = $source AND client = $client AND last_seen_micros >= $from AND first_seen_micros <= $to
            ORDER BY id
            """;
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE findings SET severity = $severity, first_seen_micros = $from, last_seen_micros = $to, finding = $finding WHERE id = $id
            """;
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO findings (kind, source, client, severity, first_seen_micros, last_seen_micros, finding)
            VALUES ($kind, $source, $client, $severity, $from, $to, $finding)
            """;
        foreach (var finding in findings)
        {
            var endpoints = finding.Endpoints.Select(EndpointIdentity.Of).ToHashSet(StringComparer.Ordinal);
            candidates.Parameters.Clear();
            Subject(candidates, finding);
            long? match = null;
            using (var reader = candidates.ExecuteReader())
            {
                while (match is null && reader.Read())
                {
                    var stored = Read(reader.GetInt64(0), reader.GetString(1));
                    if ((stored.Endpoints.Count == 0 && endpoints.Count == 0) || stored.Endpoints.Any(endpoints.Contains))
                    {
                        match = stored.Id;
                    }
                }
            }
            var write = match is null ? insert : update;
            write.Parameters.Clear();
            Subject(write, finding);
            write.Parameters.AddWithValue("$severity", finding.Severity);
            write.Parameters.AddWithValue("$finding", Json(finding));
            if (match is { } id)
            {
                write.Parameters.AddWithValue("$id", id);
            }
            write.ExecuteNonQuery();
        }
    }

    public static List<StoredFinding> All(SqliteConnection connection)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT id, finding FROM findings ORDER BY first_seen_micros, id";
        using var reader = query.ExecuteReader();
        var findings = new List<StoredFinding>();
        while (reader.Read())
        {
            findings.Add(Read(reader.GetInt64(0), reader.GetString(1)));
        }
        return findings;
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
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static StoredFinding Read(long id, string text)
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
            root.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("identity").GetString()!).ToList(),
            evidence);
    }

    private static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * (TimeSpan.TicksPerMillisecond / 1000));
}
