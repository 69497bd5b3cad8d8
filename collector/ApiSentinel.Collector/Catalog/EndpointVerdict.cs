using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Catalog;

/// <summary>What one build concluded about an endpoint: spec state, findings, weak access patterns and risk.</summary>
internal sealed record EndpointVerdict(
    string SpecState,
    string? OperationId,
    IReadOnlyList<ConformanceViolation> Violations,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<AccessIssue> AccessIssues,
    RiskAssessment Risk);
