using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Json;

namespace ApiSentinel.FakeApiServer.Patching;

/// <summary>
/// Ownership after a non-apply write (create, PUT, merge or JSON patch): the writer's <c>Update</c> entry takes every
/// field it set or changed, and every other manager loses the fields that changed under it, as kube's field manager
/// records updates.
/// </summary>
internal static class UpdateOwnership
{
    public static void Record(JsonObject? old, JsonObject updated, WriteContext write)
    {
        var entries = old is null ? [] : ManagerEntry.Read(old);
        var before = old is null ? [] : FieldPaths.Leaves(old, write.Scope);
        var after = FieldPaths.Leaves(updated, write.Scope);
        var changed = after.Where(p => !before.Contains(p) || !Same(old!, updated, p)).ToHashSet(StringComparer.Ordinal);
        var removed = before.Where(p => !after.Contains(p)).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            entry.Fields.RemoveWhere(p => removed.Contains(p) || (changed.Contains(p) && !entry.Is(write.Manager, ManagedFieldsOperations.Update, write.Subresource)));
            entry.Fields.RemoveWhere(p => !after.Contains(p) && FieldPaths.InScope(p.Split(FieldPaths.Separator)[0], write.Scope));
        }
        if (changed.Count > 0)
        {
            var mine = entries.FirstOrDefault(e => e.Is(write.Manager, ManagedFieldsOperations.Update, write.Subresource));
            if (mine is null)
            {
                mine = new ManagerEntry
                {
                    Manager = write.Manager,
                    Operation = ManagedFieldsOperations.Update,
                    Subresource = write.Subresource,
                    ApiVersion = write.ApiVersion,
                    Time = write.Time,
                    Fields = [],
                };
                entries.Add(mine);
            }
            mine.Fields.UnionWith(changed);
            mine.Time = write.Time;
            mine.ApiVersion = write.ApiVersion;
        }
        ManagerEntry.Write(updated, entries);
    }

    private static bool Same(JsonObject a, JsonObject b, string path) => JsonTree.Same(FieldPaths.At(a, path).Value, FieldPaths.At(b, path).Value);
}
