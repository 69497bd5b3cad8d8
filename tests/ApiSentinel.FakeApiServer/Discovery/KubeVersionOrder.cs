using System.Text.RegularExpressions;

namespace ApiSentinel.FakeApiServer.Discovery;

/// <summary>
/// Kubernetes' version priority (what the real server uses to order a group's versions and pick the preferred one):
/// GA before beta before alpha, higher numbers first within each; versions that do not look like Kubernetes versions
/// come last, alphabetically.
/// </summary>
public sealed partial class KubeVersionOrder : IComparer<string>
{
    public static KubeVersionOrder Instance { get; } = new();

    private KubeVersionOrder()
    {
    }

    public int Compare(string? x, string? y)
    {
        var a = Parse(x ?? "");
        var b = Parse(y ?? "");
        if (a.Rank != b.Rank)
        {
            return a.Rank.CompareTo(b.Rank);
        }
        if (a.Rank == OtherRank)
        {
            return string.CompareOrdinal(x, y);
        }
        // Higher major, then higher minor (beta2 before beta1) first.
        return a.Major != b.Major ? b.Major.CompareTo(a.Major) : b.Minor.CompareTo(a.Minor);
    }

    private const int OtherRank = 3;

    private static (int Rank, int Major, int Minor) Parse(string version)
    {
        var match = KubeLike().Match(version);
        if (!match.Success || !int.TryParse(match.Groups[1].ValueSpan, out var major))
        {
            return (OtherRank, 0, 0);
        }
        if (!match.Groups[2].Success)
        {
            return (0, major, 0);
        }
        var rank = match.Groups[2].Value == "beta" ? 1 : 2;
        return int.TryParse(match.Groups[3].ValueSpan, out var minor) ? (rank, major, minor) : (OtherRank, 0, 0);
    }

    [GeneratedRegex("^v([1-9][0-9]{0,8})(?:(alpha|beta)([1-9][0-9]{0,8}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex KubeLike();
}
