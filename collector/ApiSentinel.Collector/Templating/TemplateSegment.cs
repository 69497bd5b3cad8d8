namespace ApiSentinel.Collector.Templating;

/// <summary>
/// One segment of a template under construction: a literal (with the name base it offers to a child parameter,
/// computed once) or a parameter name.
/// </summary>
internal readonly record struct TemplateSegment(string Text, bool IsParameter, string? UsableBaseName);
