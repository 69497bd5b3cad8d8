using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Catalog;

/// <summary>The catalog aggregates how calls travelled and scores the clear text it saw, not clear text it assumed.</summary>
public sealed class TransportTests
{
    private static ApiCall Call(Transport transport, string path = "/v1/orders", string auth = AuthKinds.Basic, string ns = "", string workload = "") => new()
    {
        TimestampMicros = 1_000_000, ClientAddress = "10.0.0.5", Server = "10.0.0.9:8080", Host = "shop.example", Method = "GET",
        Path = path, Status = 200, Auth = auth, AuthLocation = auth == AuthKinds.None ? null : "header:authorization",
        CredentialFingerprint = auth == AuthKinds.None ? null : "f", Transport = transport, Namespace = ns, Workload = workload,
    };

    private static EndpointSnapshot Single(params ApiCall[] calls)
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        foreach (var call in calls)
        {
            catalog.Ingest(call);
        }
        return Assert.Single(catalog.Build().Endpoints);
    }

    private static RiskFactor Factor(EndpointSnapshot e, string name) => Assert.Single(e.Risk.Factors, f => f.Name == name);

    [Fact]
    public void Basic_credentials_inside_tls_are_not_basic_over_plaintext()
    {
        var e = Single(Call(Transport.Tls), Call(Transport.Tls));

        Assert.Equal((0, 2, 0), (e.PlaintextCalls, e.TlsCalls, e.UnknownTransportCalls));
        Assert.DoesNotContain(e.AccessIssues, i => i.Kind == AccessIssueKinds.BasicOverPlaintext);
        Assert.Equal(18, Factor(e, RiskFactorNames.AccessControl).Points); // basic 0.6, no clear-text penalty
        Assert.Equal(0, Factor(e, RiskFactorNames.Transport).Points);
        Assert.Equal("no clear-text calls observed: all 2 in TLS", Factor(e, RiskFactorNames.Transport).Evidence);
    }

    [Fact]
    public void Basic_credentials_in_clear_text_are_flagged_and_scored()
    {
        var e = Single(Call(Transport.Plaintext), Call(Transport.Tls));

        var issue = Assert.Single(e.AccessIssues, i => i.Kind == AccessIssueKinds.BasicOverPlaintext);
        Assert.Equal("basic credentials over clear text on 1 calls", issue.Evidence);
        Assert.Equal(24, Factor(e, RiskFactorNames.AccessControl).Points); // 0.6 + 0.2
        var transport = Factor(e, RiskFactorNames.Transport);
        Assert.Equal(5, transport.Points); // internal clients 0.5 × credentials 1.0
        Assert.Equal("clear-text HTTP between internal clients only; 1 of 2 calls in clear text; carries credentials", transport.Evidence);
    }

    [Fact]
    public void Unknown_transport_is_not_claimed_to_be_clear_text()
    {
        var e = Single(Call(Transport.Unknown));

        Assert.Equal(1, e.UnknownTransportCalls);
        Assert.DoesNotContain(e.AccessIssues, i => i.Kind == AccessIssueKinds.BasicOverPlaintext);
        Assert.Equal("transport unknown for all 1 calls: clear text not observed", Factor(e, RiskFactorNames.Transport).Evidence);
    }

    [Fact]
    public void Transport_counts_namespaces_and_workloads_survive_a_merge_of_templates()
    {
        // Twenty distinct ids are filed under their literal paths first and merge into /v1/orders/{orderId} at build.
        var calls = Enumerable.Range(1, 20).Select(i => Call(i % 2 == 0 ? Transport.Tls : Transport.Plaintext, $"/v1/orders/{1000 + i}",
            ns: i % 3 == 0 ? "shop" : "", workload: i % 5 == 0 ? "deployment/orders" : "")).ToArray();

        var e = Single(calls);

        Assert.Equal("/v1/orders/{orderId}", e.Key.PathTemplate);
        Assert.Equal((10, 10, 0), (e.PlaintextCalls, e.TlsCalls, e.UnknownTransportCalls));
        Assert.Equal(10, e.BasicOverPlaintextCalls);
        Assert.Equal(["shop"], e.Namespaces);
        Assert.Equal(["deployment/orders"], e.Workloads);
        Assert.Equal([new("plaintext", 10), new("tls", 10), new KeyValuePair<string, long>("unknown", 0)], e.TransportCalls);
    }

    [Fact]
    public void Namespaces_are_bounded_like_every_set()
    {
        var calls = Enumerable.Range(0, ApiEndpoint.MaxDistinctValues + 10).Select(i => Call(Transport.Tls, ns: $"ns-{i}")).ToArray();

        var e = Single(calls);

        Assert.Equal(ApiEndpoint.MaxDistinctValues, e.Namespaces.Count);
        Assert.Equal(10, e.DroppedValues);
    }
}
