namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>The depth of a syntax tree, measured without recursion (the tree may be deeper than the stack allows).</summary>
internal static class CelTreeDepth
{
    public static int Of(CelNode root)
    {
        var max = 0;
        var pending = new Stack<(CelNode Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            max = Math.Max(max, depth);
            foreach (var child in Children(node))
            {
                pending.Push((child, depth + 1));
            }
        }
        return max;
    }

    private static IEnumerable<CelNode> Children(CelNode node) => node switch
    {
        CelSelect s => [s.Operand],
        CelHas h => [h.Select.Operand],
        CelIndex i => [i.Operand, i.Index],
        CelCall c => c.Target is null ? c.Args : [c.Target, .. c.Args],
        CelListLiteral l => l.Items,
        CelMapLiteral m => m.Entries.SelectMany(e => new[] { e.Key, e.Value }),
        CelUnary u => [u.Operand],
        CelBinary b => [b.Left, b.Right],
        CelConditional c => [c.Condition, c.Then, c.Else],
        CelComprehension c => c.Filter is null ? [c.Range, c.Body] : [c.Range, c.Filter, c.Body],
        _ => [],
    };
}
