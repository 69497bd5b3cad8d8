using ApiSentinel.FakeApiServer.Http;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

/// <summary>
/// One request the fake API server answered (its <see cref="RequestRecord"/>), with what the assertions ask of it:
/// a write or not, to which resource, of its status or of the object. The tests' only view of the server's request
/// log, so "no write for unchanged resources", "every write validated" and "no hot loop" are counted alike everywhere.
/// </summary>
internal sealed record ApiRequest(RequestRecord Record)
{
    public DateTimeOffset Time => Record.Time;

    public int Status => Record.Status;

    public bool IsWrite => Record.IsWrite;

    public bool IsDelete => Record.Verb == KubeVerbs.Delete;

    /// <summary>A list or watch (the sink's start-up reconcile lists its resources).</summary>
    public bool IsList => Record.Verb is KubeVerbs.List or KubeVerbs.Watch;

    /// <summary>A write to the status subresource (<c>…/NAME/status</c>).</summary>
    public bool IsStatusWrite => IsWrite && Record.Subresource == "status";

    public string? FieldManager => Record.FieldManager;

    /// <summary>Whether the request addresses resources of <paramref name="plural"/> (collection, object or subresource).</summary>
    public bool Targets(string plural) => Record.Plural == plural;

    /// <summary>The object's name for an object or subresource path (<c>…/PLURAL/NAME[/status]</c>), else null.</summary>
    public string? ResourceName(string plural)
    {
        if (!Targets(plural))
        {
            return null;
        }
        var segments = Record.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int at = Array.LastIndexOf(segments, plural);
        return at >= 0 && at + 1 < segments.Length ? segments[at + 1] : null;
    }

    /// <summary>Refused as invalid by the server's schema validation (422) or as malformed (400).</summary>
    public bool IsRefusedAsInvalid => Status is 422 or 400;

    public bool Succeeded => Status is >= 200 and < 300;

    public static IReadOnlyList<ApiRequest> From(RequestLog log, DateTimeOffset since) =>
        [.. log.All.Where(record => record.Time >= since).Select(record => new ApiRequest(record))];

    public override string ToString() =>
        $"{Time:HH:mm:ss.fff} {Record.Method} {Record.Path}{(string.IsNullOrEmpty(Record.Query) ? "" : "?" + Record.Query)} → {Status}" +
        (FieldManager is null ? "" : $" ({FieldManager})");
}
