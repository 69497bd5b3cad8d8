using System.Globalization;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Collector.Reports;

namespace ApiSentinel.Cli.Output;

/// <summary>
/// <c>--format table</c>: fixed-width columns a person can scan, streamed (column widths are fixed rather than
/// measured, so a huge capture is never held in memory). Every cell is cut to its column, so a row is at most
/// <see cref="MaxLineWidth"/> characters wide however long the host, target or addresses on the wire are.
/// </summary>
internal sealed class TableExchangeWriter : IExchangeWriter
{
    /// <summary>
    /// TIME is 27 wide: RFC 3339 with microseconds (<c>2026-11-22T10:00:00.123456Z</c>). CLIENT and SERVER fit
    /// any IPv4 endpoint; an IPv6 one is cut. The widths add up to 200 characters with the separators.
    /// </summary>
    internal static readonly TableLayout Layout = new(
        new("TIME", 27), new("CLIENT", 21), new("SERVER", 21), new("METHOD", 7), new("HOST", 22), new("TARGET", 36),
        new("STATUS", 6, RightAligned: true), new("REQ", 9, RightAligned: true), new("RESP", 9, RightAligned: true),
        new("AUTH", 14), new("SENSITIVE", 18));

    public const int MaxLineWidth = 200;

    private readonly TextWriter _out;
    private bool _headerWritten;

    public TableExchangeWriter(TextWriter output)
    {
        _out = output;
    }

    public void Write(ExchangeRecord r)
    {
        if (!_headerWritten)
        {
            _out.WriteLine(Layout.Header());
            _headerWritten = true;
        }
        var c = CultureInfo.InvariantCulture;
        var sensitive = r.Sensitive.Count == 0 ? null : string.Join(',', r.Sensitive.Select(s => s.Type).Distinct());
        _out.WriteLine(Layout.Row(
            Rfc3339.FromMicros(r.TimestampMicros), r.Client, r.Server, r.Method, r.Host, r.Target,
            r.Status?.ToString(c), r.RequestBodyBytes?.ToString(c), r.ResponseBodyBytes?.ToString(c),
            r.Auth.JwtAlgorithm is null ? r.Auth.KindName : $"{r.Auth.KindName}/{r.Auth.JwtAlgorithm}", sensitive));
    }

    public void Complete() => _out.Flush();

    public void Dispose() => _out.Flush();
}
