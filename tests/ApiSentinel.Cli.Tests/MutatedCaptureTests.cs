using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Cli.Tests;

/// <summary>
/// Robustness: every corpus trace and the bundled sample, truncated at random points and with random bytes
/// overwritten, many times over. Nothing may escape as an exception other than a clear
/// <see cref="CaptureException"/>, no stage may fail internally, and the reassembly buffers must stay inside
/// their bounds after every single frame.
/// </summary>
public sealed class MutatedCaptureTests : IDisposable
{
    private const int MutationsPerTrace = 60;
    private readonly string _dir = Directory.CreateTempSubdirectory("apisentinel-mutated-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Traces()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.ZeekCorpus, "*.pcap").Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }
        data.Add(Path.Combine(RepositoryPaths.Samples, "demo.pcap"));
        return data;
    }

    /// <summary>Checks the reassembly bounds after every frame the pipeline handles.</summary>
    private sealed class BoundsCheckingSink(TrafficPipeline pipeline, SensorOptions options) : IFrameSink
    {
        public long MaxBuffered { get; private set; }

        public void OnFrame(in CapturedFrame frame)
        {
            pipeline.OnFrame(frame);
            var buffered = pipeline.Statistics.Reassembly.BufferedBytes;
            MaxBuffered = Math.Max(MaxBuffered, buffered);
            Assert.InRange(buffered, 0, options.Reassembly.MaxBufferedBytesTotal);
        }
    }

    [Theory]
    [MemberData(nameof(Traces))]
    public void Mutated_and_truncated_traces_never_break_the_pipeline(string trace)
    {
        var original = File.ReadAllBytes(trace);
        var random = new Random(Path.GetFileName(trace).Length * 7919 + original.Length);
        var path = Path.Combine(_dir, "mutated.pcap");
        var clean = 0;
        for (var i = 0; i < MutationsPerTrace; i++)
        {
            File.WriteAllBytes(path, Mutate(original, random));
            var options = new SensorOptions();
            // Tight bounds so that they actually bite on these small traces.
            options.Reassembly.MaxBufferedBytesPerConnection = 8 * 1024;
            options.Reassembly.MaxBufferedBytesTotal = 16 * 1024;
            options.Reassembly.GapThresholdBytes = 4 * 1024;
            options.Http.BodyInspectionLimit = 4 * 1024;
            var records = 0;
            var pipeline = new TrafficPipeline(options, _ => records++);
            try
            {
                using var source = CaptureFileSource.Open(path);
                source.Run(new BoundsCheckingSink(pipeline, options), CancellationToken.None);
                clean++;
            }
            catch (CaptureException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Assert.DoesNotContain('\n', e.Message);
            }
            pipeline.Complete();
            Assert.True(pipeline.Statistics.InternalErrors == 0, pipeline.Statistics.FirstInternalError);
            Assert.Equal(pipeline.Statistics.Extraction.Exchanges, records);
        }
        Assert.True(clean > 0, "every mutation was rejected as unreadable: the mutations are too coarse to test the stages");
    }

    [Fact]
    public void The_cli_reports_damaged_files_in_one_line()
    {
        var random = new Random(42);
        var original = File.ReadAllBytes(Path.Combine(RepositoryPaths.ZeekCorpus, "http__http-desync-request-response-5.pcap"));
        for (var i = 0; i < 5; i++)
        {
            var path = Path.Combine(_dir, $"cli-{i}.pcap");
            File.WriteAllBytes(path, Mutate(original, random));
            var result = CliProcess.Run("exchanges", "--pcap", path, "--quiet");
            Assert.Contains(result.ExitCode, new[] { 0, 1 });
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
            Assert.True(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 1, result.Stderr);
        }
    }

    /// <summary>One of: cut at a random point; overwrite a few random bytes past the file header; both.</summary>
    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        var kind = random.Next(3);
        if (kind != 0)
        {
            var flips = random.Next(1, 24);
            for (var f = 0; f < flips; f++)
            {
                // Mostly past the 24-byte file header: damage to packets is what the stages must survive.
                var at = random.Next(bytes.Length > 64 && random.Next(10) > 0 ? 24 : 0, bytes.Length);
                bytes[at] = (byte)random.Next(256);
            }
        }
        if (kind != 1)
        {
            bytes = bytes[..random.Next(24, bytes.Length)];
        }
        return bytes;
    }
}
