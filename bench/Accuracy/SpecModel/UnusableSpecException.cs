namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>
/// A document the generator cannot turn into traffic (no operations, an external or dangling <c>$ref</c>, too
/// big, not OpenAPI). <see cref="Reason"/> is a short fixed phrase the report counts by, never document content.
/// </summary>
internal sealed class UnusableSpecException(string reason) : Exception(reason)
{
    public string Reason { get; } = reason;
}
