namespace ApiSentinel.FakeApiServer.Discovery;

/// <summary>The verbs discovery advertises: what kubectl checks before it lists, watches, patches or deletes.</summary>
public static class ApiVerbs
{
    /// <summary>A resource's own verbs, in the order the real server lists them.</summary>
    public static IReadOnlyList<string> Resource { get; } =
        ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"];

    /// <summary>A status subresource's verbs.</summary>
    public static IReadOnlyList<string> Status { get; } = ["get", "patch", "update"];
}
