using ApiSentinel.Collector.Templating;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Templating;

/// <summary>Shorthands shared by the templating tests.</summary>
internal static class TemplaterFixture
{
    public const string Host = "api.example.test";

    public static PathTemplater Observed(params string[] paths) => Observed(new TemplatingOptions(), paths);

    public static PathTemplater Observed(TemplatingOptions options, IEnumerable<string> paths)
    {
        var templater = new PathTemplater(options);
        foreach (string path in paths)
        {
            templater.Observe(Host, path);
        }

        return templater;
    }

    /// <summary>A templater that saw these calls with their shape evidence, as the catalog passes it.</summary>
    public static PathTemplater ObservedCalls(IEnumerable<ApiCall> calls, TemplatingOptions? options = null)
    {
        var templater = new PathTemplater(options ?? new TemplatingOptions());
        foreach (var call in calls)
        {
            templater.Observe(Host, call.Path, call);
        }

        return templater;
    }

    /// <summary>A call with a response of the given status and JSON fields, and the given query parameter names.</summary>
    public static ApiCall Call(
        string path, string[]? fields = null, string[]? query = null, string method = "GET", int? status = 200,
        string contentType = "application/json") => new()
    {
        Server = "192.0.2.10:443",
        Host = Host,
        Method = method,
        Path = path,
        Status = status,
        ResponseContentType = status is null ? null : contentType,
        ResponseFields = [.. (fields ?? []).Select(f => new FieldObservation(f, "string"))],
        Query = [.. (query ?? []).Select(q => new FieldObservation(q, "string"))],
    };

    public static string TemplateOf(this PathTemplater templater, string path) => templater.Resolve(Host, path).Template;

    /// <summary>Word-like values that no value class matches, so only cardinality can make them parameters.</summary>
    public static string Word(Random random, int length = 7)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        return string.Create(length, random, (span, r) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = letters[r.Next(letters.Length)];
            }
        });
    }
}
