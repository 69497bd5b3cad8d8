using System.Globalization;
using System.Text;
using ApiSentinel.Bench.KubernetesSink.Traffic;
using ApiSentinel.FakeApiServer;

namespace ApiSentinel.Bench.KubernetesSink.Cluster;

/// <summary>
/// The fake API server with the repository's CRDs, the namespaces, and a Service plus EndpointSlice for each host
/// of the population that has one (<see cref="EndpointPopulation.NamespaceOf"/>): the collector resolves most
/// endpoints' namespaces through them and puts the rest in <see cref="CollectorNamespace"/>.
/// </summary>
internal static class BenchCluster
{
    public const string CollectorNamespace = "apisentinel";

    public static async Task<FakeKubeApiServer> StartAsync(string crdDirectory, EndpointPopulation population)
    {
        var server = await FakeKubeApiServer.StartAsync();
        try
        {
            await server.RegisterCrdsFromDirectoryAsync(crdDirectory);
            await server.ApplyManifestAsync(Manifest(population));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static string Manifest(EndpointPopulation population)
    {
        var namespaces = Enumerable.Range(0, population.HostCount).Select(EndpointPopulation.NamespaceOf).OfType<string>()
            .Append(CollectorNamespace).Distinct(StringComparer.Ordinal);
        var yaml = new StringBuilder();
        foreach (string ns in namespaces)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n---\n");
        }
        for (int host = 0; host < population.HostCount; host++)
        {
            if (EndpointPopulation.NamespaceOf(host) is not { } ns)
            {
                continue;
            }
            string name = EndpointPopulation.HostName(host).Split('.')[0];
            string clusterIp = string.Create(CultureInfo.InvariantCulture, $"10.96.{host / 250}.{(host % 250) + 1}");
            yaml.Append(CultureInfo.InvariantCulture, $"""
                apiVersion: v1
                kind: Service
                metadata:
                  name: {name}
                  namespace: {ns}
                spec:
                  clusterIP: {clusterIp}
                  clusterIPs: [{clusterIp}]
                  ports:
                  - {"{"} name: http, port: 80, targetPort: 8080, protocol: TCP {"}"}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: {name}-bench
                  namespace: {ns}
                  labels:
                    kubernetes.io/service-name: {name}
                addressType: IPv4
                endpoints:
                - addresses: [{EndpointPopulation.ServerAddress(host)}]
                  conditions: {"{"} ready: true {"}"}
                ports:
                - {"{"} name: http, port: 8080, protocol: TCP {"}"}
                ---

                """);
        }
        return yaml.ToString();
    }
}
