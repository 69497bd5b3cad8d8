using ApiSentinel.Collector.Kubernetes.Specs;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Crds.ApiSpecs;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Tests.Specs;

public sealed class ApiSpecStatusBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, 250, TimeSpan.Zero);

    private static readonly SpecOutcome ParsedShop = SpecOutcome.Parsed(ApiSpec.Parse("""
        openapi: 3.0.3
        info: { title: shop, version: "1" }
        paths:
          /accounts/{id}:
            get: { responses: { "200": { description: ok } } }
        """, "shop.yaml"), ["shop.test"]);

    [Fact]
    public void A_parsed_spec_reports_its_figures_generation_and_true_conditions()
    {
        var status = ApiSpecStatusBuilder.Build(Resource(generation: 3), ParsedShop, new SpecCounts(5, 2, 1), previous: null, T0);

        Assert.Equal((ApiSpecPhases.Parsed, null, 5L, 2L, 1L, 3L), (status.Phase, status.Message, status.Endpoints, status.Shadow,
            status.NonConformant, status.ObservedGeneration));
        Assert.Collection(status.Conditions!,
            parsed => Assert.Equal((ApiSpecConditions.Parsed, "True", ApiSpecConditions.ReasonParsed, "1 operation", 3L),
                (parsed.Type, parsed.Status, parsed.Reason, parsed.Message, parsed.ObservedGeneration)),
            ready => Assert.Equal((ApiSpecConditions.Ready, "True", ApiSpecConditions.ReasonSpecInUse, 3L),
                (ready.Type, ready.Status, ready.Reason, ready.ObservedGeneration)));
        // Stored to the second, as the API server keeps it.
        Assert.All(status.Conditions!, c => Assert.Equal(new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc), c.LastTransitionTime));
    }

    [Fact]
    public void An_invalid_spec_has_its_message_and_no_figures()
    {
        var outcome = SpecOutcome.Invalid(ApiSpecConditions.ReasonInvalidDocument, "shop.yaml: not an OpenAPI document\nsecond line");
        var status = ApiSpecStatusBuilder.Build(Resource(), outcome, new SpecCounts(5, 2, 1), previous: null, T0);

        Assert.Equal((ApiSpecPhases.Invalid, 0L, 0L, 0L), (status.Phase, status.Endpoints, status.Shadow, status.NonConformant));
        Assert.Equal(@"shop.yaml: not an OpenAPI document\u000Asecond line", status.Message);
        Assert.All(status.Conditions!, c => Assert.Equal("False", c.Status));
        Assert.Equal(ApiSpecConditions.ReasonInvalidDocument, status.Conditions![0].Reason);
        Assert.Equal(ApiSpecConditions.ReasonNotParsed, status.Conditions[1].Reason);
    }

    [Fact]
    public void Transition_times_move_only_when_a_condition_changes_status()
    {
        var first = ApiSpecStatusBuilder.Build(Resource(1), ParsedShop, default, previous: null, T0);
        var edited = ApiSpecStatusBuilder.Build(Resource(2), ParsedShop, new SpecCounts(1, 0, 0), first, T0.AddMinutes(5));
        Assert.All(edited.Conditions!, c => Assert.Equal(T0.AddTicks(-T0.Ticks % TimeSpan.TicksPerSecond).UtcDateTime, c.LastTransitionTime));
        Assert.All(edited.Conditions!, c => Assert.Equal(2L, c.ObservedGeneration));

        var broken = ApiSpecStatusBuilder.Build(Resource(3), SpecOutcome.Invalid(ApiSpecConditions.ReasonInvalidDocument, "bad"),
            default, edited, T0.AddMinutes(10));
        Assert.All(broken.Conditions!, c => Assert.Equal(T0.AddMinutes(10).AddTicks(-T0.Ticks % TimeSpan.TicksPerSecond).UtcDateTime, c.LastTransitionTime));
    }

    [Fact]
    public void A_long_hostile_message_stays_one_bounded_line()
    {
        var message = string.Concat(Enumerable.Repeat("\u202e\r\n", 10_000));
        var status = ApiSpecStatusBuilder.Build(Resource(), SpecOutcome.Invalid(ApiSpecConditions.ReasonInvalidDocument, message),
            default, previous: null, T0);
        Assert.InRange(status.Message!.Length, 1, 4096);
        Assert.DoesNotContain('\n', status.Message);
        Assert.DoesNotContain('\u202e', status.Message);
    }

    private static V1Alpha1ApiSpec Resource(long generation = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = "shop", NamespaceProperty = "default", Generation = generation },
    };
}
