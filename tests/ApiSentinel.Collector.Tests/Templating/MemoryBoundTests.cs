using ApiSentinel.Collector.Templating;
using static ApiSentinel.Collector.Tests.Templating.TemplaterFixture;

namespace ApiSentinel.Collector.Tests.Templating;

public class MemoryBoundTests
{
    [Fact]
    public void A_million_distinct_word_ids_keep_the_trie_bounded()
    {
        var options = new TemplatingOptions();
        var templater = new PathTemplater(options);
        var random = new Random(21);
        for (int i = 0; i < 1_000_000; i++)
        {
            templater.Observe(Host, $"/users/{Word(random, 10)}/profile");
        }

        // One stored literal per node below the cap: users, profile under each stored user, the cap's worth of users.
        Assert.InRange(templater.TrackedLiteralCount, options.MaxTrackedLiteralsPerNode, (2 * options.MaxTrackedLiteralsPerNode) + 2);
        Assert.Equal("/users/{userId}/profile", templater.TemplateOf("/users/zzzzzzzzzz/profile"));
        Assert.StartsWith("cardinality: at least", templater.Resolve(Host, "/users/zzzzzzzzzz/profile").Parameters[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_million_distinct_numeric_ids_cost_one_node()
    {
        var templater = new PathTemplater(new TemplatingOptions());
        for (int i = 0; i < 1_000_000; i++)
        {
            templater.Observe(Host, "/orders/" + i);
        }

        Assert.Equal(1, templater.TrackedLiteralCount);
        Assert.Equal(3, templater.NodeCount);
    }

    [Fact]
    public void The_per_host_node_budget_is_enforced_and_counted()
    {
        var options = new TemplatingOptions { MaxNodesPerHost = 100 };
        var templater = new PathTemplater(options);
        var random = new Random(22);
        for (int i = 0; i < 10_000; i++)
        {
            templater.Observe(Host, $"/{Word(random)}/{Word(random)}/{Word(random)}");
        }

        Assert.InRange(templater.NodeCount, 1, 100);
        Assert.True(templater.TruncatedCalls > 0);
        Assert.NotNull(templater.Resolve(Host, "/a/b/c"));
    }
}
