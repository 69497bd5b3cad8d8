using ApiSentinel.Cli.Output;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Cli.Commands;

/// <summary>
/// A truncated capture still yields everything before the cut (nothing that was there is lost), but the run
/// reports it as an input error, as DESIGN.md requires — the same for every command that reads captures.
/// </summary>
internal static class TruncatedCaptures
{
    /// <summary>Prints one line for the first truncated file and returns the exit code the run ends with.</summary>
    public static int ExitCode(PipelineStatistics statistics, IReadOnlyList<string> files)
    {
        for (var i = 0; i < statistics.Sources.Count && i < files.Count; i++)
        {
            if (statistics.Sources[i].TruncatedRecords > 0)
            {
                StderrLine.Write($"{files[i]}: capture is truncated (the last record is cut short)");
                return ExitCodes.InputError;
            }
        }
        return ExitCodes.Success;
    }
}
