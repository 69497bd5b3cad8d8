using System.Text;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Specs.Loading;
using ApiSentinel.Collector.Tests.Specs.Hostile;

namespace ApiSentinel.Collector.Tests.Specs.RealSpecs;

/// <summary>
/// A short seeded run of the spec fuzzer (the long one is <c>bench/SpecLoad fuzz</c>): mutations of real and
/// hostile documents end in a loaded spec or a <see cref="SpecException"/> — never another exception type.
/// </summary>
public sealed class SpecFuzzTests
{
    private const int Iterations = 600;

    private static readonly SpecBudget CaseBudget = new()
    {
        MaxNodes = 500_000,
        MaxExpandedChars = 8L * 1024 * 1024,
        MaxSchemaVisits = 1_000_000,
        MaxSchemaFields = 100_000,
    };

    [Fact]
    public void Mutated_documents_load_or_are_refused_with_a_spec_exception()
    {
        var seeds = Seeds();
        var random = new Random(6);
        var failures = new List<string>();
        for (var i = 0; i < Iterations; i++)
        {
            var input = SpecMutator.Mutate(seeds[random.Next(seeds.Count)], random);
            try
            {
                var spec = ApiSpec.Parse(Encoding.UTF8.GetString(input), "fuzz", CaseBudget);
                Assert.All(spec.Warnings, w => Assert.DoesNotContain(w.ToString(), c => char.IsControl(c)));
            }
            catch (SpecException e)
            {
                Assert.DoesNotContain(e.Message, c => char.IsControl(c));
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures.Add($"iteration {i}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    private static List<byte[]> Seeds()
    {
        var seeds = new List<byte[]>();
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(SpecFixtures.PathOf("x"))!).Order(StringComparer.Ordinal))
        {
            seeds.Add(File.ReadAllBytes(file));
        }

        seeds.Add(Encoding.UTF8.GetBytes(HostileSpecs.ReferenceCycle(3)));
        seeds.Add(Encoding.UTF8.GetBytes(HostileSpecs.CompositionFanOut(4, 3)));
        seeds.Add(Encoding.UTF8.GetBytes(HostileSpecs.AliasOfLongString(100, 10)));
        seeds.Add(Encoding.UTF8.GetBytes(HostileSpecs.MergeBomb(3)));
        if (RealSpecCorpus.FindTarball() is { } tarball)
        {
            // Twenty small real documents, by the same seeded choice as the loading test.
            var names = RealSpecCorpus.Names(tarball);
            var chosen = RealSpecCorpus.Sample(names, 60, 6).ToHashSet(StringComparer.Ordinal);
            seeds.AddRange(RealSpecCorpus.Read(tarball, chosen.Contains).Where(d => d.Content is { Length: < 64 * 1024 }).Take(20).Select(d => d.Content!));
        }

        return seeds;
    }
}
