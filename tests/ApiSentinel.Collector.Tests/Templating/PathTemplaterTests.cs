using ApiSentinel.Collector.Templating;
using static ApiSentinel.Collector.Tests.Templating.TemplaterFixture;

namespace ApiSentinel.Collector.Tests.Templating;

public class PathTemplaterTests
{
    [Theory]
    [InlineData("/users/8812", "/users/{userId}", "integer")]
    [InlineData("/orders/3f2a9c1e-7b44-4d2a-9a51-0c3e5b7d9f10", "/orders/{orderId}", "uuid")]
    [InlineData("/events/01ARZ3NDEKTSV4RRFFQ69G5FAV", "/events/{eventId}", "ulid")]
    [InlineData("/documents/507f1f77bcf86cd799439011", "/documents/{documentId}", "objectid")]
    [InlineData("/commits/a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "/commits/{commitId}", "hex")]
    [InlineData("/customers/cus_NffrFeUfNV2Hib", "/customers/{customerId}", "base64")]
    [InlineData("/reports/2026-10-01", "/reports/{reportDate}", "date")]
    [InlineData("/reports/20261001", "/reports/{reportDate}", "date")]
    [InlineData("/accounts/jane.doe@example.com", "/accounts/{accountEmail}", "email")]
    [InlineData("/sessions/a8f3kz92mq", "/sessions/{sessionId}", "high-entropy")]
    [InlineData("/users/REDACTED", "/users/{userId}", "redacted")]
    public void A_value_class_segment_is_a_parameter_on_one_observation(string path, string template, string valueClass)
    {
        var result = Observed(path).Resolve(Host, path);

        Assert.Equal(template, result.Template);
        var parameter = Assert.Single(result.Parameters);
        Assert.Equal(1, parameter.SegmentIndex);
        Assert.Equal(valueClass, parameter.ValueClass);
        Assert.StartsWith("value class", parameter.Reason, StringComparison.Ordinal);
        Assert.Equal("inferred", result.Reason);
        Assert.InRange(result.Confidence, 0.5, 1.0);
    }

    [Fact]
    public void Nested_ids_get_names_from_their_parents()
    {
        var templater = Observed("/users/8812/orders/3f2a9c1e-7b44-4d2a-9a51-0c3e5b7d9f10");

        var result = templater.Resolve(Host, "/users/8812/orders/3f2a9c1e-7b44-4d2a-9a51-0c3e5b7d9f10");

        Assert.Equal("/users/{userId}/orders/{orderId}", result.Template);
        Assert.Equal(["userId", "orderId"], result.Parameters.Select(p => p.Name));
        Assert.Equal([1, 3], result.Parameters.Select(p => p.SegmentIndex));
    }

    [Fact]
    public void Plain_words_seen_a_few_times_stay_literal()
    {
        var templater = Observed("/users/me", "/users/settings", "/orders/export");

        Assert.Equal("/users/me", templater.TemplateOf("/users/me"));
        Assert.Equal("/orders/export", templater.TemplateOf("/orders/export"));
        Assert.Equal("literal", templater.Resolve(Host, "/users/me").Reason);
    }

    [Fact]
    public void A_fixed_sibling_stays_literal_next_to_ids()
    {
        var random = new Random(1);
        var paths = Enumerable.Range(0, 200).Select(_ => "/users/" + random.Next(1, 1_000_000)).ToList();
        paths.AddRange(Enumerable.Repeat("/users/me", 30));
        paths.AddRange(Enumerable.Range(0, 200).Select(_ => "/orders/" + random.Next(1, 1_000_000)));
        paths.AddRange(Enumerable.Repeat("/orders/export", 5));
        var templater = Observed(new TemplatingOptions(), paths);

        Assert.Equal("/users/me", templater.TemplateOf("/users/me"));
        Assert.Equal("/users/{userId}", templater.TemplateOf("/users/42"));
        Assert.Equal("/orders/export", templater.TemplateOf("/orders/export"));
        Assert.Equal("/orders/{orderId}", templater.TemplateOf("/orders/7"));
    }

    [Fact]
    public void Many_rare_words_become_parameters_by_cardinality()
    {
        var random = new Random(2);
        var paths = Enumerable.Range(0, 60).Select(_ => $"/repos/{Word(random)}/{Word(random, 9)}").ToList();
        var templater = Observed(new TemplatingOptions(), paths);

        var result = templater.Resolve(Host, paths[0]);

        Assert.Equal("/repos/{repoId}/{repoId2}", result.Template);
        Assert.All(result.Parameters, p => Assert.Equal("word", p.ValueClass));
        Assert.All(result.Parameters, p => Assert.StartsWith("cardinality", p.Reason, StringComparison.Ordinal));
        // An owner never seen before belongs to the same endpoint.
        Assert.Equal("/repos/{repoId}/{repoId2}", templater.TemplateOf("/repos/someoneelse/project"));
    }

    [Fact]
    public void Few_distinct_words_are_not_enough_for_cardinality()
    {
        string[] collections = ["orders", "addresses", "payments", "carts", "reviews", "wishlists"];
        var paths = collections.SelectMany(c => Enumerable.Range(1, 50).Select(i => $"/users/{i}/{c}")).ToList();
        var templater = Observed(new TemplatingOptions(), paths);

        foreach (string collection in collections)
        {
            Assert.Equal($"/users/{{userId}}/{collection}", templater.TemplateOf($"/users/3/{collection}"));
        }
    }

    [Fact]
    public void Many_plural_sub_resources_under_an_id_stay_literal()
    {
        string[] subResources =
        [
            "issues", "pulls", "commits", "releases", "branches", "tags", "hooks", "labels", "milestones", "forks",
            "collaborators", "deployments", "contributors", "languages", "teams",
        ];
        var paths = subResources.SelectMany(r => Enumerable.Range(1, 20).Select(i => $"/projects/{i}/{r}")).ToList();
        var templater = Observed(new TemplatingOptions(), paths);

        Assert.Equal("/projects/{projectId}/milestones", templater.TemplateOf("/projects/5/milestones"));
    }

    [Fact]
    public void A_rare_token_shaped_word_next_to_identifiers_joins_them_but_a_rare_plain_word_does_not()
    {
        var paths = Enumerable.Range(0, 50).Select(i => $"/customers/cus_{i}Ab9xQ2mLp7Z").ToList();
        paths.Add("/customers/cus_NffrFeUfNVaHib");
        paths.Add("/customers/export");
        var templater = Observed(new TemplatingOptions(), paths);

        Assert.Equal("/customers/{customerId}", templater.TemplateOf("/customers/cus_NffrFeUfNVaHib"));
        Assert.Equal("/customers/export", templater.TemplateOf("/customers/export"));
    }

    [Fact]
    public void A_frequent_word_at_a_cardinality_position_stays_literal()
    {
        var random = new Random(3);
        var paths = Enumerable.Range(0, 80).Select(_ => "/users/" + Word(random)).ToList();
        paths.AddRange(Enumerable.Repeat("/users/me", 40));
        var templater = Observed(new TemplatingOptions(), paths);

        Assert.Equal("/users/me", templater.TemplateOf("/users/me"));
        Assert.Equal("/users/{userId}", templater.TemplateOf(paths[0]));
        Assert.Equal(0.8, templater.Resolve(Host, "/users/me").Confidence);
    }

    [Fact]
    public void The_first_segment_is_never_a_parameter_by_default()
    {
        var random = new Random(4);
        var paths = Enumerable.Range(0, 50).Select(_ => "/" + Word(random)).Append("/12345").ToList();
        var templater = Observed(new TemplatingOptions(), paths);

        Assert.Equal("/12345", templater.TemplateOf("/12345"));
        Assert.Equal(paths[0], templater.TemplateOf(paths[0]));
    }

    [Fact]
    public void The_first_segment_may_be_a_parameter_when_allowed()
    {
        var templater = Observed(new TemplatingOptions { FirstSegmentMayBeParameter = true }, ["/12345"]);

        Assert.Equal("/{id}", templater.TemplateOf("/12345"));
    }

    [Theory]
    [InlineData("/api/v1/users/8812", "/api/v1/users/{userId}")]
    [InlineData("/v2/charges/ch_3MmlLrLkdIwHu7ix0snN0B15", "/v2/charges/{chargeId}")]
    [InlineData("/2024-01-01/customers/77", "/2024-01-01/customers/{customerId}")]
    [InlineData("/api/12345/items", "/api/12345/items")]
    public void Prefixes_and_versions_extend_the_protected_root(string path, string template) =>
        Assert.Equal(template, Observed(path).TemplateOf(path));

    [Fact]
    public void Version_segments_in_the_prefix_are_never_parameters_by_default()
    {
        var paths = Enumerable.Range(1, 40).Select(i => $"/api/v{i}/users/{i}").ToList();
        var templater = Observed(new TemplatingOptions { FirstSegmentMayBeParameter = true }, paths);

        Assert.Equal("/api/v3/users/{userId}", templater.TemplateOf("/api/v3/users/3"));
    }

    [Fact]
    public void Many_version_like_values_at_a_parameter_position_are_a_parameter()
    {
        var paths = Enumerable.Range(1, 40).Select(i => $"/things/{i}/v{i}").ToList();
        var templater = Observed(new TemplatingOptions(), paths);

        Assert.Equal("/things/{thingId}/{thingId2}", templater.TemplateOf("/things/3/v3"));
        Assert.Equal("/things/{thingId}/{thingId2}", templater.TemplateOf("/things/3/v77"));
    }

    [Fact]
    public void A_few_api_versions_below_a_resource_stay_literal()
    {
        var templater = Observed(
            "/services/compute/v1/instances", "/services/compute/v2/instances", "/services/compute/v2/instances");

        Assert.Equal("/services/compute/v1/instances", templater.TemplateOf("/services/compute/v1/instances"));
        Assert.Equal("/services/compute/v2/instances", templater.TemplateOf("/services/compute/v2/instances"));
    }

    [Fact]
    public void Version_segments_may_be_parameters_when_allowed()
    {
        var paths = Enumerable.Range(1, 40).Select(i => $"/things/{i}/v{i}").ToList();
        var templater = Observed(new TemplatingOptions { VersionSegmentsMayBeParameters = true }, paths);

        Assert.Equal("/things/{thingId}/{thingId2}", templater.TemplateOf("/things/3/v3"));
    }

    [Fact]
    public void Names_are_unique_and_fall_back_to_id()
    {
        var templater = Observed("/users/1/2/3", "/api/77");

        Assert.Equal("/users/{userId}/{userId2}/{userId3}", templater.TemplateOf("/users/1/2/3"));
        var both = new PathTemplater(new TemplatingOptions { FirstSegmentMayBeParameter = true });
        both.Observe(Host, "/api/77/v1/55");
        Assert.Equal("/api/{id}/v1/{id2}", both.Resolve(Host, "/api/77/v1/55").Template);
    }

    [Fact]
    public void Spec_templates_win_and_other_paths_are_inferred()
    {
        var templater = Observed("/users/8812", "/users/me", "/internal/debug/42");
        templater.UseSpecTemplates(Host, ["/users/{id}", "/users/me", "/pets/{petId}/photos"]);

        var spec = templater.Resolve(Host, "/users/8812");
        Assert.Equal("/users/{id}", spec.Template);
        Assert.Equal("spec", spec.Reason);
        Assert.Equal(1.0, spec.Confidence);
        Assert.Equal("id", Assert.Single(spec.Parameters).Name);
        Assert.Equal("/users/me", templater.TemplateOf("/users/me"));
        Assert.Equal("spec", templater.Resolve(Host, "/pets/abc/photos").Reason);

        var shadow = templater.Resolve(Host, "/internal/debug/42");
        Assert.Equal("/internal/debug/{debugId}", shadow.Template);
        Assert.Equal("inferred", shadow.Reason);
    }

    [Fact]
    public void Spec_templates_apply_only_to_their_host()
    {
        var templater = Observed("/users/8812");
        templater.UseSpecTemplates("other.example.test", ["/users/{id}"]);

        Assert.Equal("/users/{userId}", templater.TemplateOf("/users/8812"));
    }

    [Fact]
    public void Resolving_an_earlier_template_yields_the_current_one()
    {
        var templater = new PathTemplater(new TemplatingOptions());
        var random = new Random(5);
        templater.Observe(Host, "/repos/torvalds/linux/issues/12");
        string early = templater.TemplateOf("/repos/torvalds/linux/issues/12");
        Assert.Equal("/repos/torvalds/linux/issues/{issueId}", early);

        for (int i = 0; i < 100; i++)
        {
            templater.Observe(Host, $"/repos/{Word(random)}/{Word(random)}/issues/{i}");
        }

        templater.Refresh();
        Assert.Equal("/repos/{repoId}/{repoId2}/issues/{issueId}", templater.TemplateOf(early));
        Assert.Equal("/repos/{repoId}/{repoId2}/issues/{issueId}", templater.TemplateOf("/repos/{repoId}/{repoId2}/issues/{issueId}"));
    }

    [Fact]
    public void Templates_follow_the_evidence_without_refresh_when_calls_interleave()
    {
        var templater = new PathTemplater(new TemplatingOptions());
        var random = new Random(6);
        string last = "";
        for (int i = 0; i < 2_000; i++)
        {
            string path = $"/users/{Word(random)}/posts";
            templater.Observe(Host, path);
            last = templater.TemplateOf(path);
        }

        Assert.Equal("/users/{userId}/posts", last);
    }

    [Fact]
    public void Unobserved_paths_are_templated_by_value_class()
    {
        var templater = Observed("/users/1");

        var result = templater.Resolve(Host, "/users/1/devices/550e8400-e29b-41d4-a716-446655440000");

        Assert.Equal("/users/{userId}/devices/{deviceId}", result.Template);
        Assert.Equal("unobserved", result.Reason);
        Assert.Equal("/never/seen/{seenId}", new PathTemplater(new TemplatingOptions()).Resolve("h", "/never/seen/5").Template);
    }

    [Fact]
    public void Empty_segments_and_the_root_are_handled()
    {
        var templater = Observed("/", "//users//8812/", "");

        Assert.Equal("/", templater.TemplateOf("/"));
        Assert.Equal("/users/{userId}", templater.TemplateOf("/users/8812/"));
    }

    [Fact]
    public void Resolving_a_known_path_reuses_the_compiled_template()
    {
        var templater = Observed("/users/1", "/users/2");

        Assert.Same(templater.Resolve(Host, "/users/1"), templater.Resolve(Host, "/users/99"));
    }
}
