using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Tests.Sensitive;

/// <summary>The scanner's run-time detector set and text limit, as <c>TrafficPipeline.Reconfigure</c> changes them.</summary>
public sealed class RuntimeDetectorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    private static List<string> Types(SensitiveDataScanner scanner, string value, string? field = null)
    {
        var matches = new List<SensitiveMatch>();
        scanner.ScanValue(value, field, matches);
        return [.. matches.Select(m => m.Type)];
    }

    [Fact]
    public void Run_time_detectors_replace_each_other_and_leave_configured_ones_alone()
    {
        var options = new SensitiveDataOptions();
        options.CustomDetectors.Add(new CustomDetector { Name = "employee-id", Pattern = @"EMP-\d{6}" });
        var scanner = new SensitiveDataScanner(options);
        const string value = "EMP-123456 TCK-9876 ORD-55";

        Assert.Equal(["employee-id"], Types(scanner, value));
        scanner.ReplaceRuntimeDetectors([new CompiledCustomDetector(new CustomDetector { Name = "ticket-id", Pattern = @"TCK-\d{4}" }, Timeout)]);
        Assert.Equal(["employee-id", "ticket-id"], Types(scanner, value));
        scanner.ReplaceRuntimeDetectors([new CompiledCustomDetector(new CustomDetector { Name = "order-id", Pattern = @"ORD-\d{2}" }, Timeout)]);
        Assert.Equal(["employee-id", "order-id"], Types(scanner, value));
        scanner.ReplaceRuntimeDetectors([]);
        Assert.Equal(["employee-id"], Types(scanner, value));
    }

    [Fact]
    public void Run_time_detectors_use_field_context_without_configured_ones()
    {
        var scanner = new SensitiveDataScanner(new SensitiveDataOptions());
        scanner.ReplaceRuntimeDetectors([new CompiledCustomDetector(
            new CustomDetector { Name = "badge", Pattern = @"\d{5}", FieldNames = ["badge_no"], RequireFieldName = true }, Timeout)]);
        Assert.Equal(["badge"], Types(scanner, "12345", "badgeNo"));
        Assert.Empty(Types(scanner, "12345", "quantity"));
    }

    [Fact]
    public void The_text_limit_follows_the_run_time_body_limit()
    {
        var scanner = new SensitiveDataScanner(new SensitiveDataOptions());
        var text = System.Text.Encoding.ASCII.GetBytes(new string(' ', 100) + "jane.doe@example.com");
        var matches = new List<SensitiveMatch>();
        Assert.Equal(1, scanner.ScanText(text, matches));

        scanner.MaxTextBytes = 50;
        matches.Clear();
        Assert.Equal(0, scanner.ScanText(text, matches));
        Assert.Equal(1, scanner.Counters.TruncatedTexts);
    }
}
