namespace ApiSentinel.Bench.Adversarial.Inputs;

/// <summary>
/// One resource class of issue 6 (items 8-18): writes a hostile input of a given size and says how the CLI reads
/// it. <see cref="FullSize"/> is the size the issue measured; tests use small sizes of the same shape.
/// </summary>
public abstract class HostileInput
{
    /// <summary>Short, stable name (used for file names, the bench table and test names).</summary>
    public abstract string Name { get; }

    /// <summary>The item of issue 6 this input reproduces.</summary>
    public abstract int IssueItem { get; }

    /// <summary>What <c>size</c> counts, and the issue's shape, for the bench table.</summary>
    public abstract string Shape { get; }

    public abstract int FullSize { get; }

    /// <summary>The CLI commands worth measuring on this input (<c>analyze</c>; capture classes add <c>exchanges</c>).</summary>
    public virtual IReadOnlyList<string> Commands => [CliCommands.Analyze];

    /// <summary>Writes the input under <paramref name="directory"/> and returns the CLI arguments after the command.</summary>
    public abstract IReadOnlyList<string> Write(string directory, int size);
}

/// <summary>The CLI command names the runner invokes.</summary>
public static class CliCommands
{
    public const string Analyze = "analyze";
    public const string Exchanges = "exchanges";
}
