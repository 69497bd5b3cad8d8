namespace ApiSentinel.Collector.Templating;

/// <summary>
/// The template of a path the trie cannot place (never observed, or observed after the last compilation): the
/// matched prefix's template, then each remaining segment by its value class alone, under the same protection and
/// naming rules. Off the hot path; allocates.
/// </summary>
internal static class UnobservedTemplate
{
    private const double Confidence = 0.5;

    public static PathTemplate Build(
        TemplateNode? matched, ReadOnlySpan<char> path, ReadOnlySpan<Range> segments, int from, TemplatingOptions options)
    {
        var built = new List<TemplateSegment>(matched?.Segments ?? []);
        var parameters = new List<PathParameter>(matched?.Template.Parameters ?? []);
        bool prefixRun = true;
        foreach (var segment in built)
        {
            prefixRun = prefixRun && !segment.IsParameter && TemplateCompiler.IsPrefixSegment(segment.Text, options);
        }

        for (int i = from; i < segments.Length; i++)
        {
            ReadOnlySpan<char> segment = path[segments[i]];
            bool protectedPosition = prefixRun && !options.FirstSegmentMayBeParameter;
            if (CustomMethodSuffix.IsSuffix(segment))
            {
                built.Add(new TemplateSegment(segment.ToString(), false, null));
                continue;
            }

            if (PathSegments.IsPlaceholder(segment))
            {
                string name = ParameterNaming.MakeUnique(segment[1..^1].ToString(), built);
                parameters.Add(new PathParameter(name, i, "word", "placeholder of an earlier template"));
                built.Add(new TemplateSegment(name, true, null));
                prefixRun = false;
                continue;
            }

            ValueClass valueClass = segment.SequenceEqual(SegmentClassifier.RedactedMarker) ? ValueClass.Redacted
                : protectedPosition || (!options.VersionSegmentsMayBeParameters && SegmentClassifier.IsVersion(segment))
                ? ValueClass.None
                : SegmentClassifier.Classify(segment);
            if (valueClass == ValueClass.None)
            {
                string literal = segment.ToString();
                built.Add(new TemplateSegment(literal, false, ParameterNaming.BaseName(literal, options)));
                prefixRun = prefixRun && TemplateCompiler.IsPrefixSegment(segment, options);
            }
            else
            {
                string name = ParameterNaming.Name(built, valueClass);
                parameters.Add(new PathParameter(
                    name, i, ValueClassNames.Describe(valueClass), "value class: " + ValueClassNames.Describe(valueClass)));
                built.Add(new TemplateSegment(name, true, null));
                prefixRun = false;
            }
        }

        double confidence = Math.Min(matched?.Template.Confidence ?? 1.0, Confidence);
        return new PathTemplate(TemplateCompiler.Render(built), parameters, "unobserved", confidence);
    }
}
