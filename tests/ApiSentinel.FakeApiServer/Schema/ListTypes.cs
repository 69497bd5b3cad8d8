namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>The values of <c>x-kubernetes-list-type</c>.</summary>
public static class ListTypes
{
    public const string Atomic = "atomic";
    public const string Set = "set";
    public const string Map = "map";

    public static readonly IReadOnlyList<string> All = [Atomic, Map, Set];
}
