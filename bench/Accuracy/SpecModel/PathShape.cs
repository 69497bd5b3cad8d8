namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>
/// A path template compared structurally: every <c>{name}</c> becomes <c>{}</c> (inside a segment too, so
/// <c>{name}.json</c> is <c>{}.json</c>), a trailing slash is ignored. <c>/users/{username}</c> and
/// <c>/users/{userId}</c> are the same template; <c>/files/{name}.json</c> and <c>/files/{file}</c> are not.
/// </summary>
internal static class PathShape
{
    public static string Of(string template)
    {
        var path = template.Length > 1 ? template.TrimEnd('/') : template;
        var result = new System.Text.StringBuilder(path.Length);
        var depth = 0;
        foreach (var c in path)
        {
            if (c == '{')
            {
                if (depth++ == 0)
                {
                    result.Append("{}");
                }
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                result.Append(c);
            }
        }
        return result.Length == 0 ? "/" : result.ToString();
    }

    /// <summary>The placeholder names of a template, in order (<c>{+name}</c> → <c>name</c>).</summary>
    public static IEnumerable<string> Placeholders(string template)
    {
        var start = -1;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                start = i + 1;
            }
            else if (template[i] == '}' && start >= 0)
            {
                yield return template[start..i];
                start = -1;
            }
        }
    }
}
