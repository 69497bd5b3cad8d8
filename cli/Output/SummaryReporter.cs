using System.Globalization;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Cli.Output;

/// <summary>
/// The closing summary on stderr: what was read, what came out, and every kind of loss or damage that occurred —
/// each bound that bit is named with its count, so loss is never silent (DESIGN.md, "Bounds").
/// </summary>
internal static class SummaryReporter
{
    public static void Write(TextWriter error, PipelineStatistics s, int files, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        error.WriteLine(string.Format(c,
            "apisentinel: {0:N0} exchanges from {1:N0} frames ({2:N1} MB) in {3} file{4}, {5:N1} s; {6:N0} connections",
            s.Extraction.Exchanges, s.FramesRead, s.BytesRead / 1e6, files, files == 1 ? "" : "s", elapsed.TotalSeconds,
            s.Reassembly.Connections));
        var issues = Issues(s).Where(i => i.Count > 0).ToList();
        if (issues.Count > 0)
        {
            error.WriteLine("apisentinel: " + string.Join("; ", issues.Select(i => string.Format(c, "{0:N0} {1}", i.Count, i.What))));
        }
    }

    /// <summary>Every counter a person should hear about when it is not zero.</summary>
    public static IEnumerable<(long Count, string What)> Issues(PipelineStatistics s)
    {
        foreach (var src in s.Sources)
        {
            yield return (src.FramesTruncatedBySnaplen, "frames cut by the capture's snaplen");
            yield return (src.TruncatedRecords, "truncated capture records (file ends mid-record)");
            yield return (src.KernelDropped, "packets dropped by the kernel");
            yield return (src.InterfaceDropped, "packets dropped by the interface");
            yield return (src.HandlerErrors, "capture handler errors");
        }
        foreach (var (name, count) in s.Decode.Losses())
        {
            yield return (count, name);
        }
        var r = s.Reassembly;
        yield return (r.Gaps, $"TCP gaps ({r.GapBytes:N0} bytes never captured)");
        yield return (r.PerConnectionLimitHits, "times the per-connection reassembly buffer bound bit");
        yield return (r.TotalLimitHits, "connections evicted by the total reassembly buffer bound");
        yield return (r.ConnectionsEvicted, "connections evicted by the connection-count bound (least recently seen first)");
        yield return (r.IdleTimeouts, "connections closed by the idle timeout");
        var h = s.Http;
        yield return (h.Resynchronisations, $"HTTP resynchronisations ({h.SkippedGarbageBytes:N0} bytes skipped)");
        yield return (h.HeaderGaps, "HTTP header blocks hit by a gap");
        yield return (h.BodyGaps, "HTTP bodies hit by a gap");
        yield return (h.AmbiguousFraming, "messages with ambiguous framing (smuggling signal)");
        yield return (h.OversizedHeaders, "oversized HTTP header blocks");
        yield return (h.PipelineOverflows, "times the pipelining bound bit");
        yield return (h.PendingBudgetOverflows, "requests given up unanswered by the bound on requests awaiting responses");
        yield return (h.InspectionBudgetExhausted, "bodies inspected in part or not at all (shared inspection budget exhausted)");
        yield return (h.DecodeErrors, "bodies whose content-encoding failed to decode");
        yield return (h.UnmatchedResponses, "responses without a request");
        yield return (h.UnansweredRequests, "requests without a response");
        yield return (s.Orderer?.OutOfOrder ?? 0, "records emitted out of request order (ordering bound)");
        yield return (s.InternalErrors, $"internal errors (frames skipped; please report: {s.FirstInternalError})");
    }
}
