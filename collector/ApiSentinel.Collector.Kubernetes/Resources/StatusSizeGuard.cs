using System.Collections;
using ApiSentinel.Crds.ApiEndpoints;

namespace ApiSentinel.Collector.Kubernetes.Resources;

/// <summary>
/// The hard bound on an <c>ApiEndpoint</c> status's size: after the top-N bounds, an endpoint whose names and
/// evidence are all long can still serialize past <see cref="ProjectionBounds.MaxStatusBytes"/>. This halves the
/// longest list (from its end) until the status fits, counting every entry it removes. The scalars of a status are
/// bounded (texts are cut), so with every list empty it always fits.
/// </summary>
internal static class StatusSizeGuard
{
    public static void Fit(ApiEndpointStatus status, int maxBytes, StatusTruncation truncation)
    {
        while (Size(status, truncation) > maxBytes)
        {
            var (name, list) = Lists(status).Where(l => l.List is { Count: > 0 }).MaxBy(l => l.List!.Count);
            if (list is null)
            {
                return;
            }
            var remove = (list.Count + 1) / 2;
            for (var i = 0; i < remove; i++)
            {
                list.RemoveAt(list.Count - 1);
            }
            truncation.Cut(name, remove);
        }
    }

    /// <summary>The size with the final tally in place: the tally itself is part of what is stored.</summary>
    private static int Size(ApiEndpointStatus status, StatusTruncation truncation)
    {
        status.Truncated = ApiEndpointProjection.Truncated(truncation, status.Truncated?.CatalogDropped);
        return ApiEndpointJson.SizeInBytes(status);
    }

    /// <summary>Every list of a status that may be cut, by its path (what <c>status.truncated.lists</c> names).</summary>
    private static IEnumerable<(string Name, IList? List)> Lists(ApiEndpointStatus s)
    {
        yield return (StatusLists.SensitiveData, s.SensitiveData as IList);
        yield return (StatusLists.Findings, s.Findings as IList);
        yield return (StatusLists.Namespaces, s.Namespaces as IList);
        yield return (StatusLists.Workloads, s.Workloads as IList);
        yield return (StatusLists.AuthLocations, s.Auth?.Locations as IList);
        yield return (StatusLists.AuthJwtAlgorithms, s.Auth?.JwtAlgorithms as IList);
        yield return (StatusLists.AuthIssues, s.Auth?.Issues as IList);
        yield return (StatusLists.StatusCodes, s.Usage?.StatusCodes as IList);
        yield return (StatusLists.TopClients, s.Usage?.TopClients as IList);
        yield return (StatusLists.Query, s.Parameters?.Query as IList);
        yield return (StatusLists.RequestHeaders, s.Parameters?.RequestHeaders as IList);
        yield return (StatusLists.ResponseHeaders, s.Parameters?.ResponseHeaders as IList);
        yield return (StatusLists.RequestFields, s.Parameters?.RequestFields as IList);
        yield return (StatusLists.ResponseFields, s.Parameters?.ResponseFields as IList);
        yield return (StatusLists.RequestContentTypes, s.Parameters?.ContentTypes?.Request as IList);
        yield return (StatusLists.ResponseContentTypes, s.Parameters?.ContentTypes?.Response as IList);
        yield return (StatusLists.Violations, s.Conformance?.Violations as IList);
    }
}
