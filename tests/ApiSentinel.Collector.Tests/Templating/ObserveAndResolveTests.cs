using ApiSentinel.Collector.Templating;
using ApiSentinel.Contract;
using static ApiSentinel.Collector.Tests.Templating.TemplaterFixture;

namespace ApiSentinel.Collector.Tests.Templating;

/// <summary>
/// The catalog's one-walk path (<see cref="PathTemplater.ObserveAndResolve"/>) must give exactly what Observe then
/// Resolve give, call by call, and its cache of unobserved templates must be bounded, counted and dropped when the
/// host recompiles.
/// </summary>
public sealed class ObserveAndResolveTests
{
    private static readonly string[] Resources = ["users", "orders", "products", "jobs", "files", "entries"];

    /// <summary>Every path shape the two walks treat separately: ids, words, custom methods, placeholders, depth, redaction.</summary>
    private static string Path(Random random)
    {
        var resource = Resources[random.Next(Resources.Length)];
        return random.Next(14) switch
        {
            0 => $"/api/v1/{resource}/{random.Next(100_000)}",
            1 => $"/api/v1/{resource}/{Uuid(random)}/orders/{random.Next(50)}",
            2 => $"/{resource}/{Word(random, 5)}/reviews",
            3 => $"/v1/{resource}/{Word(random, 4)}-{random.Next(9)}:cancel",
            4 => $"/v1/{resource}:search",
            5 => $"/files/REDACTED/{resource}",
            6 => $"/api/v2/{resource}/v{random.Next(3)}.{random.Next(3)}.{random.Next(3)}",
            7 => "/" + string.Join('/', Enumerable.Range(0, 70).Select(i => i % 5 == 0 ? random.Next(9).ToString() : "s" + (i % 7))),
            8 => random.Next(2) == 0 ? "/" : "//",
            9 => $"/{resource}/{{id}}/items",
            10 => $"//{resource}//{random.Next(20)}//",
            11 => $"/entries/{Word(random, 2)}/{Word(random, 6)}/{resource}",
            12 => $"/api/v1/{resource}/me",
            _ => $"/api/v1/{resource}",
        };
    }

    private static Guid Uuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static void AssertSame(PathTemplate expected, PathTemplate actual, string path)
    {
        Assert.True(expected.Template == actual.Template, $"{path}: {expected.Template} vs {actual.Template}");
        Assert.Equal((expected.Reason, expected.Confidence), (actual.Reason, actual.Confidence));
        Assert.Equal(expected.Parameters, actual.Parameters);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void One_walk_gives_what_observe_then_resolve_give_call_by_call(int seed, bool spec)
    {
        var random = new Random(seed);
        var twoPass = new PathTemplater(new TemplatingOptions());
        var oneWalk = new PathTemplater(new TemplatingOptions());
        if (spec)
        {
            string[] declared = ["/api/v1/users/{userId}", "/v1/jobs/{name}:cancel", "/files/{file}/orders"];
            twoPass.UseSpecTemplates(Host, declared);
            oneWalk.UseSpecTemplates(Host, declared);
        }
        var state = oneWalk.HostState(Host);
        int stable = 0, unobserved = 0;
        for (int i = 0; i < 6_000; i++)
        {
            var path = Path(random);
            var call = Call(path, fields: random.Next(3) == 0 ? ["id", "name"] : ["id"], status: random.Next(10) == 0 ? 404 : 200);
            twoPass.Observe(Host, path, call);
            var expected = twoPass.Resolve(Host, path);
            var actual = oneWalk.ObserveAndResolve(state, path, call, out bool isStable);
            AssertSame(expected, actual, path);
            stable += isStable ? 1 : 0;
            unobserved += actual.Reason == "unobserved" ? 1 : 0;
            if (i % 1_500 == 1_499)
            {
                twoPass.Refresh();
                oneWalk.Refresh();
            }
        }

        // Both ways of the one walk were taken: the compiled trie held most paths, and some were newer than it. A
        // host with spec templates takes the two-pass way (the spec is matched on whole segments first): never stable.
        Assert.True(spec ? stable == 0 : stable > 1_000, $"stable {stable}");
        Assert.True(unobserved > 0);
        Assert.Equal(twoPass.TruncatedCalls, oneWalk.TruncatedCalls);
        Assert.Equal(twoPass.NodeCount, oneWalk.NodeCount);
    }

    /// <summary>Observed trie with many nodes, so a few more calls do not make it due for recompiling.</summary>
    private static PathTemplater Compiled(out HostTemplater state)
    {
        var templater = new PathTemplater(new TemplatingOptions());
        state = templater.HostState(Host);
        foreach (var resource in Enumerable.Range(0, 300).Select(i => "resource" + i))
        {
            templater.Observe(Host, "/" + resource + "/list");
        }

        templater.Refresh();
        return templater;
    }

    [Fact]
    public void A_path_newer_than_the_compilation_gets_one_cached_template_until_the_host_recompiles()
    {
        var templater = Compiled(out var state);
        var first = templater.ObserveAndResolve(state, "/resource7/list/brand-new", null, out bool firstStable);
        var second = templater.ObserveAndResolve(state, "/resource7/list/brand-new", null, out bool secondStable);
        Assert.Equal("unobserved", first.Reason);
        Assert.True(firstStable && secondStable);
        Assert.Same(first, second);
        Assert.Equal(1, state.Unobserved.Count);

        templater.Refresh();
        Assert.Equal(0, state.Unobserved.Count);
        var compiled = templater.ObserveAndResolve(state, "/resource7/list/brand-new", null, out bool compiledStable);
        Assert.NotEqual("unobserved", compiled.Reason);
        Assert.True(compiledStable);
        Assert.Equal(0, templater.UnobservedTemplatesNotCached);
    }

    [Fact]
    public void A_path_too_long_to_cache_is_resolved_each_time_and_counted()
    {
        var templater = Compiled(out var state);
        string path = "/resource7/list/" + string.Join('/', Enumerable.Repeat("deep", 200));
        var first = templater.ObserveAndResolve(state, path, null, out _);
        var second = templater.ObserveAndResolve(state, path, null, out _);
        Assert.Equal(first.Template, second.Template);
        Assert.NotSame(first, second);
        Assert.Equal(0, state.Unobserved.Count);
        Assert.True(templater.UnobservedTemplatesNotCached >= 1);
    }

    [Fact]
    public void The_cache_is_bounded_across_hosts_and_what_it_refuses_is_counted_and_still_resolved()
    {
        var templater = new PathTemplater(new TemplatingOptions());
        var reference = new PathTemplater(new TemplatingOptions());
        var hosts = new[] { "a.test", "b.test" };
        foreach (var host in hosts)
        {
            // 4,369 nodes (every position within the stored-word bound), so 2,600 more calls leave the host undue.
            foreach (var path in Enumerable.Range(0, 4_096).Select(Nested))
            {
                templater.Observe(host, path);
                reference.Observe(host, path);
            }
        }

        templater.Refresh();
        reference.Refresh();
        int paths = 0;
        // Distinct new paths on both hosts, more than the shared budget holds, fewer than would make a host due.
        for (int i = 0; i < 2_600; i++)
        {
            foreach (var host in hosts)
            {
                var path = Nested(i) + "/fresh" + i;
                reference.Observe(host, path);
                var expected = reference.Resolve(host, path);
                var actual = templater.ObserveAndResolve(templater.HostState(host), path, null, out _);
                AssertSame(expected, actual, path);
                paths++;
            }
        }

        int held = hosts.Sum(h => templater.HostState(h).Unobserved.Count);
        Assert.Equal(UnobservedTemplateBudget.DefaultEntries, held);
        Assert.Equal(paths - held, templater.UnobservedTemplatesNotCached);
    }

    private static string Nested(int i) => $"/a{i % 16}/b{i / 16 % 16}/c{i / 256 % 16}";

    [Fact]
    public void The_budget_is_given_back_when_a_cache_is_dropped()
    {
        var budget = new UnobservedTemplateBudget(2);
        var cache = new UnobservedTemplateCache();
        var compiled = new TemplateNode([], new PathTemplate("/", [], "literal", 1));
        var template = new PathTemplate("/x", [], "unobserved", 0.5);
        Assert.True(cache.TryAdd(compiled, "/a", template, budget));
        Assert.True(cache.TryAdd(compiled, "/b", template, budget));
        Assert.False(cache.TryAdd(compiled, "/c", template, budget));
        Assert.Equal((0, 1L), (budget.Free, budget.Refused));
        Assert.True(cache.TryGet(compiled, "/a", out _));
        Assert.False(cache.TryGet(compiled, "/c", out _));

        // Another compilation: the entries are stale, and adding for it drops them first.
        var recompiled = new TemplateNode([], new PathTemplate("/", [], "literal", 1));
        Assert.False(cache.TryGet(recompiled, "/a", out _));
        Assert.True(cache.TryAdd(recompiled, "/c", template, budget));
        Assert.Equal(1, cache.Count);
        cache.Clear();
        Assert.Equal(2, budget.Free);
    }
}
