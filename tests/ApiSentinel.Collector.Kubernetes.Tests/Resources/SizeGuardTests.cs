using ApiSentinel.Collector.Kubernetes.Resources;

namespace ApiSentinel.Collector.Kubernetes.Tests.Resources;

/// <summary>The size guard at the edges: texts no list holds, the lowest allowed bound, and which lists go first.</summary>
public sealed class SizeGuardTests
{
    private static readonly Lazy<ApiSentinel.Collector.Catalog.EndpointSnapshot> LongTexts = new(AdversarialCatalog.LongUncutTexts);
    private static readonly Lazy<ApiSentinel.Collector.Catalog.EndpointSnapshot> Adversarial = new(AdversarialCatalog.Build);

    [Theory]
    [InlineData(4096)]
    [InlineData(8192)]
    public void Long_texts_outside_every_list_are_cut_at_the_lowest_bounds_without_throwing(int maxStatusBytes)
    {
        var bounds = ProjectionBounds.Default with { MaxStatusBytes = maxStatusBytes };
        var r = ApiEndpointProjection.Project(LongTexts.Value, "default", DemoCatalog.Clients, bounds);
        Assert.InRange(ApiEndpointJson.SizeInBytes(r.Status!), 1, maxStatusBytes);
        Assert.True(r.Status!.Truncated!.Texts > 0);
        Assert.Equal(LongTexts.Value.Risk.Score, r.Status.Risk!.Score);
        Assert.Equal(LongTexts.Value.Risk.Factors.Count, r.Status.Risk.Factors!.Count);
        var errors = ManifestSchema.ApiEndpointErrors(r);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void At_the_lowest_bound_the_summaries_are_cut_to_the_last_resort_length_once_every_list_is_empty()
    {
        var r = ApiEndpointProjection.Project(LongTexts.Value, "default", DemoCatalog.Clients, ProjectionBounds.Default with { MaxStatusBytes = 4096 });
        var s = r.Status!;
        Assert.Empty(s.SensitiveData!);
        Assert.InRange(s.Summary!.Sensitive.Length, 1, StatusSizeGuard.LastResortTextLength);
        Assert.Contains(StatusLists.SensitiveData, s.Truncated!.Lists!);
    }

    [Fact]
    public void The_adversarial_endpoint_fits_the_lowest_bound_too()
    {
        var r = ApiEndpointProjection.Project(Adversarial.Value, "default", DemoCatalog.Clients, ProjectionBounds.Default with { MaxStatusBytes = 4096 });
        Assert.InRange(ApiEndpointJson.SizeInBytes(r.Status!), 1, 4096);
        var errors = ManifestSchema.ApiEndpointErrors(r);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void The_parameter_inventory_is_cut_before_sensitive_data_findings_and_violations()
    {
        var e = Adversarial.Value;
        var r = ApiEndpointProjection.Project(e, "default", DemoCatalog.Clients, ProjectionBounds.Default with { MaxStatusBytes = 48 * 1024 });
        var s = r.Status!;
        // The size bound bit (the headers and fields lists are below their top-N) …
        Assert.True(s.Parameters!.RequestHeaders!.Count < ProjectionBounds.Default.Fields);
        // … yet sensitive data kept all the top-N bound allows.
        Assert.Equal(Math.Min(e.Sensitive.Count, ProjectionBounds.Default.SensitiveData), s.SensitiveData!.Count);
    }
}
