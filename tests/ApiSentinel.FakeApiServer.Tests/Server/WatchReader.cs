using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Server;

/// <summary>An open watch stream, read line by line (each a JSON event).</summary>
internal sealed class WatchReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private WatchReader(HttpResponseMessage response, StreamReader reader) => (_response, _reader) = (response, reader);

    public static async Task<WatchReader> OpenAsync(HttpClient http, string pathAndQuery)
    {
        var response = await http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new WatchReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event, or null when the server ended the stream. A generous bound keeps a broken server from hanging the run.</summary>
    public async Task<JsonObject?> NextAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await _reader.ReadLineAsync(guard.Token);
        return line is null ? null : (JsonObject)JsonNode.Parse(line)!;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
