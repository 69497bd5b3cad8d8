namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The traffic the live tests generate with curl against <see cref="NginxJsonApi"/>: numeric ids in paths (so
/// they template), one credential kind per endpoint, and every planted secret of <see cref="PlantedSecrets"/>
/// that travels in HTTP — in headers, query, cookie and JSON bodies.
/// </summary>
internal static class LiveApiTraffic
{
    public const string Host = "shop.e2e.test";

    public static readonly int[] UserIds = [101, 102, 103, 104, 105, 106, 107, 108];

    public static readonly int[] OrderIds = [5001, 5002, 5003, 5004, 5005, 5006];

    /// <summary>
    /// What the catalog must show for this traffic: method, template, auth kinds with their call counts, the
    /// sensitive-data types detected, and the calls. (Checked against <c>apisentinel analyze</c> of a recording of
    /// this traffic by <see cref="Live.LiveTrafficFixtureTests"/>, so a failure of the networked test is not a
    /// wrong expectation.)
    /// </summary>
    public static IReadOnlyList<ExpectedEndpoint> Expected =>
    [
        new("GET", "/api/users/{userId}", UserIds.Length, [("bearer", UserIds.Length)], ["credit-card", "us-ssn"]),
        new("GET", "/api/orders/{orderId}/items", OrderIds.Length, [("jwt", OrderIds.Length)], []),
        new("POST", "/api/payments", 3, [("api-key", 3)], ["credit-card", "us-ssn"]),
        new("POST", "/api/login", 2, [("basic", 2)], ["password"]),
        new("GET", "/api/health", 3, [("api-key", 1), ("session-cookie", 2)], ["secret"]),
    ];

    public static int TotalRequests => Expected.Sum(endpoint => endpoint.Requests);

    /// <summary>Sends it all; every request must succeed at the HTTP level (the server answered).</summary>
    public static void Send(NginxJsonApi server)
    {
        foreach (int id in UserIds)
        {
            Expect(200, CurlClient.Send($"{server.BaseUrl}/api/users/{id}", Host, [$"Authorization: Bearer {PlantedSecrets.BearerToken}"]));
        }
        foreach (int id in OrderIds)
        {
            Expect(200, CurlClient.Send($"{server.BaseUrl}/api/orders/{id}/items", Host, [$"Authorization: Bearer {PlantedSecrets.Jwt}"]));
        }
        for (int i = 0; i < 3; i++)
        {
            string body = $$$"""{"amount":{{{10 + i}}},"card":"{{{PlantedSecrets.CardNumber}}}","holder":{"ssn":"{{{PlantedSecrets.Ssn}}}"}}""";
            Expect(201, CurlClient.Send($"{server.BaseUrl}/api/payments", Host, [$"X-Api-Key: {PlantedSecrets.ApiKeyHeader}"], body, "POST"));
        }
        for (int i = 0; i < 2; i++)
        {
            string body = $$"""{"username":"alice","password":"{{PlantedSecrets.PasswordInBody}}"}""";
            Expect(200, CurlClient.Send($"{server.BaseUrl}/api/login", Host, [$"Authorization: Basic {PlantedSecrets.BasicCredential}"], body, "POST"));
        }
        for (int i = 0; i < 2; i++)
        {
            Expect(200, CurlClient.Send($"{server.BaseUrl}/api/health", Host, [$"Cookie: session={PlantedSecrets.SessionCookie}"]));
        }
        // The API key in the query string: a credential in the URL, on the cookie endpoint (two schemes on one endpoint).
        Expect(200, CurlClient.Send($"{server.BaseUrl}/api/health?api_key={PlantedSecrets.ApiKeyQuery}", Host));
    }

    /// <summary>
    /// A scanner's burst (sqlmap's User-Agent, distinct paths nginx answers 404), so the collector has findings —
    /// whose evidence lists sample paths — with planted values in those paths and their queries.
    /// </summary>
    public static void SendScannerBurst(NginxJsonApi server)
    {
        string[] paths =
        [
            "/.env", "/.git/config", "/admin", "/wp-login.php", "/phpmyadmin", "/server-status", "/backup.zip",
            $"/cards/{PlantedSecrets.CardNumber}", $"/lookup?ssn={PlantedSecrets.Ssn}", $"/debug?token={PlantedSecrets.BearerToken}",
            "/config.php", "/actuator/env",
        ];
        foreach (string path in paths)
        {
            Expect(404, CurlClient.Send(server.BaseUrl + path, Host, userAgent: "sqlmap/1.7.2#stable (https://sqlmap.org)"));
        }
    }

    private static void Expect(int expected, int actual)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"the test server answered {actual}, expected {expected}");
        }
    }
}

/// <summary>One endpoint the live traffic must produce.</summary>
internal sealed record ExpectedEndpoint(string Method, string Path, int Requests,
    IReadOnlyList<(string Kind, int Calls)> Auth, IReadOnlyList<string> SensitiveTypes);
