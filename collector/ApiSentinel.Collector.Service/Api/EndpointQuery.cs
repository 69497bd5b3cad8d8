using System.Globalization;
using System.Text.RegularExpressions;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Reports;
using ApiSentinel.Collector.Risk;
using Microsoft.AspNetCore.Http;

namespace ApiSentinel.Collector.Service.Api;

/// <summary>
/// The filters of <c>GET /api/v1/endpoints</c>, all optional and combined with AND; they select the
/// <c>endpoints</c> and <c>staticAssets</c> lists (findings, probed paths and unused spec operations are listed
/// whole):
/// <list type="bullet">
/// <item><c>host</c>: the endpoint's host, compared case-insensitively;</item>
/// <item><c>risk</c>: a minimum level (<c>none</c> &lt; <c>low</c> &lt; <c>medium</c> &lt; <c>high</c> &lt; <c>critical</c>);</item>
/// <item><c>shadow</c>: <c>true</c> (only endpoints no spec describes) or <c>false</c>;</item>
/// <item><c>since</c>, <c>until</c> (RFC 3339, <c>since</c> inclusive, <c>until</c> exclusive): only endpoints with
/// stored usage in the range, and their <c>requests</c> is the calls of the range. Usage is stored in hourly buckets
/// of event time (the calls' own timestamps) at each checkpoint, so the range counts every hour that overlaps
/// [since, until) whole — <c>since=13:30Z</c> includes the 13:00 hour — and calls ingested since the last checkpoint
/// (at most the checkpoint interval ago) are not counted yet.</item>
/// </list>
/// Any other parameter, or a value that does not parse, is a 400 with a one-line JSON error.
/// </summary>
public sealed partial class EndpointQuery : IEndpointSelection
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "host", "risk", "shadow", "since", "until" };

    private IReadOnlyDictionary<string, long>? _rangeRequests;

    public string? Host { get; private init; }

    public int? MinimumRisk { get; private init; }

    public bool? Shadow { get; private init; }

    public DateTimeOffset? Since { get; private init; }

    public DateTimeOffset? Until { get; private init; }

    public bool HasRange => Since is not null || Until is not null;

    /// <summary>Parses the query string; null and a one-line <paramref name="error"/> when a filter is bad.</summary>
    public static EndpointQuery? Parse(IQueryCollection query, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        error = null;
        foreach (var (name, values) in query)
        {
            if (!Known.Contains(name))
            {
                error = $"unknown filter '{name}' (filters: host, risk, shadow, since, until)";
                return null;
            }
            if (values.Count != 1)
            {
                error = $"filter '{name}' is given {values.Count} times";
                return null;
            }
        }
        int? risk = null;
        if (query.TryGetValue("risk", out var riskText))
        {
            var rank = RiskLevels.Rank(riskText.ToString());
            if (rank < 0)
            {
                error = $"risk must be one of {string.Join(", ", RiskLevels.Ordered)}, not '{riskText}'";
                return null;
            }
            risk = rank;
        }
        bool? shadow = null;
        if (query.TryGetValue("shadow", out var shadowText))
        {
            shadow = shadowText.ToString() switch
            {
                "true" => true,
                "false" => false,
                _ => null,
            };
            if (shadow is null)
            {
                error = $"shadow must be true or false, not '{shadowText}'";
                return null;
            }
        }
        if (!Instant(query, "since", out var since, out error) || !Instant(query, "until", out var until, out error))
        {
            return null;
        }
        if (since is not null && until is not null && since >= until)
        {
            error = "since must be before until";
            return null;
        }
        var host = query.TryGetValue("host", out var hostText) ? hostText.ToString() : null;
        return new EndpointQuery { Host = host, MinimumRisk = risk, Shadow = shadow, Since = since, Until = until };
    }

    /// <summary>Requests per endpoint identity in the range, from the store (needed when <see cref="HasRange"/>).</summary>
    public void UseRangeRequests(IReadOnlyDictionary<string, long> requests) => _rangeRequests = requests;

    public bool Includes(EndpointSnapshot endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return (Host is null || string.Equals(endpoint.Key.Host, Host, StringComparison.OrdinalIgnoreCase)) &&
               (MinimumRisk is null || RiskLevels.Rank(endpoint.Risk.Level) >= MinimumRisk) &&
               (Shadow is null || endpoint.IsShadow == Shadow) &&
               (_rangeRequests is null || _rangeRequests.GetValueOrDefault(endpoint.Identity) > 0);
    }

    public long RequestsOf(EndpointSnapshot endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return _rangeRequests is null ? endpoint.Requests : _rangeRequests.GetValueOrDefault(endpoint.Identity);
    }

    /// <summary>An RFC 3339 date-time (<c>2026-12-02T13:00:00Z</c>, a fraction of any length and an offset allowed; the offset is required).</summary>
    public static bool Instant(IQueryCollection query, string name, out DateTimeOffset? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        value = null;
        error = null;
        if (!query.TryGetValue(name, out var text))
        {
            return true;
        }
        var s = text.ToString();
        var match = Rfc3339Pattern().Match(s);
        if (!match.Success ||
            !DateTimeOffset.TryParse(Truncated(s, match.Groups["fraction"]), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            error = $"{name} must be an RFC 3339 date-time such as 2026-12-02T13:00:00Z, not '{s}'";
            return false;
        }
        value = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>
    /// RFC 3339 allows any number of fraction digits (Go's RFC3339Nano writes 9); .NET parses at most 7, its tick:
    /// the rest is cut, not rounded, so an instant never moves past the one given.
    /// </summary>
    private static string Truncated(string text, Group fraction) =>
        fraction.Success && fraction.Length > 8 ? string.Concat(text.AsSpan(0, fraction.Index + 8), text.AsSpan(fraction.Index + fraction.Length)) : text;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?<fraction>\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339Pattern();
}
