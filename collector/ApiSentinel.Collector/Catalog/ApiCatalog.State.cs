using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Collector.Catalog.State;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// State export and import: everything calls have changed — counters, bounds, the templater's evidence, every
/// endpoint's aggregates (with its pending hourly usage), the renames, the finding windows, the ingest positions — in the format of <see cref="StateFormat"/>.
/// Importing into a fresh catalog and ingesting on gives exactly what one catalog that saw every call would hold.
/// Configuration (options, specs) is not state: it is given again on import, and a state written under other
/// state-shaping options is refused (<see cref="OptionsFingerprint"/>).
/// </summary>
public sealed partial class ApiCatalog
{
    // Section markers: a Write/Read pair that drifted apart shows up as a clear error at the next section.
    private const int CountersSection = 1;
    private const int BoundsSection = 2;
    private const int TemplaterSection = 3;
    private const int EndpointsSection = 4;
    private const int RenamesSection = 5;
    private const int FindingsSection = 6;
    private const int PublishedSection = 7;
    private const int PositionsSection = 8;
    private const int ReturnedUsageSection = 9;
    private const int EndSection = 10;

    /// <summary>Writes the catalog's state to <paramref name="output"/>. Does not change the catalog.</summary>
    public void ExportState(Stream output) => StateFile.Write(output, OptionsFingerprint.Of(_options), WriteState);

    /// <summary>
    /// A new catalog holding the state <see cref="ExportState"/> wrote, under the same options (and the specs it
    /// should compare with now). Throws <see cref="CatalogStateException"/>, with one line for a person, when the
    /// input is not such a state, is newer, was written under other options, or is truncated or corrupt.
    /// </summary>
    public static ApiCatalog ImportState(Stream input, CatalogOptions options, SpecIndex? specs = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reader = StateFile.Open(input, OptionsFingerprint.Of(options));
        var catalog = new ApiCatalog(options, specs);
        try
        {
            catalog.ReadState(reader);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException or IndexOutOfRangeException)
        {
            // A payload with a valid checksum that still does not parse was crafted or written by a broken build.
            throw reader.Corrupt("inconsistent content");
        }
        return catalog;
    }

    private void WriteState(StateWriter writer)
    {
        writer.WriteCount(CountersSection);
        Counters.WriteState(writer);
        writer.WriteCount(BoundsSection);
        _bounds.WriteState(writer);
        writer.WriteCount(TemplaterSection);
        _templater.WriteState(writer);
        writer.WriteCount(EndpointsSection);
        var endpoints = _endpoints.Keys.ToArray();
        Array.Sort(endpoints, EndpointOrder.Instance);
        writer.WriteCount(endpoints.Length);
        foreach (var key in endpoints)
        {
            _endpoints[key].WriteState(writer);
        }
        writer.WriteCount(RenamesSection);
        var renamed = _renamed.Keys.ToArray();
        Array.Sort(renamed, EndpointOrder.Instance);
        writer.WriteCount(renamed.Length);
        foreach (var old in renamed)
        {
            writer.WriteKey(old);
            writer.WriteKey(_renamed[old]);
        }
        writer.WriteCount(FindingsSection);
        _findings.WriteState(writer);
        // What the last snapshot published (its generation and keys): the next build's renames are relative to it,
        // and a service that restarts must number and rename on from where its sinks are.
        writer.WriteCount(PublishedSection);
        writer.WriteLong(_generation);
        var published = _published.ToArray();
        Array.Sort(published, EndpointOrder.Instance);
        writer.WriteCount(published.Length);
        foreach (var key in published)
        {
            writer.WriteKey(key);
        }
        writer.WriteCount(PositionsSection);
        WritePositions(writer);
        writer.WriteCount(ReturnedUsageSection);
        WriteReturnedUsage(writer);
        writer.WriteCount(EndSection);
    }

    private void ReadState(StateReader reader)
    {
        Expect(reader, CountersSection);
        Counters.ReadState(reader);
        Expect(reader, BoundsSection);
        _bounds.ReadState(reader);
        Expect(reader, TemplaterSection);
        _templater.ReadState(reader);
        Expect(reader, EndpointsSection);
        var endpoints = reader.ReadCount();
        for (var i = 0; i < endpoints; i++)
        {
            var endpoint = ApiEndpoint.ReadState(reader, _options.ClientsTrackedPerEndpoint);
            if (!_endpoints.TryAdd(endpoint.Key, endpoint))
            {
                throw reader.Corrupt("repeated endpoint");
            }
        }
        Expect(reader, RenamesSection);
        var renamed = reader.ReadCount();
        for (var i = 0; i < renamed; i++)
        {
            if (!_renamed.TryAdd(reader.ReadKey(), reader.ReadKey()))
            {
                throw reader.Corrupt("repeated rename");
            }
        }
        Expect(reader, FindingsSection);
        _findings.ReadState(reader);
        Expect(reader, PublishedSection);
        _generation = reader.ReadNonNegative();
        var published = reader.ReadCount();
        for (var i = 0; i < published; i++)
        {
            if (!_published.Add(reader.ReadKey()))
            {
                throw reader.Corrupt("repeated published endpoint");
            }
        }
        Expect(reader, PositionsSection);
        ReadPositions(reader);
        Expect(reader, ReturnedUsageSection);
        ReadReturnedUsage(reader);
        Expect(reader, EndSection);
        if (!reader.AtEnd)
        {
            throw reader.Corrupt("trailing bytes");
        }
    }

    private static void Expect(StateReader reader, int section)
    {
        if (reader.ReadUInt() != (ulong)section)
        {
            throw reader.Corrupt($"section {section} misplaced");
        }
    }
}
