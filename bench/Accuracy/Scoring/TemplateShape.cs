namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>
/// A path template compared structurally: literal segments as they are, every parameter segment as <c>{}</c>,
/// so <c>/users/{username}</c> and <c>/users/{userId}</c> are the same template.
/// </summary>
internal static class TemplateShape
{
    public static string Of(string template) =>
        string.Join('/', template.Split('/').Select(s => s.StartsWith('{') && s.EndsWith('}') ? "{}" : s));

    public static string Key(string host, string method, string template) => $"{host} {method} {Of(template)}";

    /// <summary>Whether a concrete path (a probed path) is an instance of a template.</summary>
    public static bool Matches(string template, string path)
    {
        var expected = template.Split('/');
        var actual = path.Split('?')[0].Split('/');
        return expected.Length == actual.Length &&
            expected.Zip(actual).All(p => p.First.StartsWith('{') || string.Equals(p.First, Uri.UnescapeDataString(p.Second), StringComparison.Ordinal));
    }
}
