using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Templating;

/// <summary>State export of the observation trie: every field, in declaration order; words in ordinal order.</summary>
internal sealed partial class ObservedNode
{
    public void WriteState(StateWriter writer)
    {
        var words = _words is null ? [] : _words.Keys.ToArray();
        Array.Sort(words, StringComparer.Ordinal);
        writer.WriteCount(words.Length);
        foreach (var word in words)
        {
            writer.WriteString(word);
            _words![word].WriteState(writer);
        }
        writer.WriteLong(Count);
        writer.WriteLong(Ends);
        writer.WriteBool(Values is not null);
        Values?.WriteState(writer);
        writer.WriteInt((int)ValueClasses);
        writer.WriteBool(Overflowed);
        Shape.WriteState(writer);
    }

    /// <summary>Fills this (new) node from the state; returns the nodes read, this one included.</summary>
    public int ReadState(StateReader reader)
    {
        using var depth = reader.Nested();
        var nodes = 1;
        var words = reader.ReadCount();
        for (var i = 0; i < words; i++)
        {
            var word = reader.ReadString();
            if (_words?.ContainsKey(word) == true)
            {
                throw reader.Corrupt("repeated trie word");
            }
            nodes += AddWord(word).ReadState(reader);
        }
        Count = reader.ReadNonNegative();
        Ends = reader.ReadNonNegative();
        if (reader.ReadBool())
        {
            nodes += GetOrAddValues(out _).ReadState(reader);
        }
        ValueClasses = (ValueClass)reader.ReadInt();
        Overflowed = reader.ReadBool();
        Shape.ReadState(reader);
        return nodes;
    }
}
