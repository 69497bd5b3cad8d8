using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Catalog;

/// <summary>A field never shows more calls than its endpoint had, however many kinds it held per call.</summary>
public sealed class KindSetCountTests
{
    [Fact]
    public void Generated_calls_with_several_kinds_per_field_count_each_call_once()
    {
        var random = new Random(5);
        string[] kinds = ["integer", "string", "null", "object", "number"];
        var catalog = new ApiCatalog(new CatalogOptions());
        for (var i = 0; i < 300; i++)
        {
            var fields = Enumerable.Range(0, random.Next(1, 6))
                .Select(_ => new FieldObservation($"$.items[*].f{random.Next(3)}", kinds[random.Next(kinds.Length)])).ToList();
            catalog.Ingest(new ApiCall
            {
                TimestampMicros = i, ClientAddress = "10.0.0.1", Server = "10.0.0.2:80", Host = "api.example",
                Method = i % 2 == 0 ? "GET" : "POST", Path = $"/things/{i % 7}",
                ResponseFields = fields, RequestFields = fields, Query = [new("q", "integer"), new("q", "string")], Status = 200,
            });
        }
        foreach (var e in catalog.Build().Endpoints)
        {
            foreach (var set in new[] { e.ResponseFields, e.RequestFields, e.Query })
            {
                foreach (var name in set.Names)
                {
                    Assert.InRange(set.CountOf(name), 1, e.Requests);
                }
            }
            Assert.Equal(e.Requests, e.Query.CountOf("q"));
        }
    }

    [Fact]
    public void Merged_sets_add_their_calls()
    {
        var a = new KindSet();
        a.Add("$.id", "integer", call: 1);
        a.Add("$.id", "string", call: 1);
        a.Add("$.id", "integer", call: 2);
        var b = new KindSet();
        b.Add("$.id", "string", call: 1);
        a.MergeFrom(b);
        Assert.Equal(3, a.CountOf("$.id"));
        Assert.Equal(["integer", "string"], a.KindsOf("$.id").Order());
    }
}
