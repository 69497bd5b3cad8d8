using System.Text;
using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;

namespace ApiSentinel.Collector.Kubernetes.Tests.Resources;

/// <summary>
/// An endpoint built to burst every bound: its status keeps the top-N of each list, stays under the 64 KiB hard
/// bound, counts exactly what it left out, and still validates against the manifest.
/// </summary>
public sealed class StatusBoundsTests
{
    private static readonly Lazy<ApiSentinel.Collector.Catalog.EndpointSnapshot> Endpoint = new(AdversarialCatalog.Build);

    private static V1Alpha1ApiEndpoint Project(ProjectionBounds bounds) =>
        ApiEndpointProjection.Project(Endpoint.Value, "default", DemoCatalog.Clients, bounds);

    [Fact]
    public void The_adversarial_endpoint_would_be_far_over_the_size_bound_without_it()
    {
        var e = Endpoint.Value;
        Assert.True(e.RequestHeaders.Count > 64 && e.Query.Count > 64 && e.ResponseFields.Count > 64 && e.Sensitive.Count > 64);
        var unbounded = e.RequestHeaders.Keys.Sum(k => k.Length) + e.ResponseHeaders.Keys.Sum(k => k.Length) + e.Query.Names.Sum(n => n.Length) +
            e.RequestFields.Names.Sum(n => n.Length) + e.ResponseFields.Names.Sum(n => n.Length) + e.Sensitive.Keys.Sum(k => k.Location.Length);
        Assert.True(unbounded > 4 * ProjectionBounds.Default.MaxStatusBytes);
    }

    [Fact]
    public void The_status_stays_under_64_KiB_and_counts_every_entry_it_left_out()
    {
        var e = Endpoint.Value;
        var status = Project(ProjectionBounds.Default).Status!;

        Assert.InRange(ApiEndpointJson.SizeInBytes(status), 1, ProjectionBounds.Default.MaxStatusBytes);
        var p = status.Parameters!;
        long Left(long engine, int kept) => engine - kept;
        var leftOut =
            Left(e.RequestHeaders.Count, p.RequestHeaders!.Count) + Left(e.ResponseHeaders.Count, p.ResponseHeaders!.Count) +
            Left(e.Query.Count, p.Query!.Count) + Left(e.RequestFields.Count, p.RequestFields!.Count) + Left(e.ResponseFields.Count, p.ResponseFields!.Count) +
            Left(e.RequestContentTypes.Count, p.ContentTypes!.Request!.Count) + Left(e.ResponseContentTypes.Count, p.ContentTypes.Response!.Count) +
            Left(e.Sensitive.Count, status.SensitiveData!.Count) + Left(e.StatusCodes.Count, status.Usage!.StatusCodes!.Count) +
            Left(e.Clients.Count, status.Usage.TopClients!.Count) +
            e.Sensitive.Keys.Zip(e.Sensitive.Keys.Select(k => e.MaskedSamplesOf(k).Count))
                .Where(k => status.SensitiveData.Any(s => s.Location == k.First.Location && s.Type == k.First.Type))
                .Sum(k => k.Second - status.SensitiveData.Single(s => s.Location == k.First.Location && s.Type == k.First.Type).MaskedSamples!.Count);
        Assert.Equal(leftOut, status.Truncated!.Items);
        Assert.Contains(StatusLists.RequestHeaders, status.Truncated.Lists!);
        Assert.Contains(StatusLists.SensitiveData, status.Truncated.Lists!);
        Assert.Contains(StatusLists.StatusCodes, status.Truncated.Lists!);
        Assert.InRange(p.RequestHeaders!.Count, 1, ProjectionBounds.Default.Fields - 1); // cut below top-N by the size bound
        Assert.Equal(ProjectionBounds.Default.TopClients, status.Usage.TopClients!.Count);
    }

    [Fact]
    public void The_most_called_entries_are_the_ones_kept()
    {
        var status = Project(ProjectionBounds.Default).Status!;
        // Every status code but one is called 3 times and 200..299 cover 300 calls: the 64 kept are all as called as any left out.
        var kept = status.Usage!.StatusCodes!;
        Assert.Equal(kept.OrderBy(c => c.Code).Select(c => c.Code), kept.Select(c => c.Code));
        var least = kept.Min(c => c.Calls);
        Assert.All(Endpoint.Value.StatusCodes.Where(kv => kept.All(c => c.Code != kv.Key)), kv => Assert.True(kv.Value <= least));
        // The card number is in every call; the per-call mail locations in one each: the card is kept.
        Assert.Contains(status.SensitiveData!, s => s.Location == "response.body.$.card");
    }

    [Fact]
    public void A_lower_size_bound_holds_too_and_cuts_more()
    {
        var wide = Project(ProjectionBounds.Default).Status!;
        var narrow = Project(ProjectionBounds.Default with { MaxStatusBytes = 8 * 1024 }).Status!;
        Assert.InRange(ApiEndpointJson.SizeInBytes(narrow), 1, 8 * 1024);
        Assert.True(narrow.Truncated!.Items > wide.Truncated!.Items);
        Assert.NotNull(narrow.Risk);
        Assert.Equal(wide.Risk!.Score, narrow.Risk!.Score);
        Assert.Equal(wide.Usage!.Requests, narrow.Usage!.Requests);
    }

    [Fact]
    public void The_bounded_status_validates_against_the_manifests_schema()
    {
        foreach (var bounds in new[] { ProjectionBounds.Default, ProjectionBounds.Default with { MaxStatusBytes = 8 * 1024, Fields = 3 } })
        {
            var errors = ManifestSchema.ApiEndpointErrors(Project(bounds));
            Assert.True(errors.Count == 0, string.Join('\n', errors));
        }
    }

    [Fact]
    public void A_host_that_is_no_label_value_gets_a_hashed_label_and_the_full_host_as_annotation()
    {
        var r = Project(ProjectionBounds.Default);
        var label = r.Metadata.Labels[ApiSentinelLabels.Host];
        Assert.NotEqual(AdversarialCatalog.Host, label);
        Assert.True(LabelValues.IsValid(label));
        Assert.StartsWith("api.example.com_8443-", label, StringComparison.Ordinal);
        Assert.Equal(AdversarialCatalog.Host, r.Metadata.Annotations[ApiSentinelAnnotations.Host]);
    }

    [Fact]
    public void Texts_longer_than_the_bound_are_cut_on_a_character_and_counted()
    {
        var bounds = ProjectionBounds.Default with { MaxTextLength = 100 };
        var status = Project(bounds).Status!;
        var names = status.Parameters!.RequestHeaders!.Select(h => h.Name).Where(n => n != "host").ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Equal(100, n.Length));
        Assert.All(names, n => Assert.EndsWith("…", n, StringComparison.Ordinal));
        Assert.True(status.Truncated!.Texts >= names.Count);
        // At the default bound these names (415 characters) are whole.
        var whole = Project(ProjectionBounds.Default).Status!.Parameters!.RequestHeaders!.Select(h => h.Name);
        Assert.All(whole, n => Assert.Contains(n, Endpoint.Value.RequestHeaders.Keys));
    }

    [Fact]
    public void Bounds_above_what_the_schema_allows_or_not_positive_are_refused()
    {
        ProjectionBounds.Default.Validate();
        Assert.Throws<ArgumentOutOfRangeException>(() => (ProjectionBounds.Default with { Fields = 65 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (ProjectionBounds.Default with { TopClients = 0 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (ProjectionBounds.Default with { MaxStatusBytes = 64 * 1024 + 1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (ProjectionBounds.Default with { MaxTextLength = 513 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (ProjectionBounds.Default with { MaxTextLength = 15 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => Project(ProjectionBounds.Default with { Findings = 33 }));
    }

    [Fact]
    public void Status_size_is_measured_in_utf8_bytes()
    {
        var status = new ApiEndpointStatus { Exposure = "ü" };
        Assert.Equal(Encoding.UTF8.GetByteCount(ApiEndpointJson.Serialize(status)), ApiEndpointJson.SizeInBytes(status));
    }
}
