namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>One entry of <c>x-kubernetes-validations</c>.</summary>
public sealed record SchemaRule(string Rule, string? Message, string? MessageExpression, string? FieldPath, string? Reason);
