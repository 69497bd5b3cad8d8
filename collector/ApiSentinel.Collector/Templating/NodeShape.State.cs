using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Templating;

/// <summary>State export of a node's shape signature: every field, in declaration order.</summary>
internal partial struct NodeShape
{
    public readonly void WriteState(StateWriter writer)
    {
        writer.WriteInt(Methods);
        writer.WriteInt(Responses);
        writer.WriteBool(HasFields);
        writer.WriteUInt(ResponseBits);
        writer.WriteUInt(QueryBits);
    }

    public void ReadState(StateReader reader)
    {
        Methods = Byte(reader);
        Responses = Byte(reader);
        HasFields = reader.ReadBool();
        ResponseBits = reader.ReadUInt();
        QueryBits = reader.ReadUInt();
    }

    private static byte Byte(StateReader reader)
    {
        var value = reader.ReadInt();
        return value is >= 0 and <= byte.MaxValue ? (byte)value : throw reader.Corrupt("shape byte out of range");
    }
}
