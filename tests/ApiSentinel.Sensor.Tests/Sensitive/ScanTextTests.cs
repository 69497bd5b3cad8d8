using System.Text;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Tests.Sensitive;

public class ScanTextTests
{
    [Fact]
    public void Positions_are_byte_offsets_past_multibyte_characters()
    {
        const string text = "Grüße — Zahlung an DE89 3704 0044 0532 0130 00, Rückfragen: jörg@example.com oder 4111111111111111";
        var bytes = Encoding.UTF8.GetBytes(text);
        var results = new List<SensitiveMatch>();
        var added = SensitiveScan.Default.ScanText(bytes, results);
        Assert.Equal(3, added);
        var found = results.ToDictionary(m => m.Type, m => Encoding.UTF8.GetString(bytes, m.Start, m.Length));
        Assert.Equal("DE89 3704 0044 0532 0130 00", found[SensitiveTypes.Iban]);
        Assert.Equal("4111111111111111", found[SensitiveTypes.CreditCard]);
        // The non-ASCII 'ö' ends the local part: only the ASCII tail of the address is reported.
        Assert.Equal("rg@example.com", found[SensitiveTypes.Email]);
    }

    [Fact]
    public void Text_longer_than_the_limit_is_cut_and_counted()
    {
        var scanner = new SensitiveDataScanner(new SensitiveDataOptions());
        var bytes = new byte[Http1Options.DefaultBodyInspectionLimit + 100];
        bytes.AsSpan().Fill((byte)' ');
        Encoding.ASCII.GetBytes("4111111111111111").CopyTo(bytes, Http1Options.DefaultBodyInspectionLimit + 10);
        var results = new List<SensitiveMatch>();
        Assert.Equal(0, scanner.ScanText(bytes, results));
        Assert.Equal(1, scanner.Counters.TruncatedTexts);
    }

    [Fact]
    public void The_limit_is_the_one_the_scanner_is_given()
    {
        var scanner = new SensitiveDataScanner(new SensitiveDataOptions(), maxTextBytes: 256 * 1024);
        var bytes = new byte[Http1Options.DefaultBodyInspectionLimit + 100];
        bytes.AsSpan().Fill((byte)' ');
        Encoding.ASCII.GetBytes("4111111111111111").CopyTo(bytes, Http1Options.DefaultBodyInspectionLimit + 10);
        var results = new List<SensitiveMatch>();
        Assert.Equal(1, scanner.ScanText(bytes, results));
        Assert.Equal(0, scanner.Counters.TruncatedTexts);
    }

    [Fact]
    public void Appends_after_existing_results_and_returns_only_the_added_count()
    {
        var results = new List<SensitiveMatch> { new("existing", 0, 1, SensitiveConfidence.Low) };
        Assert.Equal(1, SensitiveScan.Default.ScanText("mail a@example.com"u8, results));
        Assert.Equal(2, results.Count);
        Assert.Equal(0, SensitiveScan.Default.ScanValue("a@example.com 4111111111111111".AsSpan(0, 0), null, results));
    }

    [Fact]
    public void Disabled_built_ins_do_not_run()
    {
        var options = new SensitiveDataOptions();
        options.EnabledBuiltIns.Remove(SensitiveDataType.Email);
        var results = new List<SensitiveMatch>();
        new SensitiveDataScanner(options).ScanText("a@example.com 4111111111111111"u8, results);
        Assert.Equal(SensitiveTypes.CreditCard, Assert.Single(results).Type);
    }
}
