namespace ApiSentinel.Crds;

/// <summary>
/// The CRD manifests (<c>crds/*.yaml</c>) as this assembly embeds them, so a program can install or check the
/// definitions that match its types without a checkout.
/// </summary>
public static class CrdManifests
{
    public const string ApiEndpoints = "apisentinel.io_apiendpoints.yaml";

    public const string ApiSpecs = "apisentinel.io_apispecs.yaml";

    public const string Defenders = "apisentinel.io_defenders.yaml";

    public static IReadOnlyList<string> All { get; } = [ApiEndpoints, ApiSpecs, Defenders];

    /// <summary>The YAML text of one manifest (one of <see cref="All"/>).</summary>
    public static string Text(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var stream = typeof(CrdManifests).Assembly.GetManifestResourceStream("crds/" + file)
            ?? throw new ArgumentException($"no embedded manifest named {file}", nameof(file));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every embedded manifest's file name, whatever <see cref="All"/> lists.</summary>
    public static IReadOnlyList<string> Embedded() =>
        [.. typeof(CrdManifests).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("crds/", StringComparison.Ordinal)).Select(n => n["crds/".Length..]).Order(StringComparer.Ordinal)];
}
