using System.Text;
using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Tests.Sensitive;

public class CustomDetectorTests
{
    private static SensitiveDataScanner ScannerFor(params CustomDetector[] detectors)
    {
        var options = new SensitiveDataOptions();
        options.CustomDetectors.AddRange(detectors);
        return new SensitiveDataScanner(options);
    }

    private static List<SensitiveMatch> Scan(SensitiveDataScanner scanner, string value, string? field = null)
    {
        var results = new List<SensitiveMatch>();
        scanner.ScanValue(value, field, results);
        return results;
    }

    [Fact]
    public void Detector_without_validator_reports_its_name_and_location()
    {
        var scanner = ScannerFor(new CustomDetector { Name = "employee-id", Pattern = "EMP-[0-9]{6}" });
        var match = Assert.Single(Scan(scanner, "owner EMP-123456 and EMP-12"));
        Assert.Equal(new SensitiveMatch("employee-id", 6, 10, SensitiveConfidence.Medium), match);
    }

    [Fact]
    public void Luhn_validator_filters_regex_matches()
    {
        var scanner = ScannerFor(new CustomDetector { Name = "imei", Pattern = @"\b[0-9]{15}\b", Validator = CustomValidator.Luhn });
        var matches = Scan(scanner, "490154203237518 490154203237519").Where(m => m.Type == "imei").ToList();
        var match = Assert.Single(matches);
        Assert.Equal(0, match.Start);
    }

    [Fact]
    public void Mod97_validator_checks_lei_codes()
    {
        // 5493001KJTIIGC8Y1R12 is a published LEI; changing its last digit breaks the checksum.
        var scanner = ScannerFor(new CustomDetector { Name = "lei", Pattern = "[0-9A-Z]{18}[0-9]{2}", Validator = CustomValidator.Mod97 });
        Assert.Single(Scan(scanner, "lei 5493001KJTIIGC8Y1R12"), m => m.Type == "lei");
        Assert.DoesNotContain(Scan(scanner, "lei 5493001KJTIIGC8Y1R13"), m => m.Type == "lei");
    }

    [Fact]
    public void Iban_validator_accepts_only_valid_ibans()
    {
        var scanner = ScannerFor(new CustomDetector { Name = "account", Pattern = "ACC:([A-Z0-9 ]+)", Validator = CustomValidator.Iban });
        Assert.DoesNotContain(Scan(scanner, "ACC:DE88370400440532013000"), m => m.Type == "account");
        var options = new SensitiveDataOptions();
        options.EnabledBuiltIns.Clear();
        options.CustomDetectors.Add(new CustomDetector { Name = "iban-only", Pattern = "[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", Validator = CustomValidator.Iban });
        var results = new List<SensitiveMatch>();
        new SensitiveDataScanner(options).ScanValue("DE89370400440532013000", null, results);
        Assert.Equal("iban-only", Assert.Single(results).Type);
    }

    [Fact]
    public void Field_names_raise_confidence_or_gate_the_detector()
    {
        var raising = ScannerFor(new CustomDetector { Name = "emp", Pattern = "E[0-9]{5}", FieldNames = ["employee_id"] });
        Assert.Equal(SensitiveConfidence.Medium, Assert.Single(Scan(raising, "E12345", "note")).Confidence);
        Assert.Equal(SensitiveConfidence.High, Assert.Single(Scan(raising, "E12345", "employeeId")).Confidence);

        var gated = ScannerFor(new CustomDetector { Name = "emp", Pattern = "E[0-9]{5}", FieldNames = ["employee-id"], RequireFieldName = true });
        Assert.Empty(Scan(gated, "E12345", "note"));
        Assert.Empty(Scan(gated, "E12345"));
        Assert.Single(Scan(gated, "E12345", "EMPLOYEE_ID"));
    }

    [Fact]
    public void Custom_detectors_run_on_text_with_byte_offsets()
    {
        var scanner = ScannerFor(new CustomDetector { Name = "emp", Pattern = "E[0-9]{5}" });
        var bytes = Encoding.UTF8.GetBytes("ü E12345");
        var results = new List<SensitiveMatch>();
        scanner.ScanText(bytes, results);
        var match = Assert.Single(results);
        Assert.Equal("E12345", Encoding.UTF8.GetString(bytes, match.Start, match.Length));
    }

    [Fact]
    public void From_json_builds_options()
    {
        const string json = """
            {
              // comments are allowed
              "includeMaskedSamples": true,
              "enabledBuiltIns": ["credit-card", "Email"],
              "customDetectorTimeoutMs": 250,
              "customDetectors": [
                { "name": "imei", "pattern": "[0-9]{15}", "validator": "Luhn", "fieldNames": ["imei"], "confidence": "High" },
              ]
            }
            """;
        var options = SensitiveDataOptions.FromJson(json);
        Assert.True(options.IncludeMaskedSamples);
        Assert.Equal(new[] { SensitiveDataType.CreditCard, SensitiveDataType.Email }, options.EnabledBuiltIns.Order());
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.CustomDetectorTimeout);
        var detector = Assert.Single(options.CustomDetectors);
        Assert.Equal(("imei", CustomValidator.Luhn, SensitiveConfidence.High), (detector.Name, detector.Validator, detector.Confidence));
        Assert.Equal(["imei"], detector.FieldNames);

        // Only the enabled built-ins run: the phone number is ignored, the card is masked.
        var results = new List<SensitiveMatch>();
        new SensitiveDataScanner(options).ScanValue("4111111111111111 or 555-123-4567", null, results);
        var card = Assert.Single(results);
        Assert.Equal("4111********1111", card.MaskedSample);
    }

    [Fact]
    public void From_json_rejects_invalid_regex_naming_the_detector()
    {
        var ex = Assert.Throws<SensitiveDataConfigurationException>(() =>
            SensitiveDataOptions.FromJson("""{ "customDetectors": [ { "name": "broken", "pattern": "([a-z" } ] }"""));
        Assert.Contains("broken", ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid regular expression", ex.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(ex.InnerException, exactMatch: false);
    }

    [Theory]
    [InlineData("""{ "customDetectors": [ { "pattern": "x" } ] }""", "no name")]
    [InlineData("""{ "customDetectors": [ { "name": "a", "pattern": "" } ] }""", "no pattern")]
    [InlineData("""{ "customDetectors": [ { "name": "a", "pattern": "x" }, { "name": "a", "pattern": "y" } ] }""", "defined twice")]
    [InlineData("""{ "customDetectors": [ { "name": "a", "pattern": "x", "validator": "Crc32" } ] }""", "not valid JSON")]
    [InlineData("""{ "enabledBuiltIns": ["credit-cards"] }""", "unknown built-in")]
    [InlineData("""{ "includeMaskedSample": true }""", "not valid JSON")]
    [InlineData("""{ "customDetectorTimeoutMs": 0 }""", "must be positive")]
    [InlineData("""{ "customDetectors": [ """, "not valid JSON")]
    [InlineData("null", "empty")]
    public void From_json_reports_clear_errors(string json, string expected)
    {
        var ex = Assert.Throws<SensitiveDataConfigurationException>(() => SensitiveDataOptions.FromJson(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_regex_set_in_code_fails_at_scanner_construction()
    {
        var options = new SensitiveDataOptions();
        options.CustomDetectors.Add(new CustomDetector { Name = "bad", Pattern = "a{2,1}" });
        var ex = Assert.Throws<SensitiveDataConfigurationException>(() => new SensitiveDataScanner(options));
        Assert.Contains("bad", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catastrophic_pattern_times_out_and_is_counted_not_thrown()
    {
        var options = new SensitiveDataOptions { CustomDetectorTimeout = TimeSpan.FromMilliseconds(1) };
        options.CustomDetectors.Add(new CustomDetector { Name = "evil", Pattern = "^(a+)+$" });
        var scanner = new SensitiveDataScanner(options);
        var results = new List<SensitiveMatch>();
        var input = new string('a', 5000) + "!";
        scanner.ScanValue(input, null, results);
        Assert.Empty(results);
        Assert.Equal(1, scanner.Counters.CustomDetectorTimeouts);
    }
}
