namespace ApiSentinel.FakeApiServer.BuiltIns;

/// <summary>The two values kube allows for an Event's <c>type</c>.</summary>
internal static class EventTypes
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
