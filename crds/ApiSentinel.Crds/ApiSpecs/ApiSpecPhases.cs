namespace ApiSentinel.Crds.ApiSpecs;

/// <summary>The values of <see cref="ApiSpecStatus.Phase"/>: the one home of these strings.</summary>
public static class ApiSpecPhases
{
    public const string Parsed = "Parsed";

    public const string Invalid = "Invalid";

    public static IReadOnlyList<string> All { get; } = [Parsed, Invalid];
}
