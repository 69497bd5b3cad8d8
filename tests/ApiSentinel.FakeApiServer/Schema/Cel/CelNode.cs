namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>The CEL syntax tree: what the parser makes and the evaluator walks.</summary>
internal abstract record CelNode;

/// <param name="Value">long, ulong, double, string, byte[], bool, or null.</param>
internal sealed record CelLiteral(object? Value) : CelNode;

internal sealed record CelIdent(string Name) : CelNode;

/// <summary><c>operand.field</c>; inside <c>has()</c> a presence test rather than a read.</summary>
internal sealed record CelSelect(CelNode Operand, string Field) : CelNode;

internal sealed record CelIndex(CelNode Operand, CelNode Index) : CelNode;

/// <summary>A function (<c>size(x)</c>, Target null) or method (<c>x.size()</c>) call.</summary>
internal sealed record CelCall(CelNode? Target, string Function, IReadOnlyList<CelNode> Args) : CelNode;

internal sealed record CelListLiteral(IReadOnlyList<CelNode> Items) : CelNode;

internal sealed record CelMapLiteral(IReadOnlyList<(CelNode Key, CelNode Value)> Entries) : CelNode;

/// <param name="Op"><c>!</c> or <c>-</c>.</param>
internal sealed record CelUnary(string Op, CelNode Operand) : CelNode;

internal sealed record CelBinary(string Op, CelNode Left, CelNode Right) : CelNode;

internal sealed record CelConditional(CelNode Condition, CelNode Then, CelNode Else) : CelNode;

/// <summary><c>has(operand.field)</c>.</summary>
internal sealed record CelHas(CelSelect Select) : CelNode;

/// <summary>
/// A comprehension macro over a list's elements or a map's keys: <c>all</c>, <c>exists</c>, <c>exists_one</c>,
/// <c>map</c> (with an optional filter: <c>map(x, p, t)</c>) and <c>filter</c>.
/// </summary>
internal sealed record CelComprehension(string Macro, CelNode Range, string Variable, CelNode? Filter, CelNode Body) : CelNode;
