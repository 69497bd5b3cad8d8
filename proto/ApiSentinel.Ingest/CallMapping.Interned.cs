using ApiSentinel.Contract;
using ApiSentinel.Ingest.Interning;
using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Ingest;

public static partial class CallMapping
{
    /// <summary>
    /// The call a wire message carries, as <see cref="FromWire(Call, string?)"/> maps it, with the strings that
    /// repeat across calls taken from <paramref name="names"/>: namespace, workload, server, host, method, auth kind
    /// and location, JWT algorithm, sensitive-data types and locations, media types, resource type, header names,
    /// query and body field names and kinds, User-Agent product and client tool.
    /// </summary>
    /// <remarks>
    /// Not interned, because they are (nearly) unique per call or per client and would only churn the bounded
    /// table: the path (ids in paths), connection, client address, credential fingerprint and masked samples.
    /// </remarks>
    /// <param name="wire">The message as decoded.</param>
    /// <param name="source">The stream's authenticated sensor: replaces what the message claims.</param>
    /// <param name="names">The interner (one shared by every stream is safe).</param>
    public static ApiCall FromWire(Call wire, string source, WireInterner names)
    {
        ArgumentNullException.ThrowIfNull(wire);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(names);
        return Map(wire, source, names);
    }
}
