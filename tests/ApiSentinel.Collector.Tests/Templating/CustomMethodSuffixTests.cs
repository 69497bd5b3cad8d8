using ApiSentinel.Collector.Templating;
using static ApiSentinel.Collector.Tests.Templating.TemplaterFixture;

namespace ApiSentinel.Collector.Tests.Templating;

/// <summary>
/// Custom methods inside a segment (<c>/v1/{name}:cancel</c>): the suffix is a literal part of its own, so the stems
/// before it are templated like any other segment, and the suffix itself never becomes a parameter.
/// </summary>
public class CustomMethodSuffixTests
{
    [Theory]
    [InlineData("jobs-9:cancel", 6)]
    [InlineData("1084906:getIamPolicy", 7)]
    [InlineData("projects:search", 8)]
    [InlineData("urn:isbn:x:batchGet", 10)]
    public void A_lower_camel_verb_after_the_last_colon_is_a_suffix(string segment, int colon) =>
        Assert.Equal(colon, CustomMethodSuffix.Find(segment));

    [Theory]
    [InlineData("10:30")]
    [InlineData("fe80::1")]
    [InlineData(":cancel")]
    [InlineData("jobs:")]
    [InlineData("jobs:Cancel")]
    [InlineData("a:b-c")]
    [InlineData("plain")]
    public void Times_addresses_and_bare_colons_are_not_suffixes(string segment) =>
        Assert.Equal(-1, CustomMethodSuffix.Find(segment));

    [Fact]
    public void Identifier_stems_share_one_template_per_custom_method()
    {
        var templater = Observed("/v1/1006778:testIamPermissions", "/v1/2404386:testIamPermissions", "/v1/31:getIamPolicy");

        Assert.Equal("/v1/{id}:testIamPermissions", templater.TemplateOf("/v1/555:testIamPermissions"));
        Assert.Equal("/v1/{id}:getIamPolicy", templater.TemplateOf("/v1/31:getIamPolicy"));
        // A template resolves to itself, placeholder and suffix alike.
        Assert.Equal("/v1/{id}:testIamPermissions", templater.TemplateOf("/v1/{id}:testIamPermissions"));
    }

    [Fact]
    public void Word_stems_with_a_shared_custom_method_are_a_parameter_and_a_literal_stem_stays()
    {
        var calls = new List<string>
        {
            "/v1/projects/7/jobs/quiet-otter:cancel", "/v1/projects/7/jobs/john_doe:cancel",
            "/v1/projects/7/jobs/blue-harbor:cancel",
        };
        calls.AddRange(Enumerable.Repeat("/v1/projects/7/jobs:search", 4));
        var templater = Observed([.. calls]);

        Assert.Equal("/v1/projects/{projectId}/jobs/{jobId}:cancel", templater.TemplateOf("/v1/projects/7/jobs/quiet-otter:cancel"));
        Assert.Equal("/v1/projects/{projectId}/jobs:search", templater.TemplateOf("/v1/projects/7/jobs:search"));
    }

    [Fact]
    public void Different_custom_methods_on_one_literal_stay_apart()
    {
        // Each suffix is seen once: rare, but a suffix is never a value.
        var templater = Observed("/v1/projects/7:undelete", "/v1/projects/7:move", "/v1/projects/7:archive", "/v1/projects/7:restore",
            "/v1/projects/7:export", "/v1/projects/7:import");

        Assert.Equal("/v1/projects/{projectId}:move", templater.TemplateOf("/v1/projects/7:move"));
        Assert.Equal("/v1/projects/{projectId}:restore", templater.TemplateOf("/v1/projects/7:restore"));
    }

    [Fact]
    public void The_template_is_the_same_in_any_order()
    {
        var paths = new List<string>();
        for (int i = 0; i < 12; i++)
        {
            paths.Add($"/v1/projects/{i}/jobs/job-{i * 7}:cancel");
            paths.Add($"/v1/projects/{i}:getIamPolicy");
        }

        string expected = string.Join(",", paths.Select(Observed([.. paths]).TemplateOf));
        var random = new Random(3);
        for (int round = 0; round < 5; round++)
        {
            var shuffled = paths.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(expected, string.Join(",", paths.Select(Observed(shuffled).TemplateOf)));
        }
    }
}

/// <summary>Redacted values and large groups of rare values with the odd error response.</summary>
public class RedactedAndNoisyShapeTests
{
    private static readonly string[] Job = ["$.name", "$.state", "$.createTime"];
    private static readonly string[] Error = ["$.error.code", "$.error.message"];

    [Fact]
    public void Redacted_is_a_parameter_even_at_the_first_resource_position()
    {
        var templater = Observed("/v1/REDACTED", "/v1/REDACTED/jobs", "/v1/operations", "/v1/operations");

        Assert.Equal("/v1/{id}", templater.TemplateOf("/v1/REDACTED"));
        Assert.Equal("/v1/{id}/jobs", templater.TemplateOf("/v1/REDACTED/jobs"));
        Assert.Equal("/v1/operations", templater.TemplateOf("/v1/operations"));
        // Never observed: still not a literal.
        Assert.Equal("/{id}", new PathTemplater(new TemplatingOptions()).Resolve(Host, "/REDACTED").Template);
    }

    [Fact]
    public void Many_rare_values_with_one_error_response_are_still_one_parameter()
    {
        string[] names = ["quiet-otter", "amber-iris", "calm-meadow", "bold-canyon", "crisp-engine", "coral-garden", "black-rocket"];
        var calls = names.Select(n => Call("/v1/" + n, Job)).ToList();
        calls.Add(Call("/v1/teal-mango", Error, status: 404));

        var templater = ObservedCalls(calls);

        Assert.Equal("/v1/{id}", templater.TemplateOf("/v1/quiet-otter"));
        Assert.Equal("/v1/{id}", templater.TemplateOf("/v1/teal-mango"));
    }

    [Fact]
    public void Two_operations_that_disagree_systematically_stay_literal()
    {
        // Half the siblings answer one shape, half another: several operations, not noise.
        var templater = ObservedCalls([
            Call("/tools/alpha", Job), Call("/tools/bravo", Job), Call("/tools/charlie", Job),
            Call("/tools/delta", Error), Call("/tools/echo", Error), Call("/tools/foxtrot", Error),
        ]);

        Assert.Equal("/tools/alpha", templater.TemplateOf("/tools/alpha"));
        Assert.Equal("/tools/delta", templater.TemplateOf("/tools/delta"));
    }
}
