namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Hands out one shared <see cref="FieldShape"/> per (name, kind), and one shared list per identical sequence of
/// shapes, so that the shapes of every record of a busy endpoint cost no allocation after the first. Names and
/// kinds must themselves be shared strings (interned by the caller). Bounded; beyond the bound, new shapes and
/// lists are allocated and not remembered.
/// </summary>
internal sealed class FieldShapePool
{
    public const int Capacity = 16384;

    private readonly Dictionary<(string, string), FieldShape> _shapes = new(ReferencePairComparer.Instance);
    private readonly SharedListPool<FieldShape> _lists = new();

    public FieldShape Get(string name, string kind)
    {
        if (_shapes.TryGetValue((name, kind), out var shape))
        {
            return shape;
        }
        shape = new FieldShape(name, kind);
        if (_shapes.Count < Capacity)
        {
            _shapes[(name, kind)] = shape;
        }
        return shape;
    }

    public IReadOnlyList<FieldShape> List(List<FieldShape> shapes) => _lists.Get(shapes);
}
