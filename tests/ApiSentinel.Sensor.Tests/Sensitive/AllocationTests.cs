using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Tests.Sensitive;

public class AllocationTests
{
    // Any per-scan allocation is at least one object (≥ 24 bytes) per call: ≥ 240 KB over these iterations.
    // Under one byte per call is fixed cost (tiered-JIT recompilation landing in the measured loop when the
    // suite runs in parallel), not a per-scan cost.
    private const int Iterations = 10_000;

    private const string Clean = "Order 2024-01-15 shipped to warehouse 7, version 1.2.3, ip 10.0.0.1, ref eyJ-not-a-token, AKIA? no; total 19.99 EUR";

    [Fact]
    public void Scan_value_without_matches_does_not_allocate()
    {
        var scanner = new SensitiveDataScanner(new SensitiveDataOptions());
        var results = new List<SensitiveMatch>(4);
        // Warm-up: static tables, JIT, and the field-name cache (its first sight of a name adds an entry).
        scanner.ScanValue(Clean, "description", results);
        scanner.ScanValue("12345", "quantity", results);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            scanner.ScanValue(Clean, "description", results);
            scanner.ScanValue("12345", "quantity", results);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(results);
        Assert.True(allocated < Iterations, $"{allocated} bytes over {Iterations} scans");
    }

    [Fact]
    public void Scan_text_without_matches_does_not_allocate_after_warm_up()
    {
        var scanner = new SensitiveDataScanner(new SensitiveDataOptions());
        var results = new List<SensitiveMatch>(4);
        var text = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Clean + "\n", 200)));
        scanner.ScanText(text, results); // warm-up: rents the pooled char buffer once

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            scanner.ScanText(text, results);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(results);
        Assert.True(allocated < Iterations, $"{allocated} bytes over {Iterations} scans");
    }

    [Fact]
    public void Scan_value_with_a_custom_detector_and_no_match_does_not_allocate()
    {
        var options = new SensitiveDataOptions();
        options.CustomDetectors.Add(new CustomDetector { Name = "emp", Pattern = "EMP-[0-9]{6}", FieldNames = ["employee_id"] });
        var scanner = new SensitiveDataScanner(options);
        var results = new List<SensitiveMatch>(4);
        scanner.ScanValue(Clean, "employee_id", results);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            scanner.ScanValue(Clean, "employee_id", results);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < Iterations, $"{allocated} bytes over {Iterations} scans");
        Assert.Empty(results);
    }
}
