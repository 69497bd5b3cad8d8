namespace ApiSentinel.Bench.Adversarial.Inputs;

/// <summary>Every resource class, in issue order.</summary>
public static class HostileInputs
{
    public static IReadOnlyList<HostileInput> All { get; } =
    [
        new FlowNestingYaml(),
        new AliasBombYaml(),
        new AllOfFanOutSpec(),
        new PropertyFanOutSpec(),
        new ServersTimesPathsSpec(),
        new ManyPathsSpec(),
        new MillionKeysYaml(),
        new SynFloodCapture(),
        new OpenRequestsCapture(),
        new PipelinedGzipCapture(),
        new ManyHostsCapture(),
        new ManyMethodsCapture(),
        new ScannerFindingsCapture(),
        new LargeHar(),
    ];

    public static HostileInput Named(string name) =>
        All.FirstOrDefault(i => i.Name == name) ?? throw new ArgumentException($"no hostile input named '{name}'", nameof(name));
}
