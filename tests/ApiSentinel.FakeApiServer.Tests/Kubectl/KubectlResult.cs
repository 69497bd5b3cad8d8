namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

/// <summary>What one kubectl run printed.</summary>
internal sealed record KubectlResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout, after asserting the run succeeded (the message carries stderr when it did not).</summary>
    public string Succeeded()
    {
        Assert.True(ExitCode == 0, $"kubectl {Command} exited {ExitCode}: {Stderr}{Stdout}");
        return Stdout;
    }

    /// <summary>Stdout's lines, without blank ones.</summary>
    public IReadOnlyList<string> Lines() => Succeeded().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
