namespace ApiSentinel.Bench.TrafficGen;

/// <summary>TCP header flag bits (RFC 9293 §3.1), as written into the flags byte.</summary>
[Flags]
internal enum TcpFlag : byte
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Psh = 0x08,
    Ack = 0x10,
}
