using ApiSentinel.Contract;
using ApiSentinel.Collector.Service.Tests.Infrastructure;

namespace ApiSentinel.Collector.Service.Tests.Api;

/// <summary>
/// Traffic for the API tests: shop.test has a spec describing <c>GET /api/users/{userId}</c> (so its other endpoints
/// are shadow); a client walks user ids (an enumeration finding); admin.test is called from outside with basic auth over plain
/// text, returns card numbers and SSNs, errors and is probed by sqlmap (a higher risk); one hour of it at 10:00 and a smaller part at 12:00.
/// </summary>
internal static class ApiScenario
{
    public const string Spec = """
        openapi: 3.0.3
        info: { title: shop, version: "1" }
        servers: [ { url: "http://shop.test" } ]
        paths:
          /api/users/{userId}:
            get:
              parameters: [ { name: userId, in: path, required: true, schema: { type: integer } } ]
              responses: { "200": { description: ok } }
        """;

    public static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-02T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>At 10:00: 30 user reads, 5 order posts (shadow), 8 admin calls; at 12:00: 4 order posts.</summary>
    public static IReadOnlyList<ApiCall> Calls()
    {
        var calls = new List<ApiCall>();
        calls.AddRange(TestCalls.Users("shop.test", 30));
        calls.AddRange(Enumerable.Range(0, 5).Select(i => TestCalls.Call("shop.test", "/api/orders", 201, seconds: 100 + i, method: "POST")));
        var cards = new[] { new SensitiveObservation(SensitiveTypes.CreditCard, "response.body.$.card", 1), new SensitiveObservation(SensitiveTypes.UsSsn, "response.body.$.ssn", 1) };
        calls.AddRange(Enumerable.Range(0, 8).Select(i => With(
            TestCalls.Call("admin.test", "/admin/config", i % 2 == 0 ? 500 : 200, seconds: 200 + i, auth: AuthKinds.Basic, client: "203.0.113.9"), cards)));
        calls.AddRange(Enumerable.Range(0, 4).Select(i => TestCalls.Call("shop.test", "/api/orders", 201, seconds: 2 * 3600 + i, method: "POST")));
        return calls;
    }

    private static ApiCall With(ApiCall call, IReadOnlyList<SensitiveObservation> sensitive) => new()
    {
        TimestampMicros = call.TimestampMicros,
        ClientAddress = call.ClientAddress,
        Server = call.Server,
        Host = call.Host,
        Method = call.Method,
        Path = call.Path,
        Status = call.Status,
        Auth = call.Auth,
        AuthLocation = "header:authorization",
        Transport = call.Transport,
        Sensitive = sensitive,
        ClientTool = "sqlmap",
    };

    public static string WriteSpec(string directory)
    {
        var file = Path.Combine(directory, "shop.yaml");
        File.WriteAllText(file, Spec);
        return file;
    }
}
