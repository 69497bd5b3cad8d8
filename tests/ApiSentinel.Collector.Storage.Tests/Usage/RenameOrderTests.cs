using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Storage.Schema;
using ApiSentinel.Collector.Storage.Usage;
using Microsoft.Data.Sqlite;

namespace ApiSentinel.Collector.Storage.Tests.Usage;

/// <summary>A checkpoint's renames are one simultaneous set: an identity that is both an old and a new one keeps them apart.</summary>
public sealed class RenameOrderTests
{
    private static EndpointRename Rename(string from, string to) => new(new("h", "GET", from), from, new("h", "GET", to), to);

    private static Dictionary<string, long> RenameAndRead(params EndpointRename[] renames)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var transaction = connection.BeginTransaction())
        {
            StoreOpener.Execute(connection, StoreSchema.Create, transaction);
            StoreOpener.Execute(connection, "INSERT INTO usage VALUES ('A', 0, 1, 0), ('B', 0, 10, 0), ('C', 0, 100, 0)", transaction);
            UsageRows.Rename(connection, transaction, renames);
            transaction.Commit();
        }
        return UsageRows.RequestsInRange(connection, null, null);
    }

    [Fact]
    public void A_to_B_and_B_to_C_move_A_to_B_and_B_to_C()
    {
        Assert.Equal(new Dictionary<string, long> { ["B"] = 1, ["C"] = 110 }, RenameAndRead(Rename("A", "B"), Rename("B", "C")));
        // In the other order too: the order the list has must not matter.
        Assert.Equal(new Dictionary<string, long> { ["B"] = 1, ["C"] = 110 }, RenameAndRead(Rename("B", "C"), Rename("A", "B")));
    }

    [Fact]
    public void A_swap_swaps()
    {
        Assert.Equal(new Dictionary<string, long> { ["A"] = 10, ["B"] = 1, ["C"] = 100 }, RenameAndRead(Rename("A", "B"), Rename("B", "A")));
    }
}
