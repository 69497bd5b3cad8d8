using ApiSentinel.Collector.Catalog;
using Microsoft.Data.Sqlite;

namespace ApiSentinel.Collector.Storage.Usage;

/// <summary>
/// Hourly usage rows: added into at each checkpoint, moved by renames, pruned past the retention, and read by time
/// range. A range selects the hours that overlap it: an hour [h, h+1h) is in [since, until) when h + 1h &gt; since and
/// h &lt; until, so a range inside one hour still finds that hour's bucket (usage is hourly, not finer).
/// </summary>
internal static class UsageRows
{
    private const long HourMicros = 3_600_000_000L;

    /// <summary>
    /// Moves each renamed identity's hours into its new identity (summing where both have the hour). The renames are
    /// composed (no new identity is also an old one), so the order they are applied in does not matter.
    /// </summary>
    public static void Rename(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<EndpointRename> renames)
    {
        using var move = connection.CreateCommand();
        move.Transaction = transaction;
        move.CommandText = """
            INSERT INTO usage (endpoint_id, hour_micros, requests, errors)
            SELECT $new, hour_micros, requests, errors FROM usage WHERE endpoint_id = $old
            ON CONFLICT (endpoint_id, hour_micros) DO UPDATE SET requests = requests + excluded.requests, errors = errors + excluded.errors;
            DELETE FROM usage WHERE endpoint_id = $old;
            """;
        foreach (var rename in renames.Where(r => r.OldIdentity != r.NewIdentity))
        {
            move.Parameters.Clear();
            move.Parameters.AddWithValue("$old", rename.OldIdentity);
            move.Parameters.AddWithValue("$new", rename.NewIdentity);
            move.ExecuteNonQuery();
        }
    }

    public static void Add(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<UsageBucket> usage)
    {
        using var add = connection.CreateCommand();
        add.Transaction = transaction;
        add.CommandText = """
            INSERT INTO usage (endpoint_id, hour_micros, requests, errors) VALUES ($id, $hour, $requests, $errors)
            ON CONFLICT (endpoint_id, hour_micros) DO UPDATE SET requests = requests + excluded.requests, errors = errors + excluded.errors
            """;
        var id = add.Parameters.Add("$id", SqliteType.Text);
        var hour = add.Parameters.Add("$hour", SqliteType.Integer);
        var requests = add.Parameters.Add("$requests", SqliteType.Integer);
        var errors = add.Parameters.Add("$errors", SqliteType.Integer);
        add.Prepare();
        foreach (var bucket in usage)
        {
            id.Value = bucket.EndpointId;
            hour.Value = bucket.HourStartMicros;
            requests.Value = bucket.Requests;
            errors.Value = bucket.Errors;
            add.ExecuteNonQuery();
        }
    }

    /// <summary>Deletes the hours that ended before <paramref name="cutoffMicros"/>.</summary>
    public static int Prune(SqliteConnection connection, SqliteTransaction transaction, long cutoffMicros)
    {
        using var prune = connection.CreateCommand();
        prune.Transaction = transaction;
        prune.CommandText = "DELETE FROM usage WHERE hour_micros + $hour <= $cutoff";
        prune.Parameters.AddWithValue("$hour", HourMicros);
        prune.Parameters.AddWithValue("$cutoff", cutoffMicros);
        return prune.ExecuteNonQuery();
    }

    public static List<UsageBucket> Of(SqliteConnection connection, string endpointId, DateTimeOffset? since, DateTimeOffset? until)
    {
        using var query = connection.CreateCommand();
        query.CommandText = """
            SELECT endpoint_id, hour_micros, requests, errors FROM usage
            WHERE endpoint_id = $id AND hour_micros + $hour > $since AND hour_micros < $until
            ORDER BY hour_micros
            """;
        query.Parameters.AddWithValue("$id", endpointId);
        Range(query, since, until);
        using var reader = query.ExecuteReader();
        var buckets = new List<UsageBucket>();
        while (reader.Read())
        {
            buckets.Add(new UsageBucket(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        return buckets;
    }

    public static Dictionary<string, long> RequestsInRange(SqliteConnection connection, DateTimeOffset? since, DateTimeOffset? until)
    {
        using var query = connection.CreateCommand();
        query.CommandText = """
            SELECT endpoint_id, sum(requests) FROM usage
            WHERE hour_micros + $hour > $since AND hour_micros < $until
            GROUP BY endpoint_id
            """;
        Range(query, since, until);
        using var reader = query.ExecuteReader();
        var requests = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            requests[reader.GetString(0)] = reader.GetInt64(1);
        }
        return requests;
    }

    private static void Range(SqliteCommand query, DateTimeOffset? since, DateTimeOffset? until)
    {
        query.Parameters.AddWithValue("$hour", HourMicros);
        query.Parameters.AddWithValue("$since", since is { } s ? Micros(s) : long.MinValue / 2);
        query.Parameters.AddWithValue("$until", until is { } u ? Micros(u) : long.MaxValue / 2);
    }

    public static long Micros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (TimeSpan.TicksPerMillisecond / 1000);
}
