namespace ApiSentinel.Collector.Specs;

/// <summary>An endpoint's state against the published specs, as every output names it: the one home of these strings.</summary>
public static class SpecStates
{
    /// <summary>No spec describes the endpoint's host.</summary>
    public const string NoSpec = "no-spec";

    /// <summary>Matches a spec operation and nothing observed contradicts it.</summary>
    public const string Conformant = "conformant";

    /// <summary>Matches a spec operation, with violations.</summary>
    public const string NonConformant = "non-conformant";

    /// <summary>A spec describes the host but has no such operation: an undocumented API.</summary>
    public const string Shadow = "shadow";

    /// <summary>The matching operation is deprecated, yet still called.</summary>
    public const string Zombie = "zombie";

    /// <summary>Every call was answered 404 and no spec documents it: a probed path, not an endpoint.</summary>
    public const string NotFound = "not-found";
}
