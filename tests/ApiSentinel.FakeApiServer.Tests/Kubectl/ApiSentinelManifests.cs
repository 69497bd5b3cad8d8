using System.Globalization;
using ApiSentinel.Crds;

namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

/// <summary>
/// Resources of our three CRDs as the collector and a platform team would leave them: ApiEndpoints in two
/// namespaces (spec as the collector writes it, status written separately), an ApiSpec and a Defender.
/// </summary>
internal static class ApiSentinelManifests
{
    public const string ApiVersion = "apisentinel.io/v1alpha1";

    public sealed record Endpoint(string Name, string Namespace, string Host, string Method, string Path, int Score, string Level,
        string Auth, string Sensitive, string SpecState, bool Shadow);

    public static readonly IReadOnlyList<Endpoint> Endpoints =
    [
        new("shop-get-users-id", "shop", "shop.example.com", "GET", "/users/{id}", 72, "high", "bearer", "email", "shadow", Shadow: true),
        new("shop-post-orders", "shop", "shop.example.com", "POST", "/orders", 91, "critical", "none", "credit-card,email", "non-conformant", Shadow: false),
        new("billing-get-invoices", "billing", "billing.example.com", "GET", "/invoices", 12, "low", "jwt", "", "conformant", Shadow: false),
    ];

    public const string Namespaces = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: billing
        """;

    public static string EndpointObjects() => string.Join("---\n", Endpoints.Select(e => $"""
        apiVersion: {ApiVersion}
        kind: ApiEndpoint
        metadata:
          name: {e.Name}
          namespace: {e.Namespace}
          labels:
            {ApiSentinelLabels.Risk}: {e.Level}
            {ApiSentinelLabels.Shadow}: "{ApiSentinelLabels.Of(e.Shadow)}"
            {ApiSentinelLabels.SpecState}: {e.SpecState}
            {ApiSentinelLabels.ManagedBy}: {ApiSentinelLabels.ManagedByCollector}
        spec:
          host: {e.Host}
          method: {e.Method}
          path: "{e.Path}"

        """));

    /// <summary>The status the collector would write through the status subresource.</summary>
    public static string EndpointStatus(Endpoint endpoint, DateTimeOffset lastSeen) => $$"""
        {
          "status": {
            "state": "active",
            "risk": {
              "score": {{endpoint.Score}},
              "level": "{{endpoint.Level}}",
              "factors": [
                { "name": "access-control", "weight": 3, "points": {{endpoint.Score / 2}}, "evidence": "calls authenticated with {{endpoint.Auth}}" },
                { "name": "sensitive-data", "weight": 2, "points": {{endpoint.Score - endpoint.Score / 2}}, "evidence": "responses carry {{endpoint.Sensitive}}" }
              ]
            },
            "usage": { "requests": 1200, "lastSeen": "{{lastSeen.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}}" },
            "conformance": { "state": "{{endpoint.SpecState}}" },
            "summary": { "auth": "{{endpoint.Auth}}", "sensitive": "{{endpoint.Sensitive}}" }
          }
        }
        """;

    public const string SpecAndDefender = """
        apiVersion: apisentinel.io/v1alpha1
        kind: ApiSpec
        metadata:
          name: shop-openapi
          namespace: shop
        spec:
          document: |
            openapi: 3.0.0
            info: { title: shop, version: "1" }
            paths: {}
          hosts: [shop.example.com]
        ---
        apiVersion: apisentinel.io/v1alpha1
        kind: Defender
        metadata:
          name: node-sensors
          namespace: shop
        spec:
          mode: DaemonSet
          collector:
            address: apisentinel-collector.apisentinel:4317
        """;
}
