using System.Text;

namespace ApiSentinel.Collector.Templating;

/// <summary>
/// Names a parameter from its place in the template, so names are stable across runs and readable:
/// <list type="bullet">
/// <item>the parent segment is a usable literal: its singular, camel-cased, plus <c>Id</c> (<c>Date</c> for dates,
/// <c>Email</c> for e-mail addresses) — <c>/users/{userId}</c>, <c>/categories/{categoryId}</c>,
/// <c>/people/{personId}</c>, <c>/reports/{reportDate}</c>;</item>
/// <item>the parent is itself a parameter: the nearest usable literal ancestor gives the base and the uniqueness
/// suffix tells them apart — <c>/repos/{repoId}/{repoId2}</c> (the owner/name split cannot be known from traffic);</item>
/// <item>no usable literal before it (root, <c>api</c>, versions): <c>{id}</c>;</item>
/// <item>a name already used in the template gets the lowest free suffix 2, 3, …</item>
/// </list>
/// Names depend only on the template's own segments, never on arrival order.
/// </summary>
internal static class ParameterNaming
{
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["people"] = "person", ["children"] = "child", ["men"] = "man", ["women"] = "woman", ["mice"] = "mouse",
        ["geese"] = "goose", ["feet"] = "foot", ["teeth"] = "tooth", ["indices"] = "index", ["vertices"] = "vertex",
        ["matrices"] = "matrix", ["criteria"] = "criterion", ["analyses"] = "analysis", ["theses"] = "thesis",
        ["crises"] = "crisis", ["leaves"] = "leaf", ["knives"] = "knife", ["lives"] = "life", ["wives"] = "wife",
        ["wolves"] = "wolf", ["shelves"] = "shelf", ["halves"] = "half", ["movies"] = "movie", ["cookies"] = "cookie",
        ["zombies"] = "zombie", ["series"] = "series", ["species"] = "species", ["news"] = "news",
        ["quizzes"] = "quiz", ["aliases"] = "alias", ["canvases"] = "canvas", ["data"] = "data",
    };

    public static string Name(IReadOnlyList<TemplateSegment> parents, ValueClass classes)
    {
        string suffix = classes switch
        {
            ValueClass.Date => "Date",
            ValueClass.Email => "Email",
            _ => "Id",
        };

        string? baseName = null;
        for (int i = parents.Count - 1; i >= 0; i--)
        {
            if (!parents[i].IsParameter)
            {
                baseName = parents[i].UsableBaseName;
                break;
            }
        }

        string name = baseName is null ? "id" : baseName + suffix;
        return MakeUnique(name, parents);
    }

    public static string MakeUnique(string name, IReadOnlyList<TemplateSegment> parents)
    {
        if (!IsUsed(name, parents))
        {
            return name;
        }

        for (int n = 2; ; n++)
        {
            string candidate = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!IsUsed(candidate, parents))
            {
                return candidate;
            }
        }
    }

    private static bool IsUsed(string name, IReadOnlyList<TemplateSegment> parents)
    {
        foreach (var segment in parents)
        {
            if (segment.IsParameter && string.Equals(segment.Text, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The camel-cased singular of a literal segment, or null when it cannot name anything (prefixes, versions,
    /// numbers, segments with punctuation).
    /// </summary>
    public static string? BaseName(string literal, TemplatingOptions options)
    {
        if (literal.Length == 0 || !char.IsAsciiLetter(literal[0]) || SegmentClassifier.IsVersion(literal) ||
            IsApiPrefix(literal, options))
        {
            return null;
        }

        var words = new List<string>(3);
        int start = 0;
        for (int i = 0; i <= literal.Length; i++)
        {
            bool boundary = i == literal.Length || literal[i] is '-' or '_' or '.' or '~';
            if (boundary)
            {
                if (i > start)
                {
                    words.Add(literal[start..i]);
                }

                start = i + 1;
            }
            else if (!char.IsAsciiLetterOrDigit(literal[i]))
            {
                return null;
            }
        }

        if (words.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder(literal.Length + 2);
        for (int w = 0; w < words.Count; w++)
        {
            string word = w == words.Count - 1 ? SingularizeLastWord(words[w]) : words[w];
            builder.Append(w == 0 ? char.ToLowerInvariant(word[0]) : char.ToUpperInvariant(word[0]));
            builder.Append(word, 1, word.Length - 1);
        }

        return builder.ToString();
    }

    public static bool IsApiPrefix(string literal, TemplatingOptions options)
    {
        foreach (string prefix in options.ApiPrefixSegments)
        {
            if (string.Equals(prefix, literal, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Singularises the last camel-case hump: <c>userGroups</c> → <c>userGroup</c>.</summary>
    private static string SingularizeLastWord(string word)
    {
        int hump = 0;
        for (int i = word.Length - 1; i > 0; i--)
        {
            if (char.IsAsciiLetterUpper(word[i]))
            {
                hump = i;
                break;
            }
        }

        string tail = word[hump..];
        string lowerTail = tail.ToLowerInvariant();
        string singular = Singularize(lowerTail);
        if (ReferenceEquals(singular, lowerTail) || singular == lowerTail)
        {
            return word;
        }

        if (char.IsAsciiLetterUpper(tail[0]))
        {
            singular = char.ToUpperInvariant(singular[0]) + singular[1..];
        }

        return word[..hump] + singular;
    }

    /// <summary>Simple English singularisation; only lower-case words of letters are changed.</summary>
    public static string Singularize(string word)
    {
        if (Irregular.TryGetValue(word, out string? irregular))
        {
            return irregular;
        }

        int n = word.Length;
        if (n < 3 || !word.EndsWith('s') || word.AsSpan().ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz"))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && n > 4)
        {
            return word[..^3] + "y"; // categories, companies, policies
        }

        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal) ||
            word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("zzes", StringComparison.Ordinal) ||
            word.EndsWith("tches", StringComparison.Ordinal))
        {
            return word[..^2]; // addresses, boxes, wishes, buzzes, matches
        }

        if (word.EndsWith("ches", StringComparison.Ordinal) && n >= 5 && !IsVowel(word[n - 5]))
        {
            return word[..^2]; // branches, benches — but caches, niches keep their e
        }

        if (word.EndsWith("uses", StringComparison.Ordinal) && n >= 5 && !IsVowel(word[n - 5]))
        {
            return word[..^2]; // statuses, buses, bonuses — but houses, causes keep their e
        }

        if (word.EndsWith("ss", StringComparison.Ordinal) || word.EndsWith("us", StringComparison.Ordinal) ||
            word.EndsWith("is", StringComparison.Ordinal))
        {
            return word; // address, status, analysis are already singular
        }

        return word[..^1];
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
