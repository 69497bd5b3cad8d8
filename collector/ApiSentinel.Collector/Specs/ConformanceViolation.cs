namespace ApiSentinel.Collector.Specs;

/// <param name="Kind">One of <see cref="ViolationKinds"/>.</param>
/// <param name="Subject">What is wrong: a parameter, header, field path, status or credential kind.</param>
/// <param name="Evidence">What was observed against what the spec says (names and kinds only, never values).</param>
public sealed record ConformanceViolation(string Kind, string Subject, string Evidence);
