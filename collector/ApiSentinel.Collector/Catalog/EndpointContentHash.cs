using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// The change marker of an <see cref="EndpointSnapshot"/>: XxHash64 over a canonical encoding of every field, as
/// 16 lower-case hex digits. Canonical means the same content gives the same bytes in any process, run or machine —
/// collections in their ordinal (or numeric) order, strings as length-prefixed UTF-8, numbers little-endian, each
/// field behind a tag and each collection behind its count, so no two different contents encode alike by shifting
/// text between neighbouring fields. (<c>string.GetHashCode</c> is randomised per process: useless here.)
/// </summary>
/// <remarks>
/// Not a security boundary: a collision only means a sink skips one write. Non-cryptographic on purpose: a build
/// hashes every endpoint, and XxHash64 runs at memory speed where SHA-256 would add measurable build time.
/// </remarks>
internal sealed class EndpointContentHash
{
    private readonly XxHash64 _hash = new();
    private byte[] _buffer = new byte[256];

    public static string Of(EndpointSnapshot e)
    {
        var h = new EndpointContentHash();
        h.Tag(1).Text(e.Key.Host).Text(e.Key.Method).Text(e.Key.PathTemplate);
        h.Tag(2).Text(e.Template.Template).Text(e.Template.Reason).Number(e.Template.Confidence).Count(e.Template.Parameters.Count);
        foreach (var p in e.Template.Parameters)
        {
            h.Text(p.Name).Number(p.SegmentIndex).Text(p.ValueClass).Text(p.Reason);
        }
        h.Tag(3).Number(e.Requests).Number(e.NoResponse).Number(e.FirstSeenMicros).Number(e.LastSeenMicros);
        h.Tag(4).Count(e.StatusCodes.Count);
        foreach (var (code, n) in e.StatusCodes)
        {
            h.Number(code).Number(n);
        }
        h.Tag(5).Number(e.Clients.Count).Number(e.Clients.Evicted);
        var top = e.Clients.Top(ClientCounts.Listed);
        h.Count(top.Count);
        foreach (var (address, n) in top)
        {
            h.Text(address).Number(n);
        }
        h.Tag(6).Number(e.InternalClientCalls).Number(e.ExternalClientCalls).Number(e.UnknownClientCalls).Text(e.Exposure);
        h.Tag(7).Texts(e.Servers).Counts(e.AuthKinds).Texts(e.AuthLocations).Texts(e.JwtAlgorithms)
            .Number(e.DistinctCredentials).Flag(e.DistinctCredentialsCapped);
        h.Tag(8).Count(e.Sensitive.Count);
        foreach (var ((type, location), n) in e.Sensitive)
        {
            h.Text(type).Text(location).Number(n).Number(e.SensitiveOccurrences(type, location)).Texts(e.MaskedSamplesOf((type, location)));
        }
        h.Tag(9).Number(e.AssetResponses).Number(e.ApiResponses).Number(e.DefiniteApiResponses).Flag(e.IsStaticAsset);
        h.Tag(10).Fields(e.Query).Fields(e.RequestFields).Fields(e.ResponseFields);
        h.Tag(11).Counts(e.RequestHeaders).Counts(e.ResponseHeaders).Counts(e.RequestContentTypes).Counts(e.ResponseContentTypes);
        h.Tag(12).Texts(e.ClientTools).Number(e.TotalDurationMicros).Number(e.TimedCalls).Number(e.DroppedValues);
        h.Tag(13).Text(e.SpecState).Text(e.OperationId).Count(e.Violations.Count);
        foreach (var v in e.Violations)
        {
            h.Text(v.Kind).Text(v.Subject).Text(v.Evidence);
        }
        h.Tag(14).Count(e.Findings.Count);
        foreach (var f in e.Findings)
        {
            h.Text(f.Kind).Text(f.Severity).Text(f.Source).Text(f.Client).Number(f.FromMicros).Number(f.ToMicros).Text(f.Summary);
            h.Count(f.Evidence.Count);
            foreach (var (name, value) in f.Evidence.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                h.Text(name).Text(value);
            }
            h.Count(f.Endpoints.Count);
            foreach (var k in f.Endpoints)
            {
                h.Text(k.Host).Text(k.Method).Text(k.PathTemplate);
            }
        }
        h.Tag(15).Count(e.AccessIssues.Count);
        foreach (var issue in e.AccessIssues)
        {
            h.Text(issue.Kind).Text(issue.Evidence);
        }
        h.Tag(16).Number(e.Risk.Score).Text(e.Risk.Level).Count(e.Risk.Factors.Count);
        foreach (var factor in e.Risk.Factors)
        {
            h.Text(factor.Name).Number(factor.Weight).Number(factor.Points).Text(factor.Evidence).Text(factor.Summary);
        }
        h.Tag(17).Number(e.PlaintextCalls).Number(e.TlsCalls).Number(e.UnknownTransportCalls).Number(e.BasicOverPlaintextCalls)
            .Texts(e.Namespaces).Texts(e.Workloads);
        return h._hash.GetCurrentHashAsUInt64().ToString("x16", CultureInfo.InvariantCulture);
    }

    private EndpointContentHash Tag(byte tag)
    {
        _hash.Append([tag]);
        return this;
    }

    private EndpointContentHash Flag(bool value)
    {
        _hash.Append([value ? (byte)1 : (byte)0]);
        return this;
    }

    private EndpointContentHash Count(int count) => Number(count);

    private EndpointContentHash Number(long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        _hash.Append(bytes);
        return this;
    }

    private EndpointContentHash Number(double value) => Number(BitConverter.DoubleToInt64Bits(value));

    /// <summary>Length-prefixed UTF-8; null is length −1, so it differs from the empty string.</summary>
    private EndpointContentHash Text(string? text)
    {
        if (text is null)
        {
            return Number(-1);
        }
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (length > _buffer.Length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }
        var written = Encoding.UTF8.GetBytes(text, _buffer);
        Number(written);
        _hash.Append(_buffer.AsSpan(0, written));
        return this;
    }

    private EndpointContentHash Texts(IReadOnlyCollection<string> values)
    {
        Count(values.Count);
        foreach (var value in values)
        {
            Text(value);
        }
        return this;
    }

    private EndpointContentHash Counts(CountTable<string> counts)
    {
        Count(counts.Count);
        foreach (var (key, n) in counts)
        {
            Text(key).Number(n);
        }
        return this;
    }

    private EndpointContentHash Fields(FieldKinds fields)
    {
        Count(fields.Count).Number(fields.Dropped);
        foreach (var name in fields.Names)
        {
            Text(name).Texts(fields.KindsOf(name)).Number(fields.CountOf(name));
        }
        return this;
    }
}
