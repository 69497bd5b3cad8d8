using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

/// <summary>Hand-made ApiEndpoint objects for the ledger's decisions: only what the ledger looks at varies.</summary>
internal static class Resources
{
    public static V1Alpha1ApiEndpoint Endpoint(string name, string ns = "shop", string risk = "low", string marker = "m1",
        string state = EndpointStates.Active, string path = "/users/{id}") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string>
            {
                [ApiSentinelLabels.ManagedBy] = ApiSentinelLabels.ManagedByCollector,
                [ApiSentinelLabels.Risk] = risk,
                [ApiSentinelLabels.Shadow] = ApiSentinelLabels.False,
            },
        },
        Spec = new ApiEndpointSpec { Host = "shop.example", Method = "GET", Path = path },
        Status = new ApiEndpointStatus { ChangeMarker = marker, State = state },
    };
}
