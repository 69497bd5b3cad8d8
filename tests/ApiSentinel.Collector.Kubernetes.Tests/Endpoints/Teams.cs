using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

/// <summary>Two versions of one spec: literal paths (two endpoints), then one template (their merge).</summary>
internal static class Teams
{
    public static ApiSpec Literal => ApiSpec.Parse("""
        openapi: 3.0.3
        info: { title: teams, version: "1" }
        servers: [ { url: "http://shop.example" } ]
        paths:
          /teams/alpha:
            get: { responses: { "200": { description: ok } } }
          /teams/beta:
            get: { responses: { "200": { description: ok } } }
        """, "teams.yaml");

    public static ApiSpec Templated => ApiSpec.Parse("""
        openapi: 3.0.3
        info: { title: teams, version: "2" }
        servers: [ { url: "http://shop.example" } ]
        paths:
          /teams/{team}:
            get: { responses: { "200": { description: ok } } }
        """, "teams.yaml");
}
