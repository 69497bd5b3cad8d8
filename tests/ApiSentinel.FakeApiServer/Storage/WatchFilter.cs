using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Selectors;

namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>Which objects one list or watch sees, and the apiVersion it sees them in.</summary>
internal sealed record WatchFilter(string Group, string Plural, string Kind, string? Namespace, string ApiVersion, LabelSelector Labels, FieldSelector Fields)
{
    public bool Covers(StoreKey key) => key.Group == Group && key.Plural == Plural && (Namespace is null || key.Namespace == Namespace);

    public bool Matches(JsonObject obj) => Labels.Matches(obj) && Fields.Matches(obj);

    /// <summary>
    /// The event this watcher sees for a change, if any: a modification that moves an object into the selection is
    /// an ADDED, one that moves it out a DELETED (what the real watch cache sends).
    /// </summary>
    public string? Translate(StoredEvent change)
    {
        var matchesNew = Matches(change.Object);
        if (change.Type != WatchEventTypes.Modified)
        {
            return matchesNew ? change.Type : null;
        }
        var matchesOld = change.Old is not null && Matches(change.Old);
        return (matchesOld, matchesNew) switch
        {
            (true, true) => WatchEventTypes.Modified,
            (false, true) => WatchEventTypes.Added,
            (true, false) => WatchEventTypes.Deleted,
            _ => null,
        };
    }
}
