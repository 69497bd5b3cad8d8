using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Tests.Specs;

internal static class SpecFixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Specs", "Specs", name);

    public static ApiSpec Load(string name) => ApiSpec.Load(PathOf(name));

    public static SpecOperation Operation(ApiSpec spec, string method, string template) =>
        spec.Operations.Single(o => o.Method == method && o.PathTemplate == template);

    public static ObservedShape Shape(
        Dictionary<string, string[]>? query = null,
        string[]? headers = null,
        int[]? statuses = null,
        Dictionary<string, string[]>? requestFields = null,
        Dictionary<string, string[]>? responseFields = null,
        string[]? auth = null) =>
        new(Sets(query), new HashSet<string>(headers ?? []), new HashSet<int>(statuses ?? []), Sets(requestFields), Sets(responseFields),
            new HashSet<string>(auth ?? []));

    private static Dictionary<string, IReadOnlySet<string>> Sets(Dictionary<string, string[]>? source) =>
        (source ?? []).ToDictionary(e => e.Key, e => (IReadOnlySet<string>)new HashSet<string>(e.Value));
}
