using System.Collections.Immutable;

namespace ApiSentinel.FakeApiServer.Resources;

/// <summary>
/// The kinds the server serves now: the built-ins from the start, a CRD's versions from its creation until its
/// deletion. Readers get an immutable view (<see cref="All"/>) so discovery, routing and tables never see a half-made
/// change; <see cref="Changed"/> tells them when it moved.
/// </summary>
public sealed class ResourceTypes
{
    private readonly Lock _gate = new();
    private ImmutableArray<ResourceType> _all = [];

    public ResourceTypes(IEnumerable<ResourceType> builtIns) => _all = [.. builtIns];

    public IReadOnlyList<ResourceType> All => _all;

    /// <summary>Raised after every change (a CRD registered, changed or removed).</summary>
    public event Action? Changed;

    public bool TryGet(string group, string version, string plural, out ResourceType type)
    {
        foreach (var candidate in _all)
        {
            if (candidate.Group == group && candidate.Version == version && candidate.Plural == plural)
            {
                type = candidate;
                return true;
            }
        }
        type = null!;
        return false;
    }

    /// <summary>Adds the types, replacing any with the same group, version and plural.</summary>
    public void Put(IEnumerable<ResourceType> types)
    {
        lock (_gate)
        {
            var added = types.ToList();
            _all = [.. _all.Where(t => !added.Any(a => Same(a, t))), .. added];
        }
        Changed?.Invoke();
    }

    /// <summary>Removes every version of one group's plural (a CRD deleted).</summary>
    public void Remove(string group, string plural)
    {
        lock (_gate)
        {
            _all = [.. _all.Where(t => !(t.Group == group && t.Plural == plural))];
        }
        Changed?.Invoke();
    }

    private static bool Same(ResourceType a, ResourceType b) => a.Group == b.Group && a.Version == b.Version && a.Plural == b.Plural;
}
