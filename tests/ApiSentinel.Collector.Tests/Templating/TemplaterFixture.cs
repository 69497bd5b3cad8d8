using ApiSentinel.Collector.Templating;

namespace ApiSentinel.Collector.Tests.Templating;

/// <summary>Shorthands shared by the templating tests.</summary>
internal static class TemplaterFixture
{
    public const string Host = "api.example.test";

    public static PathTemplater Observed(params string[] paths) => Observed(new TemplatingOptions(), paths);

    public static PathTemplater Observed(TemplatingOptions options, IEnumerable<string> paths)
    {
        var templater = new PathTemplater(options);
        foreach (string path in paths)
        {
            templater.Observe(Host, path);
        }

        return templater;
    }

    public static string TemplateOf(this PathTemplater templater, string path) => templater.Resolve(Host, path).Template;

    /// <summary>Word-like values that no value class matches, so only cardinality can make them parameters.</summary>
    public static string Word(Random random, int length = 7)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        return string.Create(length, random, (span, r) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = letters[r.Next(letters.Length)];
            }
        });
    }
}
