namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// Which ApiSpecs name which ConfigMap (<c>spec.configMapRef</c>, always in the ApiSpec's own namespace): the index
/// the ConfigMap watch filters by (only referenced ConfigMaps are cached) and a ConfigMap's change is routed by
/// (to the ApiSpecs that name it, without scanning them all). Updated from the ApiSpec watch, read from the ConfigMap
/// watch and the reconcile loop: thread-safe.
/// </summary>
internal sealed class ConfigMapReferences
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Namespace, string Name), HashSet<string>> _bySpec = [];
    private readonly Dictionary<string, (string Namespace, string Name)> _ofSpec = new(StringComparer.Ordinal);

    /// <summary>Records what the ApiSpec <paramref name="specKey"/> names now (null: no ConfigMap).</summary>
    /// <returns>The ConfigMap no ApiSpec names any more, to let go of; null when none.</returns>
    public (string Namespace, string Name)? Set(string specKey, (string Namespace, string Name)? configMap)
    {
        lock (_gate)
        {
            (string, string)? released = null;
            if (_ofSpec.TryGetValue(specKey, out var before))
            {
                if (configMap == before)
                {
                    return null;
                }
                var specs = _bySpec[before];
                specs.Remove(specKey);
                _ofSpec.Remove(specKey);
                if (specs.Count == 0)
                {
                    _bySpec.Remove(before);
                    released = before;
                }
            }
            if (configMap is { } now)
            {
                _ofSpec[specKey] = now;
                if (!_bySpec.TryGetValue(now, out var specs))
                {
                    _bySpec[now] = specs = new HashSet<string>(StringComparer.Ordinal);
                }
                specs.Add(specKey);
                if (released == now)
                {
                    released = null;
                }
            }
            return released;
        }
    }

    public bool IsReferenced(string @namespace, string name)
    {
        lock (_gate)
        {
            return _bySpec.ContainsKey((@namespace, name));
        }
    }

    /// <summary>The keys of the ApiSpecs that name this ConfigMap.</summary>
    public IReadOnlyList<string> SpecsOf(string @namespace, string name)
    {
        lock (_gate)
        {
            return _bySpec.TryGetValue((@namespace, name), out var specs) ? [.. specs] : [];
        }
    }

    /// <summary>The keys of every ApiSpec that names a ConfigMap.</summary>
    public IReadOnlyList<string> AllSpecs()
    {
        lock (_gate)
        {
            return [.. _ofSpec.Keys];
        }
    }

    /// <summary>ConfigMaps named by at least one ApiSpec.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _bySpec.Count;
            }
        }
    }
}
