using ApiSentinel.Cli.Output;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Cli.Commands;

/// <summary>
/// A truncated capture or a cut-off HAR still yields everything before the damage (nothing that was there is
/// lost), but the run reports it as an input error, as DESIGN.md requires — the same for every command.
/// </summary>
internal static class DamagedInputs
{
    /// <summary>Prints one line for the first damaged file and returns the exit code the run ends with.</summary>
    public static int ExitCode(PipelineStatistics statistics, IReadOnlyList<string> captureFiles, InputsRead inputs)
    {
        for (var i = 0; i < statistics.Sources.Count && i < captureFiles.Count; i++)
        {
            if (statistics.Sources[i].TruncatedRecords > 0)
            {
                StderrLine.Write($"{captureFiles[i]}: capture is truncated (the last record is cut short)");
                return ExitCodes.InputError;
            }
        }
        if (inputs.DamagedHar is { } har)
        {
            StderrLine.Write($"{har.Path}: HAR is damaged ({har.Damage}); the {har.EntriesBefore:N0} entries before it were read");
            return ExitCodes.InputError;
        }
        return ExitCodes.Success;
    }
}
