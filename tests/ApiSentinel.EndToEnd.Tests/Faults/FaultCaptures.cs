namespace ApiSentinel.EndToEnd.Tests.Faults;

/// <summary>
/// The capture the fault tests replay: bench/TrafficGen output of <see cref="Size"/> (about 1,800 exchanges
/// spanning ~100 ms of capture time), replayed at <see cref="ReplaySpeed"/> so the replay lasts several
/// seconds — long enough to kill something in the middle of it, short enough for the suite's time budget.
/// </summary>
internal static class FaultCaptures
{
    public const string Size = "9MB";

    public const double ReplaySpeed = 0.02;
}
