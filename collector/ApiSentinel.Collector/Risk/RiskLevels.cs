namespace ApiSentinel.Collector.Risk;

/// <summary>
/// Score to level: 0 <c>none</c>, 1–24 <c>low</c>, 25–49 <c>medium</c>, 50–74 <c>high</c>, 75–100
/// <c>critical</c>. Quarter bands so that one fully-scoring heavy factor (access control at 30) already lands in
/// <c>medium</c>, and <c>critical</c> needs several factors together.
/// </summary>
public static class RiskLevels
{
    public const string None = "none";
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";
    public const string Critical = "critical";

    public const int LowFrom = 1;
    public const int MediumFrom = 25;
    public const int HighFrom = 50;
    public const int CriticalFrom = 75;

    /// <summary>The levels from lowest to highest.</summary>
    public static IReadOnlyList<string> Ordered { get; } = [None, Low, Medium, High, Critical];

    /// <summary>A level's place in <see cref="Ordered"/> (0 for <c>none</c>), or -1 for text that is no level.</summary>
    public static int Rank(string? level) => level switch
    {
        None => 0,
        Low => 1,
        Medium => 2,
        High => 3,
        Critical => 4,
        _ => -1,
    };

    public static string Of(int score) => score switch
    {
        >= CriticalFrom => Critical,
        >= HighFrom => High,
        >= MediumFrom => Medium,
        >= LowFrom => Low,
        _ => None,
    };
}
