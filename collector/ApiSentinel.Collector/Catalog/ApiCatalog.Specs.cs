using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Catalog;

/// <summary>Specs added, replaced and removed at run time (they come from <c>ApiSpec</c> resources).</summary>
public sealed partial class ApiCatalog
{
    // The index given to the constructor (configuration, --spec files) stays; run-time specs come after it, by id in
    // ordinal order, so the rebuilt index — and which declaration wins a tie — does not depend on arrival order.
    private readonly IReadOnlyList<SpecBinding> _configuredSpecs;
    private readonly SortedDictionary<string, SpecBinding> _runtimeSpecs = new(StringComparer.Ordinal);

    /// <summary>The ids of the specs set at run time, in ordinal order.</summary>
    public IReadOnlyCollection<string> SpecIds => _runtimeSpecs.Keys;

    /// <summary>
    /// Adds the spec with this id, or replaces the one that had it. Calls ingested from now on are keyed under its
    /// templates; the next <see cref="Build"/> re-keys the endpoints ingested before and compares every endpoint
    /// with the new set. Owner thread only.
    /// </summary>
    /// <param name="spec">Parsed from text (<see cref="ApiSpec.Parse(string, string, Specs.Loading.SpecBudget)"/>): the
    /// catalog's state keeps run-time specs as their documents, so a spec loaded from a file is refused.</param>
    /// <param name="hosts">Hosts the spec describes beyond its own servers (an <c>ApiSpec</c> resource's hosts).</param>
    public void SetSpec(string id, ApiSpec spec, IEnumerable<string>? hosts = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Document is null)
        {
            throw new ArgumentException("a run-time spec must be parsed from its text (ApiSpec.Parse), which the catalog's state keeps", nameof(spec));
        }
        _runtimeSpecs[id] = new SpecBinding(spec, (hosts ?? []).ToArray());
        RebuildSpecs();
    }

    /// <summary>
    /// Removes the spec with this id; false when there was none. Its hosts go back to inferred templates (and to
    /// <c>no-spec</c>) at the next <see cref="Build"/>, unless another spec describes them. Owner thread only.
    /// </summary>
    public bool RemoveSpec(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!_runtimeSpecs.Remove(id))
        {
            return false;
        }
        RebuildSpecs();
        return true;
    }

    private void RebuildSpecs()
    {
        var bindings = _configuredSpecs.Concat(_runtimeSpecs.Values).ToList();
        UseSpecs(bindings.Count == 0 ? null : SpecIndex.Of(bindings));
    }

    /// <summary>
    /// Where a spec describes a host, its templates win over inference; elsewhere inference alone. The templater asks
    /// the index per host (now and for hosts first seen later), so templating covers exactly the hosts conformance does.
    /// </summary>
    private void UseSpecs(SpecIndex? specs)
    {
        _specs = specs;
        ForgetEndpointHandles();
        _templater.UseSpecs(specs);
    }
}
