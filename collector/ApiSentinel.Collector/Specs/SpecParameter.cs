namespace ApiSentinel.Collector.Specs;

/// <summary>
/// One declared parameter of an operation. <paramref name="In"/> is <c>query</c>, <c>header</c>, <c>path</c> or
/// <c>cookie</c>; <paramref name="Type"/> is a field type expression (see <see cref="SchemaTypeExpression"/>).
/// </summary>
public sealed record SpecParameter(string Name, string In, bool Required, string Type, string? Format);
