using System.Net;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>Plain GETs against the services' HTTP endpoints, each bounded in time.</summary>
internal static class ServiceHttp
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(20) };

    public sealed record Response(HttpStatusCode Status, string Body, string? ContentType);

    public static async Task<Response> GetAsync(string url)
    {
        using var response = await Client.GetAsync(new Uri(url));
        string body = await response.Content.ReadAsStringAsync();
        return new Response(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>GET that must answer 200; otherwise throws with the status and body.</summary>
    public static async Task<string> GetOkAsync(string url)
    {
        var response = await GetAsync(url);
        return response.Status == HttpStatusCode.OK
            ? response.Body
            : throw new InvalidOperationException($"GET {url} answered {(int)response.Status}: {response.Body}");
    }

    /// <summary>
    /// Polls <paramref name="url"/> until it answers 200 (a service's /readyz); throws naming the process and its
    /// output if the process exits first or <paramref name="timeout"/> passes.
    /// </summary>
    public static async Task WaitUntilOkAsync(string url, ServiceProcess process, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited before {url} answered 200\n{process.Describe()}");
            }
            try
            {
                var response = await GetAsync(url);
                if (response.Status == HttpStatusCode.OK)
                {
                    return;
                }
                last = $"{(int)response.Status} {response.Body}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException e)
            {
                last = e.Message;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{url} did not answer 200 within {timeout.TotalSeconds:0} s (last: {last})\n{process.Describe()}");
    }
}
