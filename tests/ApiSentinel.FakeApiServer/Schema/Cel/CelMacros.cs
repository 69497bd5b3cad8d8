namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>The macro and function names of the supported CEL subset: one home.</summary>
internal static class CelMacros
{
    public const string Has = "has";
    public const string All = "all";
    public const string Exists = "exists";
    public const string ExistsOne = "exists_one";
    public const string Map = "map";
    public const string Filter = "filter";

    public static readonly IReadOnlySet<string> Comprehensions = new HashSet<string>(StringComparer.Ordinal) { All, Exists, ExistsOne, Map, Filter };
}
