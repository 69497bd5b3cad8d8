using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Cli.Output;

/// <summary>
/// <c>--format table</c>: fixed-width columns a person can scan, streamed (column widths are fixed rather than
/// measured, so a huge capture is never held in memory). Long hosts and targets are cut with an ellipsis.
/// </summary>
internal sealed class TableExchangeWriter : IExchangeWriter
{
    private readonly TextWriter _out;
    private bool _headerWritten;

    public TableExchangeWriter(TextWriter output)
    {
        _out = output;
    }

    private const string Format = "{0,-26} {1,-21} {2,-21} {3,-7} {4,-24} {5,-48} {6,6} {7,9} {8,9} {9,-14} {10}";

    public void Write(ExchangeRecord r)
    {
        if (!_headerWritten)
        {
            _out.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, Format,
                "TIME", "CLIENT", "SERVER", "METHOD", "HOST", "TARGET", "STATUS", "REQ", "RESP", "AUTH", "SENSITIVE"));
            _headerWritten = true;
        }
        var sensitive = r.Sensitive.Count == 0 ? "-" : string.Join(',', r.Sensitive.Select(s => s.Type).Distinct());
        _out.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, Format,
            Rfc3339.FromMicros(r.TimestampMicros), r.Client, r.Server, TerminalText.Cut(r.Method, 7), TerminalText.Cut(r.Host, 24), TerminalText.Cut(r.Target, 48),
            r.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            r.RequestBodyBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            r.ResponseBodyBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            r.Auth.JwtAlgorithm is null ? r.Auth.KindName : $"{r.Auth.KindName}/{r.Auth.JwtAlgorithm}", sensitive));
    }

    public void Complete() => _out.Flush();

    public void Dispose() => _out.Flush();
}
