namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>The real HTTP client of the live tests: one curl per request, from the root namespace.</summary>
internal static class CurlClient
{
    /// <summary>
    /// Sends one request and returns the status code; throws with curl's output on a transport failure.
    /// <paramref name="headers"/> are "Name: value" lines; <paramref name="jsonBody"/> makes it a POST.
    /// </summary>
    public static int Send(string url, string host, IEnumerable<string>? headers = null, string? jsonBody = null, string method = "GET",
        string userAgent = "e2e-client/1.0")
    {
        var arguments = new List<string>
        {
            "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "15",
            "-X", method, "-H", $"Host: {host}", "-A", userAgent,
        };
        foreach (string header in headers ?? [])
        {
            arguments.AddRange(["-H", header]);
        }
        if (jsonBody is not null)
        {
            arguments.AddRange(["-H", "Content-Type: application/json", "--data-binary", jsonBody]);
        }
        arguments.Add(url);
        using var curl = ServiceProcess.Start("curl", "curl", arguments);
        int exitCode = curl.WaitForExit(TimeSpan.FromSeconds(30));
        return exitCode == 0 && int.TryParse(curl.Stdout.Trim(), out int status)
            ? status
            : throw new InvalidOperationException($"curl {method} {url} failed\n{curl.Describe()}");
    }
}
