using System.Text.Json.Nodes;

namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>
/// Builds the JSON tree of a document from a stream of structural events (from the YAML or the JSON tokenizer),
/// iteratively, charging every node and character to the <see cref="SpecBudget"/> as it goes. Nothing recursive
/// ever sees a document deeper than <see cref="SpecBudget.MaxNestingDepth"/>, and alias expansion is charged by
/// what it produces, not by the size of the alias.
/// </summary>
/// <remarks>
/// Duplicate keys keep the first value (JSON leaves them undefined, YAML forbids them) and are reported.
/// YAML merge keys (<c>&lt;&lt;</c>) are applied when their mapping ends, so explicit keys win wherever they are.
/// </remarks>
internal sealed class JsonTreeBuilder(SpecBudget budget, SpecWarnings warnings, string sourceName, Func<string> location)
{
    private readonly Stack<Frame> _frames = new();
    private JsonNode? _root;
    private bool _rootSet;

    public long Nodes { get; private set; }

    public long AliasNodes { get; private set; }

    public long Chars { get; private set; }

    public int Depth => _frames.Count;

    /// <summary>The document's root, once its last event has been seen.</summary>
    public JsonNode? Root => _rootSet && _frames.Count == 0 ? _root : throw new InvalidOperationException("the document is not complete");

    public bool IsComplete => _rootSet && _frames.Count == 0;

    public void StartObject() => Start(new JsonObject());

    public void StartArray() => Start(new JsonArray());

    /// <summary>Ends the innermost container and returns it (so an anchored node can be remembered).</summary>
    public JsonNode End()
    {
        var frame = _frames.Pop();
        if (frame.Merges is { } merges && frame.Container is JsonObject target)
        {
            ApplyMerges(target, merges);
        }

        Attach(frame.Container);
        return frame.Container;
    }

    public void Key(string name)
    {
        ChargeChars(name.Length);
        var frame = _frames.Peek();
        frame.PendingKey = name;
        frame.PendingIsMerge = false;
    }

    /// <summary>A YAML merge key: the next value's entries fill in what the mapping does not define itself.</summary>
    public void MergeKey()
    {
        ChargeChars(2);
        var frame = _frames.Peek();
        frame.PendingKey = "<<";
        frame.PendingIsMerge = true;
    }

    public void Value(JsonNode? scalar, int chars)
    {
        Charge(chars);
        Attach(scalar);
    }

    /// <summary>A use of an anchored node, charged with what the anchor produced, then copied in.</summary>
    public void Alias(JsonNode? anchored, long nodes, long chars)
    {
        ChargeAlias(nodes);
        Nodes += nodes - 1;
        Charge(chars);
        var frame = _frames.Count > 0 ? _frames.Peek() : null;
        if (frame is { PendingIsMerge: true } && anchored is JsonObject source)
        {
            // No copy yet: the entries are copied when the mapping ends, and only those it does not define.
            (frame.Merges ??= []).Add(source);
            frame.PendingKey = null;
            frame.PendingIsMerge = false;
            return;
        }

        Attach(anchored?.DeepClone());
    }

    private void Start(JsonNode container)
    {
        if (_frames.Count + 1 > budget.MaxNestingDepth)
        {
            throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxNestingDepth), budget.MaxNestingDepth, "levels of nesting", location());
        }

        Charge(0);
        _frames.Push(new Frame(container));
    }

    private void Charge(long chars)
    {
        if (++Nodes > budget.MaxNodes)
        {
            throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxNodes), budget.MaxNodes, "values after alias expansion", location());
        }

        ChargeChars(chars);
    }

    private void ChargeAlias(long nodes)
    {
        AliasNodes += nodes;
        if (AliasNodes > budget.MaxAliasNodes)
        {
            throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxAliasNodes), budget.MaxAliasNodes, "values copied by aliases and merge keys", location());
        }
    }

    private void ChargeChars(long chars)
    {
        Chars += chars;
        if (Chars > budget.MaxExpandedChars)
        {
            throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxExpandedChars), budget.MaxExpandedChars, "characters after alias expansion", location());
        }
    }

    private void Attach(JsonNode? node)
    {
        if (_frames.Count == 0)
        {
            if (_rootSet)
            {
                throw new SpecException($"{sourceName}: more than one document value at {location()}");
            }

            _root = node;
            _rootSet = true;
            return;
        }

        var frame = _frames.Peek();
        switch (frame.Container)
        {
            case JsonArray array:
                array.Add(node);
                break;
            case JsonObject obj:
                var key = frame.PendingKey ?? throw new SpecException($"{sourceName}: a mapping value without a key at {location()}");
                frame.PendingKey = null;
                if (frame.PendingIsMerge)
                {
                    frame.PendingIsMerge = false;
                    AddMergeSources(frame, node);
                    break;
                }

                if (!obj.TryAdd(key, node))
                {
                    warnings.Add(SpecWarningKinds.Structure, PointerOf(key), "duplicate key (the first value is used)");
                }

                break;
        }
    }

    private void AddMergeSources(Frame frame, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject source:
                (frame.Merges ??= []).Add(source);
                break;
            case JsonArray sources:
                foreach (var item in sources)
                {
                    if (item is JsonObject each)
                    {
                        (frame.Merges ??= []).Add(each);
                    }
                }

                break;
            default:
                warnings.Add(SpecWarningKinds.Structure, PointerOf("<<"), "merge key whose value is not a mapping (ignored)");
                break;
        }
    }

    private void ApplyMerges(JsonObject target, List<JsonObject> merges)
    {
        foreach (var source in merges)
        {
            foreach (var (name, value) in source)
            {
                if (!target.ContainsKey(name))
                {
                    // Charged before copying, like an alias: merge keys of merge keys grow geometrically.
                    var (nodes, chars) = Measure(value);
                    ChargeAlias(nodes);
                    Nodes += nodes;
                    Charge(chars + name.Length);
                    target[name] = value?.DeepClone();
                }
            }
        }
    }

    /// <summary>Values and characters of a subtree, counted iteratively, stopping once past the alias budget.</summary>
    private (long Nodes, long Chars) Measure(JsonNode? node)
    {
        long nodes = 0;
        long chars = 0;
        var pending = new Stack<JsonNode?>();
        pending.Push(node);
        while (pending.Count > 0 && AliasNodes + nodes <= budget.MaxAliasNodes)
        {
            var current = pending.Pop();
            nodes++;
            switch (current)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        chars += key.Length;
                        pending.Push(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        pending.Push(child);
                    }

                    break;
                case JsonValue value when value.TryGetValue<string>(out var text):
                    chars += text.Length;
                    break;
            }
        }

        return (nodes + pending.Count, chars);
    }

    private string PointerOf(string key)
    {
        var tokens = new List<string>(_frames.Count + 1) { key };
        var frames = _frames.ToArray();
        // Frames are innermost first; each one's key in its parent is held by the parent's frame.
        for (var i = 1; i < frames.Length; i++)
        {
            var parent = frames[i];
            tokens.Add(parent.Container is JsonArray array ? array.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : parent.PendingKey ?? "");
        }

        tokens.Reverse();
        return JsonPointer.Of(tokens);
    }

    private sealed class Frame(JsonNode container)
    {
        public JsonNode Container { get; } = container;

        public string? PendingKey { get; set; }

        public bool PendingIsMerge { get; set; }

        public List<JsonObject>? Merges { get; set; }
    }
}
