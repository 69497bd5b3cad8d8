using System.Globalization;

namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>The one shape of a budget refusal: source, budget name, limit and unit, and where it bit.</summary>
internal static class SpecBudgetExceeded
{
    public static SpecException Create(string sourceName, string budget, long limit, string unit, string? location = null) =>
        new($"{sourceName}: exceeds the spec budget {budget} ({limit.ToString("N0", CultureInfo.InvariantCulture)} {unit})" +
            (location is null ? "" : " at " + location))
        {
            Budget = budget,
        };
}
