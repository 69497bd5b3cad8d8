namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>The values of <see cref="ApiEndpointStatus.State"/>: the one home of these strings.</summary>
public static class EndpointStates
{
    /// <summary>Calls were seen recently.</summary>
    public const string Active = "active";

    /// <summary>No call for longer than the collector's inactivity period; deleted after a longer one.</summary>
    public const string Inactive = "inactive";

    public static IReadOnlyList<string> All { get; } = [Active, Inactive];
}
