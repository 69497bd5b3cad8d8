using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of the window events (positional record structs), every member in declaration order.</summary>
internal static class EventState
{
    public static void Write(StateWriter writer, ScanEvent scan)
    {
        writer.WriteLong(scan.TimestampMicros);
        writer.WriteKey(scan.Endpoint);
        writer.WriteBool(scan.Answered);
        writer.WriteBool(scan.NotFound);
        writer.WriteNullableString(scan.Tool);
    }

    public static ScanEvent ReadScan(StateReader reader) =>
        new(reader.ReadLong(), reader.ReadKey(), reader.ReadBool(), reader.ReadBool(), reader.ReadNullableString());

    public static void Write(StateWriter writer, IdEvent call)
    {
        writer.WriteLong(call.TimestampMicros);
        writer.WriteLong(call.Id);
        writer.WriteBool(call.Answered);
        writer.WriteBool(call.Succeeded);
    }

    public static IdEvent ReadId(StateReader reader) =>
        new(reader.ReadLong(), reader.ReadLong(), reader.ReadBool(), reader.ReadBool());

    public static void Write(StateWriter writer, AuthFailureEvent failure)
    {
        writer.WriteLong(failure.TimestampMicros);
        writer.WriteKey(failure.Endpoint);
        writer.WriteInt(failure.Status);
    }

    public static AuthFailureEvent ReadAuthFailure(StateReader reader) =>
        new(reader.ReadLong(), reader.ReadKey(), reader.ReadInt());

    public static void Write(StateWriter writer, IdStreamKey stream)
    {
        writer.WriteKey(stream.Endpoint);
        writer.WriteInt(stream.Position);
    }

    public static IdStreamKey ReadStream(StateReader reader) => new(reader.ReadKey(), reader.ReadInt());

    public static void Write(StateWriter writer, IdRun run)
    {
        writer.WriteLong(run.First);
        writer.WriteLong(run.Last);
        writer.WriteInt(run.Length);
    }

    public static IdRun ReadRun(StateReader reader) => new(reader.ReadLong(), reader.ReadLong(), reader.ReadInt());
}
