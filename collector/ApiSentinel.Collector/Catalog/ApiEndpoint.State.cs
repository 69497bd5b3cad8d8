using ApiSentinel.Collector.Catalog.State;
using ApiSentinel.Collector.Templating;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// State export of an endpoint's aggregates: every field and property that calls change, in declaration order
/// (maps and sets merged from other endpoints may exceed the per-call bounds, so only the bounds that merges keep are
/// checked on read; a field added to <see cref="ApiEndpoint"/> belongs here too, in the same place in both methods). Results of
/// <c>Build()</c> — spec state, violations, findings, access issues, risk — are recomputed, not stored. Credential
/// fingerprints are the sensor's keyed fingerprints; masked samples exist only when the sensor was told to send them.
/// </summary>
internal sealed partial class ApiEndpoint
{
    internal void WriteState(StateWriter writer)
    {
        writer.WriteKey(Key);
        PathTemplateState.Write(writer, Template);
        writer.WriteLong(Requests);
        writer.WriteCount(_statusCodes.Count);
        foreach (var code in _statusCodes.Keys.Order())
        {
            writer.WriteInt(code);
            writer.WriteLong(_statusCodes[code]);
        }
        writer.WriteCounts(_authKinds);
        WritePairs(writer, _sensitive);
        WritePairs(writer, _sensitiveOccurrences);
        _requestHeaders.WriteState(writer);
        _responseHeaders.WriteState(writer);
        writer.WriteCounts(_requestContentTypes);
        writer.WriteCounts(_responseContentTypes);
        writer.WriteLong(NoResponse);
        writer.WriteLong(FirstSeenMicros);
        writer.WriteLong(LastSeenMicros);
        Clients.WriteState(writer);
        writer.WriteLong(InternalClientCalls);
        writer.WriteLong(ExternalClientCalls);
        writer.WriteLong(UnknownClientCalls);
        writer.WriteStrings(Servers);
        writer.WriteStrings(AuthLocations);
        writer.WriteStrings(JwtAlgorithms);
        writer.WriteStrings(_credentials);
        writer.WriteBool(_credentialsCapped);
        var sampled = _maskedSamples.Keys.ToArray();
        Array.Sort(sampled, SnapshotOrder.Place);
        writer.WriteCount(sampled.Length);
        foreach (var key in sampled)
        {
            writer.WriteString(key.Type);
            writer.WriteString(key.Location);
            writer.WriteStrings(_maskedSamples[key]);
        }
        writer.WriteLong(AssetResponses);
        writer.WriteLong(ApiResponses);
        writer.WriteLong(DefiniteApiResponses);
        Query.WriteState(writer);
        RequestFields.WriteState(writer);
        ResponseFields.WriteState(writer);
        writer.WriteStrings(ClientTools);
        writer.WriteLong(TotalDurationMicros);
        writer.WriteLong(TimedCalls);
        writer.WriteLong(DroppedValues);
        WritePlacementState(writer);
        PendingUsage.WriteState(writer);
    }

    internal static ApiEndpoint ReadState(StateReader reader, int clientCapacity)
    {
        var endpoint = new ApiEndpoint(reader.ReadKey(), PathTemplateState.Read(reader), clientCapacity);
        endpoint.ReadAggregates(reader);
        return endpoint;
    }

    private void ReadAggregates(StateReader reader)
    {
        Requests = reader.ReadNonNegative();
        var codes = reader.ReadCount();
        for (var i = 0; i < codes; i++)
        {
            if (!_statusCodes.TryAdd(reader.ReadInt(), reader.ReadNonNegative()))
            {
                throw reader.Corrupt("repeated status code");
            }
        }
        reader.ReadCounts(_authKinds);
        ReadPairs(reader, _sensitive);
        ReadPairs(reader, _sensitiveOccurrences);
        _requestHeaders.ReadState(reader);
        _responseHeaders.ReadState(reader);
        reader.ReadCounts(_requestContentTypes);
        reader.ReadCounts(_responseContentTypes);
        NoResponse = reader.ReadNonNegative();
        FirstSeenMicros = reader.ReadLong();
        LastSeenMicros = reader.ReadLong();
        Clients.ReadState(reader);
        InternalClientCalls = reader.ReadNonNegative();
        ExternalClientCalls = reader.ReadNonNegative();
        UnknownClientCalls = reader.ReadNonNegative();
        reader.ReadStrings(Servers);
        reader.ReadStrings(AuthLocations);
        reader.ReadStrings(JwtAlgorithms);
        reader.ReadStrings(_credentials, MaxTrackedCredentials);
        _credentialsCapped = reader.ReadBool();
        var sampled = reader.ReadCount();
        for (var i = 0; i < sampled; i++)
        {
            var samples = new SortedSet<string>(StringComparer.Ordinal);
            if (!_maskedSamples.TryAdd((reader.ReadString(), reader.ReadString()), samples))
            {
                throw reader.Corrupt("repeated sensitive-data key");
            }
            reader.ReadStrings(samples, MaxMaskedSamples);
        }
        AssetResponses = reader.ReadNonNegative();
        ApiResponses = reader.ReadNonNegative();
        DefiniteApiResponses = reader.ReadNonNegative();
        Query.ReadState(reader);
        RequestFields.ReadState(reader);
        ResponseFields.ReadState(reader);
        reader.ReadStrings(ClientTools);
        TotalDurationMicros = reader.ReadLong();
        TimedCalls = reader.ReadNonNegative();
        DroppedValues = reader.ReadNonNegative();
        ReadPlacementState(reader);
        PendingUsage.ReadState(reader);
    }

    private static void WritePairs(StateWriter writer, Dictionary<(string Type, string Location), long> counts)
    {
        var keys = counts.Keys.ToArray();
        Array.Sort(keys, SnapshotOrder.Place);
        writer.WriteCount(keys.Length);
        foreach (var key in keys)
        {
            writer.WriteString(key.Type);
            writer.WriteString(key.Location);
            writer.WriteLong(counts[key]);
        }
    }

    private static void ReadPairs(StateReader reader, Dictionary<(string Type, string Location), long> counts)
    {
        var keys = reader.ReadCount();
        for (var i = 0; i < keys; i++)
        {
            if (!counts.TryAdd((reader.ReadString(), reader.ReadString()), reader.ReadNonNegative()))
            {
                throw reader.Corrupt("repeated sensitive-data key");
            }
        }
    }
}
