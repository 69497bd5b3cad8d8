using System.Collections;
using ApiSentinel.Crds.ApiEndpoints;

namespace ApiSentinel.Collector.Kubernetes.Resources;

/// <summary>
/// The hard bound on an <c>ApiEndpoint</c>'s size: after the top-N bounds, an endpoint whose names and evidence are
/// all long can still serialize past <see cref="ProjectionBounds.MaxStatusBytes"/>. This cuts the least important
/// lists first — the parameter inventory and clients, then codes, places and samples, and the security evidence
/// (credential kinds and issues, sensitive data, findings, violations) last — halving the longest list of a tier (from its end) until the object
/// fits, counting every entry it removes. Should the texts no list holds (risk evidence, summaries, the operation
/// id) still be too long, they are cut to <see cref="LastResortTextLength"/> characters, counted too. It never
/// throws: at the lowest allowed bound the shortened scalars always fit.
/// </summary>
internal static class StatusSizeGuard
{
    /// <summary>What a text keeps when nothing else is left to cut: still enough to tell one factor from another.</summary>
    public const int LastResortTextLength = 32;

    /// <summary>Cuts <paramref name="status"/> until it serializes to at most <paramref name="budget"/> bytes, or nothing is left to cut.</summary>
    public static void Fit(ApiEndpointStatus status, int budget, StatusTruncation truncation)
    {
        foreach (var tier in Tiers)
        {
            while (Size(status, truncation) > budget)
            {
                var (name, list) = tier(status).Where(l => l.List is { Count: > 0 }).OrderByDescending(l => l.List!.Count).FirstOrDefault();
                if (list is null)
                {
                    break;
                }
                var remove = (list.Count + 1) / 2;
                for (var i = 0; i < remove; i++)
                {
                    list.RemoveAt(list.Count - 1);
                }
                truncation.Cut(name, remove);
            }
        }
        if (Size(status, truncation) > budget)
        {
            ShortenTexts(status, new StatusTruncation(LastResortTextLength), truncation);
            Size(status, truncation);
        }
    }

    /// <summary>The lists by importance, least first; within a tier the longest is cut first.</summary>
    private static readonly Func<ApiEndpointStatus, IEnumerable<(string Name, IList? List)>>[] Tiers =
    [
        s =>
        [
            (StatusLists.RequestHeaders, s.Parameters?.RequestHeaders as IList),
            (StatusLists.ResponseHeaders, s.Parameters?.ResponseHeaders as IList),
            (StatusLists.Query, s.Parameters?.Query as IList),
            (StatusLists.RequestFields, s.Parameters?.RequestFields as IList),
            (StatusLists.ResponseFields, s.Parameters?.ResponseFields as IList),
            (StatusLists.RequestContentTypes, s.Parameters?.ContentTypes?.Request as IList),
            (StatusLists.ResponseContentTypes, s.Parameters?.ContentTypes?.Response as IList),
            (StatusLists.TopClients, s.Usage?.TopClients as IList),
        ],
        s =>
        [
            (StatusLists.StatusCodes, s.Usage?.StatusCodes as IList),
            (StatusLists.Namespaces, s.Namespaces as IList),
            (StatusLists.Workloads, s.Workloads as IList),
            (StatusLists.AuthLocations, s.Auth?.Locations as IList),
            (StatusLists.AuthJwtAlgorithms, s.Auth?.JwtAlgorithms as IList),
            .. (s.SensitiveData ?? []).Select(d => (StatusLists.MaskedSamples, d.MaskedSamples as IList)),
        ],
        s =>
        [
            (StatusLists.AuthIssues, s.Auth?.Issues as IList),
            (StatusLists.AuthSchemes, s.Auth?.Schemes as IList),
            (StatusLists.Violations, s.Conformance?.Violations as IList),
            (StatusLists.Findings, s.Findings as IList),
            (StatusLists.SensitiveData, s.SensitiveData as IList),
        ],
    ];

    /// <summary>Every text left once the lists are empty, cut shorter; the cuts are added to the projection's tally.</summary>
    private static void ShortenTexts(ApiEndpointStatus s, StatusTruncation shorter, StatusTruncation truncation)
    {
        foreach (var factor in s.Risk?.Factors ?? [])
        {
            factor.Evidence = shorter.Text(factor.Evidence);
            factor.Summary = shorter.OptionalText(factor.Summary);
        }
        foreach (var scheme in s.Auth?.Schemes ?? [])
        {
            scheme.Kind = shorter.Text(scheme.Kind);
        }
        if (s.Auth is { } auth)
        {
            auth.Summary = shorter.OptionalText(auth.Summary);
        }
        if (s.Summary is { } summary)
        {
            summary.Auth = shorter.Text(summary.Auth);
            summary.Sensitive = shorter.Text(summary.Sensitive);
        }
        if (s.Conformance is { } conformance)
        {
            conformance.OperationId = shorter.OptionalText(conformance.OperationId);
        }
        truncation.AddTexts(shorter.Texts);
    }

    /// <summary>The size with the final tally in place: the tally itself is part of what is stored.</summary>
    private static int Size(ApiEndpointStatus status, StatusTruncation truncation)
    {
        status.Truncated = ApiEndpointProjection.Truncated(truncation, status.Truncated?.CatalogDropped);
        return ApiEndpointJson.SizeInBytes(status);
    }
}
