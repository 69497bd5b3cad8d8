using ApiSentinel.FakeApiServer;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

/// <summary>
/// One request the fake API server answered, as the assertions read it: HTTP method, path, status, field manager —
/// and what it was for (a write, to which resource, of its status or of the object). The tests' only view of the
/// server's request log, so "no write for unchanged resources", "every write validated" and "no hot loop" are
/// counted the same way everywhere.
/// </summary>
internal sealed record ApiRequest(DateTimeOffset Time, string Method, string Path, string? Query, int Status, string? FieldManager)
{
    private static readonly HashSet<string> WriteMethods = new(StringComparer.OrdinalIgnoreCase) { "POST", "PUT", "PATCH", "DELETE" };

    public bool IsWrite => WriteMethods.Contains(Method);

    public bool IsDelete => string.Equals(Method, "DELETE", StringComparison.OrdinalIgnoreCase);

    /// <summary>A write to the status subresource (<c>…/NAME/status</c>).</summary>
    public bool IsStatusWrite => IsWrite && Path.EndsWith("/status", StringComparison.Ordinal);

    /// <summary>Whether the request addresses resources of <paramref name="plural"/> (collection, object or subresource).</summary>
    public bool Targets(string plural) => Segments.Contains(plural, StringComparer.Ordinal);

    /// <summary>The object's name for an object or subresource path (<c>…/PLURAL/NAME[/status]</c>), else null.</summary>
    public string? ResourceName(string plural)
    {
        var segments = Segments;
        int at = Array.IndexOf(segments, plural);
        return at >= 0 && at + 1 < segments.Length ? segments[at + 1] : null;
    }

    /// <summary>Refused as invalid by the server's schema validation (422) or as malformed (400).</summary>
    public bool IsRefusedAsInvalid => Status is 422 or 400;

    public bool Succeeded => Status is >= 200 and < 300;

    private string[] Segments => Path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public static IReadOnlyList<ApiRequest> From(RequestLog log, int from) =>
        [.. log.Entries.Skip(from).Select(entry => new ApiRequest(entry.Time, entry.Verb, entry.Path, entry.Query, entry.Status, entry.FieldManager))];

    public override string ToString() =>
        $"{Time:HH:mm:ss.fff} {Method} {Path}{(string.IsNullOrEmpty(Query) ? "" : "?" + Query)} → {Status}{(FieldManager is null ? "" : " (" + FieldManager + ")")}";
}
