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
    /// Moves each renamed identity's hours into its new identity (summing where both have the hour). The renames are a
    /// simultaneous set — {A→B, B→C} moves A's hours to B and B's own to C, and a swap {A→B, B→A} swaps — so every old
    /// identity's rows are staged in a temporary table and deleted before any is written back: applied one by one, in
    /// any order, A's hours would follow B's on to C.
    /// </summary>
    public static void Rename(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<EndpointRename> renames)
    {
        var moves = renames.Where(r => r.OldIdentity != r.NewIdentity).ToList();
        if (moves.Count == 0)
        {
            return;
        }
        Execute(connection, transaction, """
            CREATE TEMP TABLE IF NOT EXISTS usage_moved (endpoint_id TEXT NOT NULL, hour_micros INTEGER NOT NULL, requests INTEGER NOT NULL, errors INTEGER NOT NULL);
            DELETE FROM temp.usage_moved;
            """);
        using (var stage = connection.CreateCommand())
        {
            stage.Transaction = transaction;
            stage.CommandText = "INSERT INTO temp.usage_moved SELECT $new, hour_micros, requests, errors FROM usage WHERE endpoint_id = $old";
            foreach (var rename in moves)
            {
                stage.Parameters.Clear();
                stage.Parameters.AddWithValue("$old", rename.OldIdentity);
                stage.Parameters.AddWithValue("$new", rename.NewIdentity);
                stage.ExecuteNonQuery();
            }
        }
        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM usage WHERE endpoint_id = $old";
            foreach (var rename in moves)
            {
                delete.Parameters.Clear();
                delete.Parameters.AddWithValue("$old", rename.OldIdentity);
                delete.ExecuteNonQuery();
            }
        }
        // WHERE true: SQLite's upsert after a SELECT needs it to parse ON CONFLICT as the upsert clause.
        Execute(connection, transaction, """
            INSERT INTO usage (endpoint_id, hour_micros, requests, errors)
            SELECT endpoint_id, hour_micros, sum(requests), sum(errors) FROM temp.usage_moved WHERE true GROUP BY endpoint_id, hour_micros
            ON CONFLICT (endpoint_id, hour_micros) DO UPDATE SET requests = requests + excluded.requests, errors = errors + excluded.errors;
            DELETE FROM temp.usage_moved;
            """);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
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
