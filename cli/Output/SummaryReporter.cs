using System.Globalization;
using ApiSentinel.Cli.Commands;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Cli.Output;

/// <summary>
/// The closing summary on stderr: what was read, what came out, and every kind of loss or damage that occurred —
/// each bound that bit is named with its count, so loss is never silent (DESIGN.md, "Bounds").
/// </summary>
internal static class SummaryReporter
{
    public static void Write(TextWriter error, PipelineStatistics s, InputsRead inputs, TimeSpan elapsed)
    {
        StderrLine.Write(error, WhatWasRead(s, inputs, elapsed));
        WriteIssues(error, Issues(s, inputs).Where(i => i.Count > 0).ToList());
    }

    /// <summary>
    /// The files, what was in them (frames and bytes of captures, entries and bytes of HAR files) and what came
    /// out: <c>read 1 capture file (1,204 frames, 0.3 MB) and 1 HAR file (12 entries, 0.1 MB): 40 exchanges over
    /// 9 connections, 0.2 s</c>.
    /// </summary>
    public static string WhatWasRead(PipelineStatistics s, InputsRead inputs, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string>(2);
        if (inputs.Interface is not null)
        {
            parts.Add(string.Format(c, "interface {0} ({1:N0} frames, {2:N1} MB)", inputs.Interface, s.FramesRead, s.BytesRead / 1e6));
        }
        else if (inputs.CaptureFiles > 0 || inputs.HarFiles == 0)
        {
            parts.Add(string.Format(c, "{0} capture file{1} ({2:N0} frames, {3:N1} MB)",
                inputs.CaptureFiles, inputs.CaptureFiles == 1 ? "" : "s", s.FramesRead, s.BytesRead / 1e6));
        }
        if (inputs.HarFiles > 0)
        {
            parts.Add(string.Format(c, "{0} HAR file{1} ({2:N0} entries, {3:N1} MB)",
                inputs.HarFiles, inputs.HarFiles == 1 ? "" : "s", inputs.HarEntries, inputs.HarBytes / 1e6));
        }
        return string.Format(c, "read {0}: {1:N0} exchanges over {2:N0} connections, {3:N1} s",
            string.Join(" and ", parts), s.Extraction.Exchanges, s.Reassembly.Connections, elapsed.TotalSeconds);
    }

    /// <summary>One line naming every non-zero loss counter, or nothing.</summary>
    public static void WriteIssues(TextWriter error, IReadOnlyCollection<(long Count, string What)> issues)
    {
        if (issues.Count > 0)
        {
            var c = CultureInfo.InvariantCulture;
            StderrLine.Write(error, string.Join("; ", issues.Select(i => string.Format(c, "{0:N0} {1}", i.Count, i.What))));
        }
    }

    /// <summary>Every counter a person should hear about when it is not zero.</summary>
    public static IEnumerable<(long Count, string What)> Issues(PipelineStatistics s, InputsRead inputs)
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
        foreach (var (what, count) in s.Extraction.Losses())
        {
            yield return (count, what);
        }
        yield return (s.Orderer?.OutOfOrder ?? 0, "records emitted out of request order (ordering bound)");
        yield return (s.InternalErrors, $"internal errors (frames skipped; please report: {s.FirstInternalError})");
        yield return (inputs.HarEntriesSkipped, "HAR entries skipped (not HTTP-shaped, or unreadable)");
    }
}
