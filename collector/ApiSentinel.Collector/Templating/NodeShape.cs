using System.Numerics;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Templating;

/// <summary>
/// What the calls ending at one trie node looked like, as a compact, bounded signature: the methods used, and two
/// 64-bit Bloom-style bit sets — one over the successful responses (status code, content type, JSON field names),
/// one over the query parameter names. Sets are OR-ed, so the signature is the same whatever order the calls came in.
/// <para>
/// Only the first <see cref="TemplatingOptions.ShapeCallsPerNode"/> calls of a node are recorded, which bounds the
/// cost to a counter comparison on every later call; a node with more calls than that is never compared by shape
/// (it is frequent, and frequency decides it), so the cap cannot make a decision depend on arrival order.
/// </para>
/// </summary>
internal partial struct NodeShape
{
    /// <summary>Names hashed per call and list; the sensor bounds fields anyway, this bounds the cost here.</summary>
    private const int MaxNamesPerList = 48;

    /// <summary>Bit per method (see <see cref="MethodBit"/>).</summary>
    public byte Methods;

    /// <summary>Successful (2xx) responses recorded.</summary>
    public byte Responses;

    /// <summary>Whether any of them had JSON fields: status and content type alone cannot say two calls are alike.</summary>
    public bool HasFields;

    /// <summary>Status code, response content type and response field names of 2xx responses.</summary>
    public ulong ResponseBits;

    /// <summary>Query parameter names of every call.</summary>
    public ulong QueryBits;

    public void Add(ApiCall call)
    {
        Methods |= MethodBit(call.Method);
        QueryBits |= NameBits(call.Query);
        if (call.Status is >= 200 and < 300)
        {
            if (Responses < byte.MaxValue)
            {
                Responses++;
            }

            ResponseBits |= Bit(Mix((ulong)call.Status.Value * 0x9E3779B97F4A7C15UL));
            if (call.ResponseContentType is { } contentType)
            {
                int semicolon = contentType.IndexOf(';');
                ResponseBits |= Bit(Hash(semicolon < 0 ? contentType : contentType.AsSpan(0, semicolon), 0x51));
            }

            ResponseBits |= NameBits(call.ResponseFields);
            HasFields |= call.ResponseFields.Count > 0;
        }
    }

    /// <summary>
    /// How two siblings' calls compare. <see cref="ShapeAgreement.Unknown"/> when either lacks evidence or they share
    /// no method (a GET and a DELETE on two ids of one resource look nothing alike, and that says nothing).
    /// </summary>
    public static ShapeAgreement Compare(in NodeShape a, in NodeShape b)
    {
        if ((a.Methods & b.Methods) == 0)
        {
            return ShapeAgreement.Unknown;
        }

        // Two different required query parameters (findByStatus?status= vs findByTags?tags=) are two operations; an
        // absent set says nothing, since optional parameters come and go between calls of one operation.
        if (a.QueryBits != 0 && b.QueryBits != 0 && (a.QueryBits & b.QueryBits) == 0)
        {
            return ShapeAgreement.Disagree;
        }

        if (a.Responses == 0 || b.Responses == 0)
        {
            return ShapeAgreement.Unknown;
        }

        int union = BitOperations.PopCount(a.ResponseBits | b.ResponseBits);
        int common = BitOperations.PopCount(a.ResponseBits & b.ResponseBits);
        // Jaccard over the bit sets: calls of one operation differ only by optional fields (and 64-bit collisions),
        // two operations by most of their fields. The band between is left undecided rather than guessed.
        // Agreement needs fields on both sides: every empty 200 looks alike (CatalogBoundsTests' /resource0…N).
        return common * 4 >= union * 3 ? (a.HasFields && b.HasFields ? ShapeAgreement.Agree : ShapeAgreement.Unknown)
            : common * 2 < union ? ShapeAgreement.Disagree
            : ShapeAgreement.Unknown;
    }

    private static ulong NameBits(IReadOnlyList<FieldObservation> fields)
    {
        ulong bits = 0;
        int count = Math.Min(fields.Count, MaxNamesPerList);
        for (int i = 0; i < count; i++)
        {
            bits |= Bit(Hash(fields[i].Name, 0));
        }

        return bits;
    }

    private static byte MethodBit(string method) => method switch
    {
        "GET" => 1,
        "POST" => 2,
        "PUT" => 4,
        "PATCH" => 8,
        "DELETE" => 16,
        "HEAD" => 32,
        "OPTIONS" => 64,
        _ => 128,
    };

    private static ulong Bit(ulong hash) => 1UL << (int)(hash >> 58);

    /// <summary>FNV-1a over the UTF-16 code units, then a final mix: stable across processes (unlike string.GetHashCode).</summary>
    private static ulong Hash(ReadOnlySpan<char> text, ulong seed)
    {
        ulong hash = 0xCBF29CE484222325UL ^ seed;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return Mix(hash);
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        return x;
    }
}

/// <summary>The outcome of comparing two nodes' <see cref="NodeShape"/>s.</summary>
internal enum ShapeAgreement
{
    Unknown,
    Agree,
    Disagree,
}
