using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ApiSentinel.Collector.Storage.Schema;

/// <summary>
/// Opens the database for writing after checking, without writing anything, that it is ours: SQLite's magic, our
/// <c>application_id</c>, a schema version this build reads, every table present, and <c>PRAGMA quick_check</c> clean
/// (every page and record well-formed; index contents are not cross-checked, which would read the whole file twice).
/// A missing or empty file becomes a new database. Anything else is one clear <see cref="CollectorStoreException"/>.
/// </summary>
internal static class StoreOpener
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private static ReadOnlySpan<byte> SqliteMagic => "SQLite format 3\0"u8;

    public static string ConnectionString(string path, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        // No pool: a disposed store must leave no handle on the file (a restart, a test, reopens it at once).
        Pooling = false,
    }.ToString();

    /// <summary>The writer's connection: WAL, synchronous=FULL (a commit returns once the WAL is synced).</summary>
    public static SqliteConnection OpenWriter(string path)
    {
        // A file with no tables is fresh too: a first start killed between PRAGMA journal_mode=WAL (which writes the
        // header) and the commit that creates the tables leaves one, and refusing or skipping it would fail every start.
        var fresh = !File.Exists(path) || new FileInfo(path).Length == 0 || Check(path);
        var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadWriteCreate));
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            if (fresh)
            {
                using var transaction = connection.BeginTransaction();
                Execute(connection, StoreSchema.Create, transaction);
                Execute(connection, string.Create(CultureInfo.InvariantCulture,
                    $"PRAGMA application_id={StoreSchema.ApplicationId}; PRAGMA user_version={StoreSchema.Version};"), transaction);
                transaction.Commit();
            }
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new CollectorStoreException($"{path} cannot be opened for writing: {OneLine(e)}", e);
        }
    }

    /// <summary>Checks an existing file; true when it has no tables yet (ours or no one's: a first start that did not finish).</summary>
    /// <summary>A new writer connection on a database already opened and checked by <see cref="OpenWriter"/> (after a failed transaction).</summary>
    public static SqliteConnection ReopenWriter(string path)
    {
        var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadWrite));
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static bool Check(string path)
    {
        var header = new byte[SqliteMagic.Length];
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header.AsSpan().SequenceEqual(SqliteMagic))
            {
                throw new CollectorStoreException($"{path} is not a SQLite database; move it away or point --state-dir elsewhere");
            }
        }
        using var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadOnly));
        try
        {
            connection.Open();
            var application = Scalar(connection, "PRAGMA application_id");
            var version = Scalar(connection, "PRAGMA user_version");
            var tables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table'");
            if (tables.Count == 0 && (application == 0 || application == StoreSchema.ApplicationId))
            {
                return true;
            }
            if (application != StoreSchema.ApplicationId)
            {
                throw new CollectorStoreException(string.Create(CultureInfo.InvariantCulture,
                    $"{path} is a SQLite database of another application (application_id {application:x8}, {tables.Count} tables), not a collector's state; move it away or point --state-dir elsewhere"));
            }
            if (version > StoreSchema.Version)
            {
                throw new CollectorStoreException(string.Create(CultureInfo.InvariantCulture,
                    $"{path} has schema version {version}, newer than this collector reads ({StoreSchema.Version}); run a newer collector"));
            }
            if (version >= 1 && version < StoreSchema.Version)
            {
                throw new CollectorStoreException(string.Create(CultureInfo.InvariantCulture,
                    $"{path} has schema version {version}, older than this collector reads ({StoreSchema.Version}); move it away (a new state re-learns the catalog from traffic)"));
            }
            if (version < 1 || !StoreSchema.Tables.All(tables.Contains))
            {
                throw new CollectorStoreException($"{path} is an incomplete collector state (schema version {version.ToString(CultureInfo.InvariantCulture)}, tables missing); restore it from a backup or move it away");
            }
            var problems = Strings(connection, "PRAGMA quick_check(1)");
            if (problems.Count != 1 || problems[0] != "ok")
            {
                throw new CollectorStoreException($"{path} is corrupt (integrity check failed); restore it from a backup or move it away");
            }
            return false;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteNotADatabase)
        {
            throw new CollectorStoreException($"{path} is not a SQLite database (or is encrypted); move it away or point --state-dir elsewhere", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteCorrupt)
        {
            throw new CollectorStoreException($"{path} is corrupt ({OneLine(e)}); restore it from a backup or move it away", e);
        }
        catch (SqliteException e)
        {
            throw new CollectorStoreException($"{path} cannot be read: {OneLine(e)}", e);
        }
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    /// <summary>SQLite's message without its "SQLite Error N:" prefix and on one line.</summary>
    internal static string OneLine(SqliteException e) => e.Message.ReplaceLineEndings(" ");
}
