namespace ApiSentinel.Collector.Risk;

/// <summary>
/// A weak access-control pattern seen on an endpoint (<see cref="AccessIssueKinds"/>), with its evidence. Found by
/// <see cref="AccessAnalysis"/>; the catalog lists them per endpoint and the access-control factor scores them.
/// </summary>
public sealed record AccessIssue(string Kind, string Evidence);
