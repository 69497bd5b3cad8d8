using System.Text.Json;

namespace ApiSentinel.Cli.Tests.Browser;

/// <summary>One sensitive-data row of an endpoint: type, location, direction, calls.</summary>
public sealed record SensitiveView(string Type, string Location, string Direction, int Calls);

/// <summary>What the browser test compares of one catalog entry (from <c>analyze --format json</c>).</summary>
public sealed record EndpointView(
    string? Host,
    string Method,
    string Path,
    int Requests,
    IReadOnlyDictionary<string, int> StatusCodes,
    IReadOnlyDictionary<string, int> AuthSchemes,
    IReadOnlyList<SensitiveView> Sensitive,
    IReadOnlyList<string> RequestFields,
    string? Exposure,
    IReadOnlyList<string> ClientExposures,
    IReadOnlyList<(string Name, double Points, string Evidence)> RiskFactors,
    bool IsStaticAsset)
{
    /// <summary>The endpoint's identity with the host left out: the HAR's host is the one the browser used.</summary>
    public string Key => $"{Method} {Path}";

    public int ResponseBodyDetections(string type) =>
        Sensitive.Where(s => s.Type == type && s.Direction == "response").Select(s => s.Calls).DefaultIfEmpty(0).Max();

    public override string ToString() => Key;
}

/// <summary>
/// The catalog of one <c>analyze --format json</c> run, reduced to what the browser test asserts. Static assets
/// (item 23) are recognised in either shape a fix may give them — entries of a top-level array named for static
/// assets, or endpoints marked as such by a property — so the test states the behaviour, not one layout.
/// </summary>
public sealed class CatalogView
{
    private CatalogView(IReadOnlyList<EndpointView> entries) => Entries = entries;

    /// <summary>Every entry: API endpoints and static assets.</summary>
    public IReadOnlyList<EndpointView> Entries { get; }

    public IEnumerable<EndpointView> ApiEndpoints => Entries.Where(e => !e.IsStaticAsset);

    public IEnumerable<EndpointView> StaticAssets => Entries.Where(e => e.IsStaticAsset);

    public EndpointView? Find(string method, string pathPrefix, bool exact = true) =>
        Entries.SingleOrDefault(e => e.Method == method && (exact ? e.Path == pathPrefix : e.Path.StartsWith(pathPrefix, StringComparison.Ordinal)));

    public static CatalogView Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var entries = new List<EndpointView>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            bool endpoints = property.Name == "endpoints";
            bool assets = NamesStaticAsset(property.Name);
            if (!endpoints && !assets)
            {
                continue;
            }
            foreach (var e in property.Value.EnumerateArray())
            {
                entries.Add(Read(e, isStaticAsset: assets || IsMarkedStatic(e)));
            }
        }
        return new CatalogView(entries);
    }

    private static bool NamesStaticAsset(string name) =>
        name.Contains("static", StringComparison.OrdinalIgnoreCase) || name.Contains("asset", StringComparison.OrdinalIgnoreCase);

    /// <summary>A property such as <c>"kind": "static-asset"</c>, <c>"staticAsset": true</c> or <c>"asset": "script"</c>.</summary>
    private static bool IsMarkedStatic(JsonElement e) => e.EnumerateObject().Any(p =>
        (NamesStaticAsset(p.Name) && (p.Value.ValueKind == JsonValueKind.True
            || (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 } v && v is not "false" and not "none")))
        || (p.Value.ValueKind == JsonValueKind.String && p.Name is "kind" or "category" or "class" or "type" && NamesStaticAsset(p.Value.GetString()!)));

    private static EndpointView Read(JsonElement e, bool isStaticAsset)
    {
        var auth = e.TryGetProperty("auth", out var a) && a.TryGetProperty("schemes", out var s) ? Counts(s) : new Dictionary<string, int>();
        var sensitive = e.TryGetProperty("sensitiveData", out var sd)
            ? sd.EnumerateArray().Select(x => new SensitiveView(
                x.GetProperty("type").GetString()!, x.GetProperty("location").GetString()!,
                x.TryGetProperty("direction", out var d) ? d.GetString()! : x.GetProperty("location").GetString()!.Split('.')[0],
                x.TryGetProperty("calls", out var c) ? c.GetInt32() : 0)).ToArray()
            : [];
        var factors = e.TryGetProperty("risk", out var r) && r.TryGetProperty("factors", out var f)
            ? f.EnumerateArray().Select(x => (x.GetProperty("name").GetString()!, x.GetProperty("points").GetDouble(),
                x.TryGetProperty("evidence", out var ev) ? ev.GetString() ?? "" : "")).ToArray()
            : [];
        return new EndpointView(
            e.TryGetProperty("host", out var host) ? host.GetString() : null,
            // A listing of static assets may leave the method out: they are fetched with GET.
            e.TryGetProperty("method", out var method) ? method.GetString()! : "GET",
            e.GetProperty("path").GetString()!,
            e.TryGetProperty("requests", out var n) ? n.GetInt32() : 0,
            e.TryGetProperty("statusCodes", out var sc) ? Counts(sc) : new Dictionary<string, int>(),
            auth,
            sensitive,
            e.TryGetProperty("requestFields", out var rf) ? rf.EnumerateArray().Select(x => x.GetProperty("name").GetString()!).ToArray() : [],
            e.TryGetProperty("exposure", out var x) ? x.GetString() : null,
            e.TryGetProperty("clients", out var cl) ? cl.EnumerateArray().Select(c => c.TryGetProperty("exposure", out var ce) ? ce.GetString()! : "").ToArray() : [],
            factors,
            isStaticAsset);
    }

    private static Dictionary<string, int> Counts(JsonElement o) =>
        o.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).ToDictionary(p => p.Name, p => p.Value.GetInt32());
}
