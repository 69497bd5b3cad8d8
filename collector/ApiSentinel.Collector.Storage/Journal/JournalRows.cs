using ApiSentinel.Collector.Catalog;
using Microsoft.Data.Sqlite;

namespace ApiSentinel.Collector.Storage.Journal;

/// <summary>The journal's and the streams' rows: prepared statements for one group commit, and the reads recovery needs.</summary>
internal sealed class JournalRows : IDisposable
{
    private readonly SqliteCommand _append;
    private readonly SqliteCommand _setLast;

    public JournalRows(SqliteConnection connection, SqliteTransaction transaction)
    {
        _append = connection.CreateCommand();
        _append.Transaction = transaction;
        _append.CommandText = """
            INSERT INTO journal (sensor_id, instance_id, sequence, calls, appended_micros, batch)
            VALUES ($sensor, $instance, $sequence, $calls, $now, $batch)
            """;
        _setLast = connection.CreateCommand();
        _setLast.Transaction = transaction;
        _setLast.CommandText = """
            INSERT INTO streams (sensor_id, instance_id, last_sequence) VALUES ($sensor, $instance, $sequence)
            ON CONFLICT (sensor_id, instance_id) DO UPDATE SET last_sequence = excluded.last_sequence
            """;
    }

    public void Append(StreamKey stream, long sequence, byte[] batch, int calls, long nowMicros)
    {
        _append.Parameters.Clear();
        _append.Parameters.AddWithValue("$sensor", stream.SensorId);
        _append.Parameters.AddWithValue("$instance", stream.InstanceId);
        _append.Parameters.AddWithValue("$sequence", sequence);
        _append.Parameters.AddWithValue("$calls", calls);
        _append.Parameters.AddWithValue("$now", nowMicros);
        _append.Parameters.Add("$batch", SqliteType.Blob).Value = batch;
        _append.ExecuteNonQuery();
    }

    public void SetLast(StreamKey stream, long sequence)
    {
        _setLast.Parameters.Clear();
        _setLast.Parameters.AddWithValue("$sensor", stream.SensorId);
        _setLast.Parameters.AddWithValue("$instance", stream.InstanceId);
        _setLast.Parameters.AddWithValue("$sequence", sequence);
        _setLast.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _append.Dispose();
        _setLast.Dispose();
    }

    /// <summary>The last durable sequence of every stream the store has seen.</summary>
    public static Dictionary<StreamKey, long> Streams(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sensor_id, instance_id, last_sequence FROM streams";
        using var reader = command.ExecuteReader();
        var streams = new Dictionary<StreamKey, long>();
        while (reader.Read())
        {
            streams[new StreamKey(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        }
        return streams;
    }

    /// <summary>The checkpoint's positions.</summary>
    public static Dictionary<StreamKey, long> Positions(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sensor_id, instance_id, sequence FROM positions";
        using var reader = command.ExecuteReader();
        var positions = new Dictionary<StreamKey, long>();
        while (reader.Read())
        {
            positions[new StreamKey(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        }
        return positions;
    }

    /// <summary>How many journal entries are after the positions, and the last journal id of them all (0 when none).</summary>
    public static (int Count, long LastId) PendingExtent(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT count(*), coalesce(max(j.id), 0) FROM journal j
            LEFT JOIN positions p ON p.sensor_id = j.sensor_id AND p.instance_id = j.instance_id
            WHERE p.sequence IS NULL OR j.sequence > p.sequence
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Journal entries after the positions (of streams without one, all), up to journal id <paramref name="lastId"/>, in
    /// append order — read one row at a time as the caller enumerates, so only the entry in hand is in memory.
    /// </summary>
    public static IEnumerable<JournalEntry> Pending(SqliteConnection connection, long lastId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT j.sensor_id, j.instance_id, j.sequence, j.batch FROM journal j
            LEFT JOIN positions p ON p.sensor_id = j.sensor_id AND p.instance_id = j.instance_id
            WHERE (p.sequence IS NULL OR j.sequence > p.sequence) AND j.id <= $last
            ORDER BY j.id
            """;
        command.Parameters.AddWithValue("$last", lastId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new JournalEntry(new StreamKey(reader.GetString(0), reader.GetString(1)), reader.GetInt64(2), (byte[])reader.GetValue(3));
        }
    }

    /// <summary>Deletes the journal rows the positions cover (their batches are in the checkpoint's state).</summary>
    public static int DeleteCovered(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM journal WHERE EXISTS (
                SELECT 1 FROM positions p
                WHERE p.sensor_id = journal.sensor_id AND p.instance_id = journal.instance_id AND journal.sequence <= p.sequence)
            """;
        return command.ExecuteNonQuery();
    }
}
