namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>
/// How often an operation is called: the long tail of real APIs. Most operations (88 %) get 2–10 calls, the rest
/// 11–400, each range log-uniform — a few hot endpoints with hundreds of calls, many seen a handful of times,
/// which is where a templater has the least evidence.
/// </summary>
internal static class CallCounts
{
    private const double TailShare = 0.12;

    public static int Next(Random random) => random.NextDouble() < TailShare ? LogUniform(random, 11, 400) : LogUniform(random, 2, 10);

    private static int LogUniform(Random random, int min, int max) =>
        (int)Math.Round(Math.Exp(Math.Log(min) + (random.NextDouble() * (Math.Log(max) - Math.Log(min)))));
}
