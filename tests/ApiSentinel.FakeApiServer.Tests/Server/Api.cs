using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Server;

/// <summary>A raw HTTP client for the server, answering the status code and the JSON body.</summary>
internal sealed class Api(FakeKubeApiServer server) : IDisposable
{
    public const string Widgets = "/apis/test.apisentinel.io/v1/namespaces/default/widgets";
    public const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private readonly HttpClient _http = new() { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Http => _http;

    public static async Task<(FakeKubeApiServer Server, Api Api)> StartAsync(FakeKubeOptions? options = null)
    {
        var server = await FakeKubeApiServer.StartAsync(options);
        await server.ApplyManifestAsync(TestCrds.Yaml);
        return (server, new Api(server));
    }

    public Task<(HttpStatusCode Code, JsonObject Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, null);

    public Task<(HttpStatusCode Code, JsonObject Body)> PostAsync(string path, JsonObject body) => SendAsync(HttpMethod.Post, path, body.ToJsonString(), "application/json");

    public Task<(HttpStatusCode Code, JsonObject Body)> PutAsync(string path, JsonObject body) => SendAsync(HttpMethod.Put, path, body.ToJsonString(), "application/json");

    public Task<(HttpStatusCode Code, JsonObject Body)> PatchAsync(string path, string body, string contentType) => SendAsync(HttpMethod.Patch, path, body, contentType);

    public Task<(HttpStatusCode Code, JsonObject Body)> ApplyAsync(string path, JsonObject config, string manager, bool force = false) =>
        SendAsync(HttpMethod.Patch, $"{path}?fieldManager={manager}{(force ? "&force=true" : "")}", config.ToJsonString(), "application/apply-patch+yaml");

    public Task<(HttpStatusCode Code, JsonObject Body)> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null, null);

    public async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(HttpMethod method, string path, string? body, string? contentType)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) as JsonObject ?? []);
    }

    public static JsonObject Widget(string name, int size = 1, string color = "red") => new()
    {
        ["apiVersion"] = TestCrds.ApiVersion,
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["size"] = size, ["color"] = color },
    };

    public static JsonObject ConfigMap(string name, Dictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = metadata, ["data"] = new JsonObject { ["k"] = "v" } };
    }

    public static string Rv(JsonObject obj) => obj["metadata"]!["resourceVersion"]!.GetValue<string>();

    public static long Generation(JsonObject obj) => obj["metadata"]!["generation"]!.GetValue<long>();

    public void Dispose() => _http.Dispose();
}
