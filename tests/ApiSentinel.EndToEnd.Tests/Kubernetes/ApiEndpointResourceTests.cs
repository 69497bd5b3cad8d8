using System.Text.Json.Nodes;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes;

/// <summary>
/// The demo capture through <c>apisentinel-sensor --pcap</c> into <c>apisentinel-collector --kubeconfig</c>: one
/// <c>ApiEndpoint</c> per endpoint of the engine's catalog, named by the engine's identity (the same names
/// <c>apisentinel analyze</c> computes embedded), in the namespace of the Service whose EndpointSlice names the
/// capture's server, with the labels and status of the catalog — and the server, which validates every write against
/// the CRD's own schema, refused none.
/// </summary>
[Collection(DemoReplayCollection.Name)]
public sealed class ApiEndpointResourceTests(DemoReplayCluster demo)
{
    [Fact]
    public void Every_endpoint_of_the_engine_is_one_resource_named_by_its_identity_in_the_services_namespace()
    {
        var resources = demo.Stack.Cluster.ApiEndpoints();
        var embeddedNames = Identities(demo.Embedded);
        Assert.Equal(8, embeddedNames.Count);
        Assert.Equal(embeddedNames, Identities(demo.Networked));
        Assert.Equal(embeddedNames, resources.Select(r => r.Metadata.Name).Order(StringComparer.Ordinal).ToList());
        Assert.All(resources, r => Assert.Equal(FakeCluster.ShopNamespace, r.Metadata.NamespaceProperty));
    }

    [Fact]
    public void Spec_labels_and_status_are_the_catalogs()
    {
        var resources = demo.Stack.Cluster.ApiEndpoints().ToDictionary(r => r.Metadata.Name, StringComparer.Ordinal);
        foreach (var endpoint in demo.Networked.Endpoints.OfType<JsonObject>())
        {
            string identity = (string)endpoint["identity"]!;
            var resource = resources[identity];
            string what = $"{endpoint["method"]} {endpoint["path"]} ({identity})";

            Assert.Equal((string)endpoint["host"]!, resource.Spec.Host);
            Assert.Equal((string)endpoint["method"]!, resource.Spec.Method);
            Assert.Equal((string)endpoint["path"]!, resource.Spec.Path);

            var labels = resource.Metadata.Labels;
            string level = (string)endpoint["risk"]!["level"]!;
            bool sensitive = (endpoint["sensitiveData"] as JsonArray ?? []).Count > 0;
            Assert.True(labels[ApiSentinelLabels.ManagedBy] == ApiSentinelLabels.ManagedByCollector, what);
            Assert.True(labels[ApiSentinelLabels.Risk] == level, what);
            Assert.True(labels[ApiSentinelLabels.Shadow] == ApiSentinelLabels.Of((bool)endpoint["shadow"]!), what);
            Assert.True(labels[ApiSentinelLabels.SpecState] == (string)endpoint["conformance"]!["state"]!, what);
            Assert.True(labels[ApiSentinelLabels.Sensitive] == ApiSentinelLabels.Of(sensitive), what);
            Assert.True(labels[ApiSentinelLabels.Host] == LabelValues.Of((string)endpoint["host"]!), what);

            var status = resource.Status!;
            // The written marker folds the engine's with the namespace, GeoIP database, bounds and projection version
            // (ProjectionMarker), so it is the same shape as the catalog's but not its value.
            Assert.Matches("^[0-9a-f]{16}$", status.ChangeMarker);
            Assert.Equal(EndpointStates.Active, status.State);
            Assert.Equal((int)endpoint["risk"]!["score"]!, status.Risk!.Score);
            Assert.Equal(level, status.Risk.Level);
            Assert.Equal(
                (endpoint["risk"]!["factors"] as JsonArray ?? []).Select(f => (string)f!["name"]!).Order(StringComparer.Ordinal),
                (status.Risk.Factors ?? []).Select(f => f.Name).Order(StringComparer.Ordinal));
            Assert.Equal((long)endpoint["requests"]!, status.Usage!.Requests);
            Assert.Equal((string)endpoint["conformance"]!["state"]!, status.Conformance!.State);
            Assert.Equal(
                CatalogAssert.SensitiveTypes(endpoint),
                (status.SensitiveData ?? []).Select(s => s.Type).Distinct().Order(StringComparer.Ordinal).ToList());
        }
    }

    [Fact]
    public void The_server_validated_every_write_and_refused_none()
    {
        var requests = demo.Stack.Cluster.Requests();
        var writes = requests.Where(r => r.IsWrite && r.Targets(V1Alpha1ApiEndpoint.KubePluralName)).ToList();
        Assert.NotEmpty(writes);
        Assert.DoesNotContain(requests, r => r.IsRefusedAsInvalid);
        // Server-side apply under the collector's field manager, for the object and for its status.
        Assert.All(writes.Where(w => !w.IsDelete), w => Assert.Equal(KubernetesStack.FieldManager, w.FieldManager));
        Assert.Contains(writes, w => w.IsStatusWrite);
    }

    [Fact]
    public void No_endpoint_was_written_more_than_once_per_flush_interval()
    {
        var statusWrites = demo.Stack.Cluster.Requests()
            .Where(r => r.IsStatusWrite && r.Succeeded && r.Targets(V1Alpha1ApiEndpoint.KubePluralName))
            .GroupBy(r => r.ResourceName(V1Alpha1ApiEndpoint.KubePluralName)!, StringComparer.Ordinal);
        foreach (var perEndpoint in statusWrites)
        {
            var times = perEndpoint.Select(r => r.Time).Order().ToList();
            for (int i = 1; i < times.Count; i++)
            {
                // A little slack for the server's and the collector's clocks reading the same instant differently.
                Assert.True(times[i] - times[i - 1] >= KubernetesStack.FlushInterval - TimeSpan.FromMilliseconds(50),
                    $"{perEndpoint.Key}: status writes at {times[i - 1]:HH:mm:ss.fff} and {times[i]:HH:mm:ss.fff}");
            }
        }
    }

    private static List<string> Identities(CatalogDocument catalog) =>
        [.. catalog.Endpoints.Select(e => (string)e!["identity"]!).Order(StringComparer.Ordinal)];
}
