using System.Net;

namespace ApiSentinel.FakeApiServer.Tests.Server;

/// <summary>Malformed requests get a clear 4xx Status, never a server error or a dropped connection.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string, string?, string?> Requests => new()
    {
        { "POST", Api.ConfigMaps, "{not json", "application/json" },
        { "POST", Api.ConfigMaps, "[1,2]", "application/json" },
        { "POST", Api.ConfigMaps, """{"metadata":{"name":"a","labels":{"k":5}}}""", "application/json" },
        { "POST", Api.ConfigMaps, """{"metadata":{"name":"a","finalizers":[1]}}""", "application/json" },
        { "POST", Api.ConfigMaps, """{"apiVersion":"apps/v1","kind":"ConfigMap","metadata":{"name":"a"}}""", "application/json" },
        { "POST", Api.ConfigMaps, "\u0000binary", "application/vnd.kubernetes.protobuf" },
        { "PATCH", Api.ConfigMaps + "/existing", """[{"op":5,"path":"/x"}]""", "application/json-patch+json" },
        { "PATCH", Api.ConfigMaps + "/existing", """[{"op":"remove","path":"/data/absent"}]""", "application/json-patch+json" },
        { "PATCH", Api.ConfigMaps + "/existing?fieldManager=m", "a: [unclosed", "application/apply-patch+yaml" },
        { "PATCH", Api.ConfigMaps + "/existing?fieldManager=m", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"other"}}""", "application/apply-patch+yaml" },
        { "GET", Api.ConfigMaps + "?labelSelector=a%20in%20b", null, null },
        { "GET", Api.ConfigMaps + "?limit=many", null, null },
        { "GET", Api.ConfigMaps + "?continue=garbage", null, null },
        { "GET", Api.ConfigMaps + "?watch=1&resourceVersion=abc", null, null },
        { "DELETE", Api.ConfigMaps + "/existing?propagationPolicy=Sideways", null, null },
        { "POST", Api.ConfigMaps + "/existing", "{}", "application/json" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_malformed_request_is_a_4xx_Status(string method, string path, string? body, string? contentType)
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.ConfigMaps, Api.ConfigMap("existing"));

        var (code, status) = await api.SendAsync(new HttpMethod(method), path, body, contentType);

        Assert.InRange((int)code, 400, 499);
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal((int)code, status["code"]!.GetValue<int>());
        Assert.NotNull(server.Get("v1", "configmaps", "default", "existing"));
        Assert.DoesNotContain(server.Requests.All, r => r.Status >= 500);
    }
}
