using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of one client: address, last call time and each tracker it has.</summary>
internal sealed partial class ClientActivity
{
    public void WriteState(StateWriter writer)
    {
        writer.WriteString(Address);
        writer.WriteLong(LastSeenMicros);
        writer.WriteBool(_scanner is not null);
        _scanner?.WriteState(writer);
        writer.WriteBool(_enumeration is not null);
        _enumeration?.WriteState(writer);
        writer.WriteBool(_authFailures is not null);
        _authFailures?.WriteState(writer);
    }

    public static ClientActivity ReadState(StateReader reader, SourceWindows source, FindingOptions options, FindingCounters counters)
    {
        var client = new ClientActivity(reader.ReadString(), source, options, counters)
        {
            LastSeenMicros = reader.ReadLong(),
        };
        if (reader.ReadBool())
        {
            (client._scanner = new ScannerTracker(options, counters)).ReadState(reader);
        }
        if (reader.ReadBool())
        {
            (client._enumeration = new EnumerationTracker(options, counters)).ReadState(reader);
        }
        if (reader.ReadBool())
        {
            (client._authFailures = new AuthFailureTracker(options, counters)).ReadState(reader);
        }
        return client;
    }
}
