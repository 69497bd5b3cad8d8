namespace ApiSentinel.Collector.Templating;

/// <summary>
/// The template of a path: <c>/users/{userId}/orders</c>, its parameters, why it looks like this
/// (<c>spec</c>, <c>inferred</c>, <c>literal</c>, <c>unobserved</c>) and how sure the templater is (0–1).
/// </summary>
public sealed record PathTemplate(string Template, IReadOnlyList<PathParameter> Parameters, string Reason, double Confidence);

/// <summary>
/// One parameter of a template. <see cref="SegmentIndex"/> is 0-based over the non-empty segments;
/// <see cref="ValueClass"/> is the value class seen there (<c>integer</c>, <c>uuid</c>, <c>word</c>, several joined by
/// <c>|</c>) or <c>spec</c>.
/// </summary>
public sealed record PathParameter(string Name, int SegmentIndex, string ValueClass, string Reason);
