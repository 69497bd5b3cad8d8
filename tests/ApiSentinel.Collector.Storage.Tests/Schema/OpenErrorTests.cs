using System.Security.Cryptography;
using ApiSentinel.Collector.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using static ApiSentinel.Collector.Storage.Tests.Infrastructure.Batches;

namespace ApiSentinel.Collector.Storage.Tests.Schema;

/// <summary>A state the collector cannot use is refused with one clear line, and nothing in it is changed.</summary>
public sealed class OpenErrorTests
{
    private const int StoreVersion = 2;

    /// <summary>Every file's content but the lock's. (Reading a WAL database may add its -shm index and an empty -wal: not data.)</summary>
    private static Dictionary<string, string> Digest(string directory) => Directory.GetFiles(directory)
        .Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))
        .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    private static CollectorStoreException Refused(StateDirectory dir, string expected)
    {
        var before = Digest(dir.Path);
        var error = Assert.Throws<CollectorStoreException>(() => dir.Open());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        var after = Digest(dir.Path);
        Assert.All(before, file => Assert.Equal(file.Value, after[file.Key]));
        Assert.All(after.Keys.Except(before.Keys), added => Assert.True(
            added.EndsWith("-shm", StringComparison.Ordinal) || (added.EndsWith("-wal", StringComparison.Ordinal) && new FileInfo(Path.Combine(dir.Path, added)).Length == 0),
            added));
        return error;
    }

    private static void Sql(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void A_file_that_is_not_sqlite_is_refused()
    {
        using var dir = new StateDirectory();
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.Database, "these are somebody's notes, not a database\n");
        Refused(dir, "is not a SQLite database");
    }

    [Fact]
    public void Another_applications_sqlite_database_is_refused()
    {
        using var dir = new StateDirectory();
        Directory.CreateDirectory(dir.Path);
        Sql(dir.Database, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');");
        Refused(dir, "of another application");
    }

    [Fact]
    public async Task A_newer_schema_version_is_refused()
    {
        using var dir = new StateDirectory();
        using (var store = dir.Open())
        {
            await store.AppendAsync(SensorA, 1, Bytes(SensorA, 1), 1);
        }
        Sql(dir.Database, "PRAGMA user_version = 99");
        Refused(dir, "schema version 99, newer than this collector reads (2)");
    }

    [Fact]
    public async Task A_corrupt_database_is_refused()
    {
        using var dir = new StateDirectory();
        using (var store = dir.Open())
        {
            for (var sequence = 1; sequence <= 200; sequence++)
            {
                await store.AppendAsync(SensorA, sequence, new byte[2000], 1);
            }
        }
        // Closing checkpointed the WAL into the file. Overwrite one page in the middle of the journal's b-tree.
        using (var file = new FileStream(dir.Database, FileMode.Open, FileAccess.ReadWrite))
        {
            Assert.True(file.Length > 40 * 4096, $"{file.Length} bytes");
            file.Position = 20 * 4096;
            file.Write(Enumerable.Repeat((byte)0xA5, 4096).ToArray());
        }
        Refused(dir, "is corrupt");
    }

    [Fact]
    public async Task A_directory_another_collector_holds_is_refused_and_the_holder_goes_on()
    {
        using var dir = new StateDirectory();
        using var holder = dir.Open();
        Assert.Equal(AppendResult.Appended, await holder.AppendAsync(SensorA, 1, Bytes(SensorA, 1), 1));
        var error = Assert.Throws<CollectorStoreException>(() => dir.Open());
        Assert.Contains("in use by another running collector", error.Message, StringComparison.Ordinal);
        Assert.Equal(AppendResult.Appended, await holder.AppendAsync(SensorA, 2, Bytes(SensorA, 2), 1));
        Assert.Equal(2, holder.Recover().Pending.Count);
    }

    [Fact]
    public void A_state_directory_that_cannot_be_created_is_refused()
    {
        using var dir = new StateDirectory();
        Directory.CreateDirectory(dir.Path);
        var file = Path.Combine(dir.Path, "a-file");
        File.WriteAllText(file, "");
        var error = Assert.Throws<CollectorStoreException>(() => CollectorStore.Open(Path.Combine(file, "state"), new CollectorStoreOptions(), TimeProvider.System));
        Assert.Contains("cannot be created", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task An_empty_file_and_a_closed_store_open_as_a_collector_state()
    {
        using var dir = new StateDirectory();
        Directory.CreateDirectory(dir.Path);
        File.WriteAllBytes(dir.Database, []);
        using (var store = dir.Open())
        {
            Assert.Equal(AppendResult.Appended, await store.AppendAsync(SensorA, 1, Bytes(SensorA, 1), 1));
        }
        using var reopened = dir.Open();
        Assert.Equal(1, reopened.LastSequence(SensorA));
    }

    [Fact]
    public async Task A_first_start_killed_before_the_tables_were_created_starts_fresh()
    {
        using var dir = new StateDirectory();
        Directory.CreateDirectory(dir.Path);
        // What a kill -9 between PRAGMA journal_mode=WAL and the commit creating the tables leaves: a header, no tables.
        Sql(dir.Database, "PRAGMA journal_mode=WAL");
        Assert.True(new FileInfo(dir.Database).Length > 0);
        using (var store = dir.Open())
        {
            Assert.Equal(AppendResult.Appended, await store.AppendAsync(SensorA, 1, Bytes(SensorA, 1), 1));
        }
        using var reopened = dir.Open();
        Assert.Equal(1, reopened.LastSequence(SensorA));
    }

    [Fact]
    public void A_state_the_writer_cannot_read_at_start_is_one_clear_line()
    {
        using var dir = new StateDirectory();
        Directory.CreateDirectory(dir.Path);
        // Every table present and the header ours, but streams lacks the column the writer reads at start.
        Sql(dir.Database, """
            CREATE TABLE streams (sensor_id TEXT); CREATE TABLE journal (id INTEGER); CREATE TABLE checkpoint (id INTEGER);
            CREATE TABLE positions (sensor_id TEXT); CREATE TABLE usage (endpoint_id TEXT); CREATE TABLE findings (id INTEGER); CREATE TABLE finding_endpoints (id INTEGER);
            """ + $"PRAGMA application_id = {0x41534353}; PRAGMA user_version = {StoreVersion};");
        var error = Assert.Throws<CollectorStoreException>(() => dir.Open());
        Assert.Contains("cannot be opened for writing", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_state_of_the_previous_schema_version_is_refused_as_older()
    {
        using var dir = new StateDirectory();
        using (var store = dir.Open())
        {
            await store.AppendAsync(SensorA, 1, Bytes(SensorA, 1), 1);
        }
        Sql(dir.Database, "PRAGMA user_version = 1");
        Refused(dir, "has schema version 1, older than this collector reads (2)");
    }
}
