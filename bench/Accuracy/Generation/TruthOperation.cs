namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>Ground truth of one operation: where it lives, whether it is left out of the published spec, what
/// sensitive types its traffic carried, and how often it was called.</summary>
internal sealed record TruthOperation(
    string Spec,
    string OperationId,
    string Host,
    string Method,
    string Path,
    bool Shadow,
    int Calls,
    IReadOnlySet<string> SensitiveTypes,
    bool OwnSpec);
