using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Sensor.Pipeline;
using ApiSentinel.Sensor.Pipeline.Runtime;

namespace ApiSentinel.Sensor.Tests.Pipeline;

/// <summary>Run-time settings: scope, sampling, detectors, body limit, validation and the cross-thread handoff.</summary>
public sealed class TrafficPipelineReconfigureTests
{
    private const long Start = 1_767_225_600_000_000;

    private readonly List<ExchangeRecord> _records = [];
    private readonly TrafficPipeline _pipeline;
    private int _nextClientPort = 30000;

    public TrafficPipelineReconfigureTests()
    {
        _pipeline = new TrafficPipeline(new SensorOptions(), _records.Add);
    }

    private static CaptureScope Scope(params (string Address, int[] Ports)[] targets) =>
        new([.. targets.Select(t => new CaptureTargetSetting(t.Address, t.Ports))]);

    /// <summary>One connection with one complete exchange, then FIN; returns the path used.</summary>
    private string Exchange(string server, string client = "192.0.2.10", string path = "/items")
    {
        var conversation = new TcpConversation(_pipeline, $"{client}:{_nextClientPort++}", server).Open(Start);
        conversation.Exchange(path, Start + 10, Start + 20).Close(Start + 30);
        return path;
    }

    private void Apply(SensorRuntimeSettings settings)
    {
        Assert.Empty(_pipeline.Reconfigure(settings));
        _pipeline.AdvanceClock(Start); // the pipeline thread takes it at its next tick (or frame)
    }

    [Fact]
    public void Scope_admits_a_listed_address_and_counts_the_others()
    {
        Apply(new SensorRuntimeSettings { Scope = Scope(("198.51.100.20", [])) });
        Exchange("198.51.100.20:80", path: "/in");
        Exchange("198.51.100.21:80", path: "/out");
        Assert.Equal(["/in"], _records.Select(r => r.Path));
        Assert.Equal(1, _pipeline.Statistics.OutOfScopeConnections);
        Assert.Equal(1, _pipeline.Statistics.ConfigurationsApplied);
    }

    [Fact]
    public void Scope_matches_a_cidr_network()
    {
        Apply(new SensorRuntimeSettings { Scope = Scope(("198.51.100.16/28", [])) });
        Exchange("198.51.100.17:80", path: "/first");
        Exchange("198.51.100.31:80", path: "/last");
        Exchange("198.51.100.32:80", path: "/outside");
        Exchange("198.51.100.15:80", path: "/below");
        Assert.Equal(["/first", "/last"], _records.Select(r => r.Path));
        Assert.Equal(2, _pipeline.Statistics.OutOfScopeConnections);
    }

    [Fact]
    public void Scope_with_ports_admits_only_those_ports()
    {
        Apply(new SensorRuntimeSettings { Scope = Scope(("198.51.100.20", [8080, 8443])) });
        Exchange("198.51.100.20:8080", path: "/listed");
        Exchange("198.51.100.20:80", path: "/other-port");
        Assert.Equal(["/listed"], _records.Select(r => r.Path));
        Assert.Equal(1, _pipeline.Statistics.OutOfScopeConnections);
    }

    [Fact]
    public void Either_endpoint_matching_admits_the_connection()
    {
        Apply(new SensorRuntimeSettings { Scope = Scope(("192.0.2.77/32", [])) });
        Exchange("198.51.100.20:80", client: "192.0.2.77", path: "/from-selected-client");
        Exchange("198.51.100.20:80", client: "192.0.2.78", path: "/from-other-client");
        Assert.Equal(["/from-selected-client"], _records.Select(r => r.Path));
    }

    [Fact]
    public void An_empty_scope_captures_everything_again()
    {
        Apply(new SensorRuntimeSettings { Scope = Scope(("198.51.100.20", [])) });
        Exchange("198.51.100.21:80", path: "/excluded");
        Apply(new SensorRuntimeSettings { Scope = new CaptureScope([]) });
        Exchange("198.51.100.21:80", path: "/included");
        Assert.Equal(["/included"], _records.Select(r => r.Path));
        Assert.Equal(2, _pipeline.Statistics.ConfigurationsApplied);
    }

    [Fact]
    public void A_connection_keeps_the_decision_it_got_when_it_opened()
    {
        var open = new TcpConversation(_pipeline, "192.0.2.10:31000", "198.51.100.21:80").Open(Start);
        Apply(new SensorRuntimeSettings { Scope = Scope(("198.51.100.20", [])) });
        open.Exchange("/already-open", Start + 10, Start + 20).Close(Start + 30);
        Exchange("198.51.100.21:80", path: "/opened-after");
        Assert.Equal(["/already-open"], _records.Select(r => r.Path));
        Assert.Equal(1, _pipeline.Statistics.OutOfScopeConnections);
    }

    [Fact]
    public void Sampling_half_admits_about_half_of_the_connections_each_whole_and_the_same_ones_again()
    {
        Apply(new SensorRuntimeSettings { SamplingRate = 0.5 });
        const int connections = 2000;
        var admitted = new HashSet<int>();
        for (int round = 0; round < 2; round++)
        {
            _records.Clear();
            for (int i = 0; i < connections; i++)
            {
                // The same 4-tuples in both rounds; two exchanges per connection.
                var conversation = new TcpConversation(_pipeline, $"192.0.2.10:{40000 + i}", "198.51.100.20:80").Open(Start);
                conversation.Exchange($"/c/{i}/a", Start + 10, Start + 20).Exchange($"/c/{i}/b", Start + 30, Start + 40).Close(Start + 50);
            }
            var byConnection = _records.GroupBy(r => r.Path!.Split('/')[2]).ToList();
            Assert.All(byConnection, g => Assert.Equal(2, g.Count())); // all or nothing
            var thisRound = byConnection.Select(g => int.Parse(g.Key, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            if (round == 0)
            {
                admitted = thisRound;
            }
            else
            {
                Assert.Equal(admitted, thisRound); // a keyed hash of the 4-tuple, not a coin per connection
            }
        }
        Assert.InRange(admitted.Count, connections * 35 / 100, connections * 65 / 100);
        Assert.Equal(2 * (connections - admitted.Count), _pipeline.Statistics.SampledOutConnections);
    }

    [Fact]
    public void Custom_detectors_are_replaced_at_run_time()
    {
        const string body = """{"employee":"EMP-123456","ticket":"TCK-9876"}""";
        Apply(new SensorRuntimeSettings { Detectors = [new CustomDetector { Name = "employee-id", Pattern = @"EMP-\d{6}" }] });
        Post(body, "/first");
        Apply(new SensorRuntimeSettings { Detectors = [new CustomDetector { Name = "ticket-id", Pattern = @"TCK-\d{4}" }] });
        Post(body, "/second");
        Apply(new SensorRuntimeSettings());
        Post(body, "/third");

        Assert.Equal(["/first", "/second", "/third"], _records.Select(r => r.Path));
        Assert.Equal(["employee-id"], CustomTypes(_records[0]));
        Assert.Equal(["ticket-id"], CustomTypes(_records[1]));
        Assert.Empty(CustomTypes(_records[2]));
    }

    [Fact]
    public void Configured_custom_detectors_stay_when_the_run_time_set_changes()
    {
        var options = new SensorOptions();
        options.Extraction.SensitiveData.CustomDetectors.Add(new CustomDetector { Name = "employee-id", Pattern = @"EMP-\d{6}" });
        var records = new List<ExchangeRecord>();
        var pipeline = new TrafficPipeline(options, records.Add);
        Assert.Empty(pipeline.Reconfigure(new SensorRuntimeSettings { Detectors = [new CustomDetector { Name = "ticket-id", Pattern = @"TCK-\d{4}" }] }));
        new TcpConversation(pipeline, "192.0.2.10:32000", "198.51.100.20:80").Open(Start)
            .ClientSends(PostRequest("""{"employee":"EMP-123456","ticket":"TCK-9876"}""", "/p"), Start + 10)
            .ServerSends("HTTP/1.1 204 No Content\r\n\r\n", Start + 20);
        var record = Assert.Single(records);
        Assert.Equal(["employee-id", "ticket-id"], CustomTypes(record));
    }

    [Fact]
    public void The_body_inspection_limit_is_applied_and_restored()
    {
        string body = $$"""{"padding":"{{new string('x', 200)}}","contact":"jane.doe@example.com"}""";
        Apply(new SensorRuntimeSettings { BodyInspectionLimit = 64 });
        Post(body, "/short");
        Apply(new SensorRuntimeSettings { BodyInspectionLimit = null });
        Post(body, "/configured");

        Assert.DoesNotContain(_records[0].Sensitive, s => s.Type == "email");
        Assert.Contains(_records[1].Sensitive, s => s.Type == "email");
    }

    [Fact]
    public void Invalid_settings_are_rejected_with_one_line_per_problem_and_nothing_is_applied()
    {
        Apply(new SensorRuntimeSettings { Scope = Scope(("198.51.100.20", [])) });
        var problems = _pipeline.Reconfigure(new SensorRuntimeSettings
        {
            Scope = Scope(("192.0.2.0/33", []), ("not-an-address", []), ("10.1", []), ("198.51.100.21", [0, 70000])),
            Detectors =
            [
                new CustomDetector { Name = "broken", Pattern = "(unclosed" },
                new CustomDetector { Name = "", Pattern = "x" },
                new CustomDetector { Name = "twice", Pattern = "a" },
                new CustomDetector { Name = "twice", Pattern = "b" },
            ],
            SamplingRate = 1.5,
            BodyInspectionLimit = -1,
        });

        Assert.Equal(10, problems.Count);
        Assert.All(problems, p => Assert.DoesNotContain('\n', p));
        Assert.Contains(problems, p => p.Contains("192.0.2.0/33", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("not-an-address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'10.1'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("port 0 ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("port 70000", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'broken'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'twice': defined twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("sampling rate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("body inspection limit -1", StringComparison.Ordinal));

        // The earlier settings still hold.
        _pipeline.AdvanceClock(Start);
        Exchange("198.51.100.20:80", path: "/still-in-scope");
        Exchange("198.51.100.21:80", path: "/still-out");
        Assert.Equal(["/still-in-scope"], _records.Select(r => r.Path));
        Assert.Equal(1, _pipeline.Statistics.ConfigurationsApplied);
        Assert.Equal(1, _pipeline.Statistics.ConfigurationsRejected);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void A_sampling_rate_outside_zero_to_one_is_rejected(double rate)
    {
        var problem = Assert.Single(_pipeline.Reconfigure(new SensorRuntimeSettings { SamplingRate = rate }));
        Assert.Contains("sampling rate", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_ipv6_targets_and_a_full_rate_are_accepted()
    {
        Assert.Empty(_pipeline.Reconfigure(new SensorRuntimeSettings
        {
            Scope = Scope(("2001:db8::/32", [443]), ("2001:db8::1", [])),
            SamplingRate = 1,
            BodyInspectionLimit = 0,
        }));
    }

    [Fact]
    public void A_configured_limit_above_the_pool_does_not_refuse_settings_that_leave_the_limit_alone()
    {
        var options = new SensorOptions { Http = new() { BodyInspectionLimit = 2 << 20, InspectionBudgetBytes = 1 << 20 } };
        var pipeline = new TrafficPipeline(options, _records.Add);
        Assert.Empty(pipeline.Reconfigure(new SensorRuntimeSettings { Scope = Scope(("198.51.100.20", [])) }));
        // A limit the caller sets is still checked against the pool.
        var problem = Assert.Single(pipeline.Reconfigure(new SensorRuntimeSettings { BodyInspectionLimit = 2 << 20 }));
        Assert.Contains("body inspection limit 2097152", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconfigure_from_another_thread_is_applied_on_the_pipeline_thread_while_frames_flow()
    {
        const int connectionsWanted = 200;
        TimeSpan timeout = TimeSpan.FromSeconds(60);
        var inA = new SensorRuntimeSettings { Scope = Scope(("198.51.100.20", [])) };
        var inB = new SensorRuntimeSettings { Scope = Scope(("198.51.100.21", [])) };
        var applyThreads = new List<int>();
        _pipeline.ConfigurationAppliedHook = () => applyThreads.Add(Environment.CurrentManagedThreadId); // pipeline thread only, if right
        using var barrier = new Barrier(2);
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int stop = 0;
        int calls = 0;
        int reconfigurerThread = 0;
        var reconfigurer = new Thread(() =>
        {
            reconfigurerThread = Environment.CurrentManagedThreadId;
            barrier.SignalAndWait(timeout);
            while (Volatile.Read(ref stop) == 0)
            {
                foreach (var problem in _pipeline.Reconfigure(calls++ % 2 == 0 ? inB : inA))
                {
                    problems.Enqueue(problem);
                }
            }
            foreach (var problem in _pipeline.Reconfigure(inA)) // the last call
            {
                problems.Enqueue(problem);
            }
        });
        reconfigurer.Start();
        Assert.True(barrier.SignalAndWait(timeout));

        // Frames flow until enough connections are processed and several configurations were taken in between.
        var deadline = DateTime.UtcNow + timeout;
        int connections = 0;
        while ((connections < connectionsWanted || _pipeline.Statistics.ConfigurationsApplied < 2) && DateTime.UtcNow < deadline)
        {
            Exchange(connections % 2 == 0 ? "198.51.100.20:80" : "198.51.100.21:80", path: $"/{connections}");
            connections++;
        }
        Volatile.Write(ref stop, 1);
        Assert.True(reconfigurer.Join(timeout));

        Assert.Empty(problems);
        Assert.Equal(0, _pipeline.Statistics.InternalErrors);
        Assert.True(_pipeline.Statistics.ConfigurationsApplied > 1, $"applied {_pipeline.Statistics.ConfigurationsApplied} of {calls} calls");
        Assert.InRange(_pipeline.Statistics.ConfigurationsApplied, 2, calls);
        // Applied by the thread that feeds frames, never by the caller of Reconfigure.
        Assert.All(applyThreads, id => Assert.Equal(Environment.CurrentManagedThreadId, id));
        Assert.NotEqual(reconfigurerThread, Environment.CurrentManagedThreadId);
        Assert.Equal(_pipeline.Statistics.ConfigurationsApplied, applyThreads.Count);
        // Every connection was decided exactly once.
        Assert.Equal(connections, _records.Count + _pipeline.Statistics.OutOfScopeConnections);
        // The last call wins.
        _records.Clear();
        Exchange("198.51.100.20:80", path: "/a");
        Exchange("198.51.100.21:80", path: "/b");
        Assert.Equal(["/a"], _records.Select(r => r.Path));
    }

    private void Post(string json, string path)
    {
        new TcpConversation(_pipeline, $"192.0.2.10:{_nextClientPort++}", "198.51.100.20:80").Open(Start)
            .ClientSends(PostRequest(json, path), Start + 10)
            .ServerSends("HTTP/1.1 204 No Content\r\n\r\n", Start + 20)
            .Close(Start + 30);
    }

    private static string PostRequest(string json, string path) =>
        $"POST {path} HTTP/1.1\r\nHost: api.example\r\nContent-Type: application/json\r\nContent-Length: {json.Length}\r\n\r\n{json}";

    private static List<string> CustomTypes(ExchangeRecord record) =>
        [.. record.Sensitive.Select(s => s.Type).Where(t => t is "employee-id" or "ticket-id").Distinct().Order(StringComparer.Ordinal)];
}
