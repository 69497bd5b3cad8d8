using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Collector.Catalog.State;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Specs.Loading;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// State export and import: everything calls have changed — counters, bounds, the templater's evidence, every
/// endpoint's aggregates (with its pending hourly usage), the renames, the finding windows, the ingest positions — in the format of <see cref="StateFormat"/>.
/// Importing into a fresh catalog and ingesting on gives exactly what one catalog that saw every call would hold.
/// Configuration (options, configured specs) is not state: it is given again on import, and a state written under other
/// state-shaping options is refused (<see cref="OptionsFingerprint"/>). The specs set at run time are state: they
/// come from <c>ApiSpec</c> resources, which a restarted collector sees again only after its catalog is ready, and
/// the endpoints keyed under their templates must not be re-keyed to inferred ones in between (renames that
/// rewrite every sink's resources, twice). They are kept as their documents and parsed again on import.
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
    // Since format 4, just before the end (a format 3 payload goes from returned usage to the end).
    private const int RuntimeSpecsSection = 11;

    /// <summary>Writes the catalog's state to <paramref name="output"/>. Does not change the catalog.</summary>
    public void ExportState(Stream output) => StateFile.Write(output, OptionsFingerprint.Of(_options), WriteState);

    /// <summary>
    /// A new catalog holding the state <see cref="ExportState"/> wrote, under the same options (and the configured
    /// specs it should compare with now). The run-time specs of the state are parsed again within
    /// <paramref name="specBudget"/> (default <see cref="SpecBudget.Default"/>) and set before anything else can use
    /// the catalog; one that no longer parses is left out and listed in <see cref="SpecsDroppedOnImport"/>. Throws
    /// <see cref="CatalogStateException"/>, with one line for a person, when the input is not such a state, is newer,
    /// was written under other options, or is truncated or corrupt.
    /// </summary>
    public static ApiCatalog ImportState(Stream input, CatalogOptions options, SpecIndex? specs = null, SpecBudget? specBudget = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reader = StateFile.Open(input, OptionsFingerprint.Of(options));
        var catalog = new ApiCatalog(options, specs);
        IReadOnlyList<SavedSpec> saved;
        try
        {
            saved = catalog.ReadState(reader);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException or IndexOutOfRangeException)
        {
            // A payload with a valid checksum that still does not parse was crafted or written by a broken build.
            throw reader.Corrupt("inconsistent content");
        }
        // Outside the corruption guard: a document that does not parse is the spec's problem, not the state's.
        catalog.RestoreSpecs(saved, specBudget ?? SpecBudget.Default);
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
        writer.WriteCount(RuntimeSpecsSection);
        WriteRuntimeSpecs(writer);
        writer.WriteCount(EndSection);
    }

    /// <summary>Reads everything but parses no spec; returns the run-time specs saved, for <see cref="RestoreSpecs"/>.</summary>
    private IReadOnlyList<SavedSpec> ReadState(StateReader reader)
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
        IReadOnlyList<SavedSpec> saved = [];
        if (reader.Version >= StateFormat.RuntimeSpecsSince)
        {
            Expect(reader, RuntimeSpecsSection);
            saved = ReadRuntimeSpecs(reader);
        }
        Expect(reader, EndSection);
        if (!reader.AtEnd)
        {
            throw reader.Corrupt("trailing bytes");
        }
        return saved;
    }

    /// <summary>
    /// The run-time specs that were in the state but did not parse again on import, so this catalog is without them
    /// (empty for a catalog not imported). Their endpoints go back to inference at the first build, as if the spec
    /// had been removed; the ApiSpec controller sets the spec again if its resource still holds a usable one.
    /// </summary>
    public IReadOnlyList<DroppedSpec> SpecsDroppedOnImport { get; private set; } = [];

    private void WriteRuntimeSpecs(StateWriter writer)
    {
        writer.WriteCount(_runtimeSpecs.Count);
        foreach (var (id, binding) in _runtimeSpecs)
        {
            // SetSpec takes only specs parsed from text, so every run-time spec has its document.
            new SavedSpec(id, binding.Hosts, binding.Spec.SourceName, binding.Spec.Document!).Write(writer);
        }
    }

    private static List<SavedSpec> ReadRuntimeSpecs(StateReader reader)
    {
        var count = reader.ReadCount();
        var saved = new List<SavedSpec>(count);
        for (var i = 0; i < count; i++)
        {
            var spec = SavedSpec.Read(reader);
            if (saved.Count > 0 && string.CompareOrdinal(saved[^1].Id, spec.Id) >= 0)
            {
                throw reader.Corrupt("run-time specs out of order");
            }
            saved.Add(spec);
        }
        return saved;
    }

    /// <summary>Parses the saved run-time specs with today's budget and sets those that parse, in one index rebuild.</summary>
    private void RestoreSpecs(IReadOnlyList<SavedSpec> saved, SpecBudget budget)
    {
        if (saved.Count == 0)
        {
            return;
        }
        var dropped = new List<DroppedSpec>();
        foreach (var spec in saved)
        {
            try
            {
                _runtimeSpecs[spec.Id] = new SpecBinding(ApiSpec.Parse(spec.Document, spec.SourceName, budget), spec.Hosts);
            }
            catch (SpecException invalid)
            {
                dropped.Add(new DroppedSpec(spec.Id, spec.SourceName, invalid.Message));
            }
            catch (Exception unexpected) when (unexpected is not OperationCanceledException)
            {
                // It parsed when it was set: a loader that now fails on it must not cost the whole state.
                dropped.Add(new DroppedSpec(spec.Id, spec.SourceName, $"{spec.SourceName}: the document could not be read ({unexpected.GetType().Name})"));
            }
        }
        SpecsDroppedOnImport = dropped;
        if (_runtimeSpecs.Count > 0)
        {
            RebuildSpecs();
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
