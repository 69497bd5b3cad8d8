using System.IO.Compression;
using System.Text;

namespace ApiSentinel.Bench.Adversarial.Inputs;

internal static class CaptureStart
{
    public const long Micros = 1_700_000_000_000_000;
}

/// <summary>Item 14: N SYN-only flows from distinct clients (500 k, 35 MB in the issue), all within one second.</summary>
public sealed class SynFloodCapture : HostileInput
{
    public override string Name => "capture-syn-flood";
    public override int IssueItem => 14;
    public override string Shape => "N SYN-only flows";
    public override int FullSize => 500_000;
    public override IReadOnlyList<string> Commands => [CliCommands.Analyze, CliCommands.Exchanges];

    public override IReadOnlyList<string> Write(string directory, int size)
    {
        var path = Path.Combine(directory, $"{Name}.pcap");
        using (var pcap = new PcapWriter(path))
        {
            for (var i = 0; i < size; i++)
            {
                // Microsecond spacing keeps the whole flood inside the idle timeout: only a count bound can help.
                pcap.Segment(CaptureStart.Micros + i, PcapWriter.ClientAddress(i / 50_000), (ushort)(10_000 + i % 50_000),
                    PcapWriter.ServerAddress, 80, (uint)i * 7919, 0, PcapWriter.Syn, default);
            }
        }
        return ["--pcap", path];
    }
}

/// <summary>
/// Item 15: N connections × 100 pipelined POSTs, each a 114-byte gzip body inflating to 64 KiB, never answered
/// (300 connections, 7.4 MB in the issue).
/// </summary>
public sealed class PipelinedGzipCapture : HostileInput
{
    public const int RequestsPerConnection = 100;

    public override string Name => "capture-pipelined-gzip";
    public override int IssueItem => 15;
    public override string Shape => "N connections × 100 unanswered pipelined POSTs, gzip 114 B → 64 KiB";
    public override int FullSize => 300;
    public override IReadOnlyList<string> Commands => [CliCommands.Analyze, CliCommands.Exchanges];

    public static byte[] InflatingBody()
    {
        var plain = Encoding.ASCII.GetBytes("{\"v\":\"" + new string('a', 64 * 1024 - 8) + "\"}");
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(plain);
        }
        return compressed.ToArray();
    }

    public override IReadOnlyList<string> Write(string directory, int size)
    {
        var path = Path.Combine(directory, $"{Name}.pcap");
        var body = InflatingBody();
        var request = Encoding.ASCII.GetBytes(
            $"POST /upload HTTP/1.1\r\nHost: api.example\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: {body.Length}\r\n\r\n")
            .Concat(body).ToArray();
        using (var pcap = new PcapWriter(path))
        {
            var conversations = new TcpConversation[size];
            for (var c = 0; c < size; c++)
            {
                conversations[c] = new TcpConversation(pcap, PcapWriter.ClientAddress(c), (ushort)(20_000 + c), CaptureStart.Micros + c * 10);
            }
            // Interleaved, as a flood from many clients arrives: every connection holds its backlog at once.
            for (var r = 0; r < RequestsPerConnection; r++)
            {
                foreach (var conversation in conversations)
                {
                    conversation.ClientSends(request);
                }
            }
        }
        return ["--pcap", path];
    }
}

/// <summary>Shared shape of the catalog classes: keep-alive connections of 1,000 answered requests each.</summary>
public abstract class ManyRequestsCapture : HostileInput
{
    public override IReadOnlyList<string> Write(string directory, int size)
    {
        var path = Path.Combine(directory, $"{Name}.pcap");
        var ok = HttpText.Ok();
        using (var pcap = new PcapWriter(path))
        {
            TcpConversation? conversation = null;
            var perConnection = RequestsPerConnection;
            for (var i = 0; i < size; i++)
            {
                if (i % perConnection == 0)
                {
                    conversation?.Close();
                    var c = i / perConnection;
                    conversation = new TcpConversation(pcap, ClientOf(c), (ushort)(30_000 + c % 30_000), (conversation?.Micros ?? CaptureStart.Micros) + 1);
                }
                conversation!.ClientSends(HttpText.Ascii(Request(i)));
                conversation.ServerSends(ok);
            }
            conversation?.Close();
        }
        return ["--pcap", path, "--format", "json"];
    }

    protected virtual int RequestsPerConnection => 1_000;

    protected virtual uint ClientOf(int connection) => PcapWriter.ClientAddress(connection % 64);

    protected abstract string Request(int index);
}

/// <summary>Item 16: N requests, each with its own Host header (200 k in the issue).</summary>
public sealed class ManyHostsCapture : ManyRequestsCapture
{
    public override string Name => "catalog-many-hosts";
    public override int IssueItem => 16;
    public override string Shape => "N requests, N distinct Host headers";
    public override int FullSize => 200_000;

    protected override string Request(int index) => $"GET /items HTTP/1.1\r\nHost: h{index}.tenant.example\r\n\r\n";
}

/// <summary>Item 16: N requests, each with its own method token (200 k in the issue).</summary>
public sealed class ManyMethodsCapture : ManyRequestsCapture
{
    public override string Name => "catalog-many-methods";
    public override int IssueItem => 16;
    public override string Shape => "N requests, N distinct methods";
    public override int FullSize => 200_000;

    // Letters only: a method is a token, and digits would make it look like garbage to a strict start-line check.
    protected override string Request(int index) => $"X{Words.Upper(index)} /items HTTP/1.1\r\nHost: api.example\r\n\r\n";
}

/// <summary>
/// Item 17: N scanning clients (sqlmap User-Agent), each over 10 endpoints of its own: N findings over up to 59,049
/// endpoints. Paths are five literal segments of nine values each, below the templater's 10-distinct-values rule,
/// so they stay distinct endpoints instead of collapsing into one template.
/// </summary>
public sealed class ScannerFindingsCapture : ManyRequestsCapture
{
    private const int PathsPerClient = 10;

    public override string Name => "catalog-scanner-findings";
    public override int IssueItem => 17;
    public override string Shape => "N scanning clients × 10 endpoints each";
    public override int FullSize => 10_000;

    public override IReadOnlyList<string> Write(string directory, int size) => base.Write(directory, size * PathsPerClient);

    protected override int RequestsPerConnection => PathsPerClient;

    protected override uint ClientOf(int connection) => PcapWriter.ClientAddress(connection);

    protected override string Request(int index) =>
        $"GET {Words.TreePath(index)} HTTP/1.1\r\nHost: api.example\r\nUser-Agent: sqlmap/1.7.2#stable\r\n\r\n";
}

/// <summary>Distinct lower-case words (no digits), so path segments read as names, not ids.</summary>
internal static class Words
{
    public static string Of(int value)
    {
        var chars = new StringBuilder();
        do
        {
            chars.Append((char)('a' + value % 26));
            value /= 26;
        }
        while (value > 0);
        return "op" + chars;
    }

    /// <summary>Upper-case letters, base 26.</summary>
    public static string Upper(int value) => Of(value)[2..].ToUpperInvariant();

    /// <summary>Five segments, each one of nine words, by the base-9 digits of <paramref name="value"/>.</summary>
    public static string TreePath(int value)
    {
        var path = new StringBuilder();
        for (var level = 0; level < 5; level++)
        {
            path.Append("/seg").Append((char)('a' + level)).Append((char)('a' + value % 9));
            value /= 9;
        }
        return path.ToString();
    }
}

/// <summary>
/// Item 14, the costlier variant: N connections that each send one request and never get an answer, so every
/// tracked connection holds parser state and a pending exchange, not just a table entry.
/// </summary>
public sealed class OpenRequestsCapture : HostileInput
{
    public override string Name => "capture-open-requests";
    public override int IssueItem => 14;
    public override string Shape => "N connections with one unanswered request each";
    public override int FullSize => 262_144;
    public override IReadOnlyList<string> Commands => [CliCommands.Exchanges];

    public override IReadOnlyList<string> Write(string directory, int size)
    {
        var path = Path.Combine(directory, $"{Name}.pcap");
        var request = HttpText.Ascii("GET /items?page=2 HTTP/1.1\r\nHost: api.example\r\nAccept: application/json\r\nUser-Agent: curl/8.5.0\r\n\r\n");
        using (var pcap = new PcapWriter(path))
        {
            for (var c = 0; c < size; c++)
            {
                var conversation = new TcpConversation(pcap, PcapWriter.ClientAddress(c / 50_000), (ushort)(10_000 + c % 50_000), CaptureStart.Micros + c * 4L);
                conversation.ClientSends(request);
            }
        }
        return ["--pcap", path];
    }
}
