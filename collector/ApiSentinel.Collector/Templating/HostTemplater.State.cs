using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Templating;

/// <summary>
/// State export of one host's templating: the observation trie, the trie compiled from it last and the lazy
/// recompilation's bookkeeping, so an imported host recompiles exactly when the original would have. The spec
/// templates are configuration, given again on import.
/// </summary>
internal sealed partial class HostTemplater
{
    public bool HasObservations => _root.Count > 0;

    public void WriteState(StateWriter writer)
    {
        _root.WriteState(writer);
        writer.WriteBool(_compiled is not null);
        _compiled?.WriteState(writer);
        writer.WriteLong(_pendingCalls);
        writer.WriteBool(_shapeChanged);
        writer.WriteBool(_compiledSettled);
        writer.WriteBool(_refreshed);
        writer.WriteInt(NodeCount);
        writer.WriteInt(TrackedLiteralCount);
        writer.WriteLong(TruncatedCalls);
    }

    /// <summary>Fills a host that has observed nothing yet.</summary>
    public void ReadState(StateReader reader)
    {
        if (HasObservations)
        {
            throw new InvalidOperationException("state is imported into a fresh catalog only");
        }
        var nodes = _root.ReadState(reader);
        _compiled = reader.ReadBool() ? TemplateNode.ReadState(reader) : null;
        _pendingCalls = reader.ReadNonNegative();
        _shapeChanged = reader.ReadBool();
        _compiledSettled = reader.ReadBool();
        _refreshed = reader.ReadBool();
        NodeCount = reader.ReadInt();
        TrackedLiteralCount = reader.ReadInt();
        TruncatedCalls = reader.ReadNonNegative();
        if (NodeCount != nodes)
        {
            throw reader.Corrupt("trie node count mismatch");
        }
    }
}
