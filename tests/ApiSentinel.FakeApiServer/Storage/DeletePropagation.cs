namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>
/// <c>propagationPolicy</c> of a delete. Background (the default) removes the owner and then its dependents;
/// Foreground removes the dependents first; Orphan keeps them and strips the owner reference. This server collects
/// garbage synchronously inside the delete, so both cascading policies leave no dependents once it has answered.
/// </summary>
public static class DeletePropagation
{
    public const string Background = "Background";
    public const string Foreground = "Foreground";
    public const string Orphan = "Orphan";
}
