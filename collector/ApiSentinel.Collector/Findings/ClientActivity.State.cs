using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// State export of one client: address, last call time and each tracker that holds anything. A recycled client keeps
/// empty trackers that a new one would create on first need; both are written as absent, so the bytes do not
/// depend on which clients happened to be recycled.
/// </summary>
internal sealed partial class ClientActivity
{
    public void WriteState(StateWriter writer)
    {
        writer.WriteString(Address);
        writer.WriteLong(LastSeenMicros);
        writer.WriteBool(_scanner is { IsEmpty: false });
        if (_scanner is { IsEmpty: false })
        {
            _scanner.WriteState(writer);
        }
        writer.WriteBool(_enumeration is { IsEmpty: false });
        if (_enumeration is { IsEmpty: false })
        {
            _enumeration.WriteState(writer);
        }
        writer.WriteBool(_authFailures is { IsEmpty: false });
        if (_authFailures is { IsEmpty: false })
        {
            _authFailures.WriteState(writer);
        }
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
