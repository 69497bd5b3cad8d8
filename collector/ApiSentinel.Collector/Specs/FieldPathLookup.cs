namespace ApiSentinel.Collector.Specs;

/// <summary>
/// Finds the spec entry that documents an observed body field path, honouring <c>.*</c> map entries and fields
/// under an <c>any</c> entry (free-form or cut schemas).
/// </summary>
internal static class FieldPathLookup
{
    /// <returns>The documenting type expression, or null when the field is undocumented.</returns>
    public static string? Find(IReadOnlyDictionary<string, string> specFields, string observedPath)
    {
        if (specFields.TryGetValue(observedPath, out var exact))
        {
            return exact;
        }

        var steps = Steps(observedPath);
        if (steps is null)
        {
            return null;
        }

        // Walk step by step; the candidate set stays tiny (a literal name and possibly a ".*" entry).
        var candidates = new List<string> { "$" };
        foreach (var step in steps)
        {
            var next = new List<string>(2);
            foreach (var candidate in candidates)
            {
                if (!specFields.TryGetValue(candidate, out var type))
                {
                    continue;
                }

                if (type == SchemaTypeExpression.Any)
                {
                    return SchemaTypeExpression.Any;
                }

                AddIfPresent(specFields, next, candidate + step);
                if (step[0] == '.')
                {
                    AddIfPresent(specFields, next, candidate + ".*");
                }
            }

            if (next.Count == 0)
            {
                return null;
            }

            candidates = next;
        }

        return specFields[candidates[0]];
    }

    /// <summary>Whether <paramref name="path"/> lies below <paramref name="ancestor"/> (<c>$.a.b</c> and <c>$.a[*]</c> are under <c>$.a</c>).</summary>
    public static bool IsUnder(string path, string ancestor) =>
        path.Length > ancestor.Length && path.StartsWith(ancestor, StringComparison.Ordinal) &&
        path[ancestor.Length] is '.' or '[';

    private static List<string>? Steps(string path)
    {
        if (!path.StartsWith('$'))
        {
            return null;
        }

        var steps = new List<string>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                steps.Add(path[i..end]);
                i = end;
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0)
                {
                    return null;
                }

                // Any index form ([0], [*]) is an array element.
                steps.Add("[*]");
                i = close + 1;
            }
            else
            {
                return null;
            }
        }

        return steps;
    }

    private static void AddIfPresent(IReadOnlyDictionary<string, string> fields, List<string> list, string path)
    {
        if (fields.ContainsKey(path) && !list.Contains(path))
        {
            list.Add(path);
        }
    }
}
