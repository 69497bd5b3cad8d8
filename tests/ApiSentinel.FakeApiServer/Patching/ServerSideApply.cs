using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Json;

namespace ApiSentinel.FakeApiServer.Patching;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>): the applied configuration is the manager's whole intent.
/// Fields it sets that another manager owns with a different value are conflicts (409 with one cause per field)
/// unless forced, which takes them over; fields it applied before and no longer applies are removed unless someone
/// else owns them too; its <c>Apply</c> entry becomes exactly the fields of this configuration.
/// </summary>
internal static class ServerSideApply
{
    /// <param name="live">The stored object (a fresh copy to change), or a new object's skeleton when apply creates.</param>
    public static JsonObject Apply(JsonObject live, JsonObject configuration, WriteContext write, bool force)
    {
        var config = Scoped(configuration, write.Scope);
        var applied = FieldPaths.Leaves(config, write.Scope);
        var entries = ManagerEntry.Read(live);
        var mine = entries.FirstOrDefault(e => e.Is(write.Manager, ManagedFieldsOperations.Apply, write.Subresource));

        var merged = Merge(live, config);
        var conflicts = new List<(string Manager, string Path, ManagerEntry Entry)>();
        foreach (var entry in entries.Where(e => e.Manager != write.Manager))
        {
            foreach (var owned in entry.Fields)
            {
                var clash = applied.FirstOrDefault(p => p == owned || FieldPaths.IsUnder(owned, p) || FieldPaths.IsUnder(p, owned));
                if (clash is not null && !JsonTree.Same(FieldPaths.At(live, owned).Value, FieldPaths.At(merged, owned).Value))
                {
                    conflicts.Add((entry.Manager, owned, entry));
                }
            }
        }
        if (conflicts.Count > 0 && !force)
        {
            throw Conflict(conflicts.Select(c => (c.Manager, c.Path, c.Entry.Operation, c.Entry.ApiVersion)).ToList());
        }
        foreach (var (_, path, entry) in conflicts)
        {
            entry.Fields.Remove(path);
        }

        var result = merged;
        foreach (var dropped in mine?.Fields.Except(applied) ?? [])
        {
            var sharedElsewhere = entries.Any(e => e != mine && e.Fields.Any(p => p == dropped || FieldPaths.IsUnder(p, dropped)));
            if (!sharedElsewhere)
            {
                FieldPaths.Remove(result, dropped);
            }
        }

        if (mine is null)
        {
            mine = new ManagerEntry
            {
                Manager = write.Manager,
                Operation = ManagedFieldsOperations.Apply,
                Subresource = write.Subresource,
                ApiVersion = write.ApiVersion,
                Time = write.Time,
                Fields = applied,
            };
            entries.Add(mine);
        }
        else
        {
            var changedOwnership = !mine.Fields.SetEquals(applied);
            mine.Fields = applied;
            mine.ApiVersion = write.ApiVersion;
            if (changedOwnership || !JsonTree.Same(Comparable(live), Comparable(result)))
            {
                mine.Time = write.Time;
            }
        }
        ManagerEntry.Write(result, entries);
        return result;
    }

    /// <summary>The configuration restricted to what this write may touch (status through /status only, and so on).</summary>
    private static JsonObject Scoped(JsonObject configuration, FieldScope scope)
    {
        var copy = JsonTree.Clone(configuration);
        foreach (var name in copy.Select(m => m.Key).ToList())
        {
            if (name is not ("metadata" or "apiVersion" or "kind") && !FieldPaths.InScope(name, scope))
            {
                copy.Remove(name);
            }
        }
        if (scope == FieldScope.Status)
        {
            copy["metadata"] = new JsonObject();
        }
        return copy;
    }

    /// <summary>Objects merge recursively; scalars and lists in the configuration replace what is there.</summary>
    private static JsonObject Merge(JsonObject live, JsonObject config)
    {
        var result = JsonTree.Clone(live);
        MergeInto(result, config, top: true);
        return result;
    }

    private static void MergeInto(JsonObject target, JsonObject source, bool top)
    {
        foreach (var (name, value) in source)
        {
            if (top && name == "metadata")
            {
                var metadata = JsonTree.Metadata(target);
                foreach (var (member, child) in value as JsonObject ?? [])
                {
                    if (member is "labels" or "annotations" && child is JsonObject map)
                    {
                        if (metadata[member] is not JsonObject existing)
                        {
                            existing = [];
                            metadata[member] = existing;
                        }
                        MergeInto(existing, map, top: false);
                    }
                    else if (member is "finalizers" or "ownerReferences")
                    {
                        metadata[member] = child?.DeepClone();
                    }
                }
                continue;
            }
            if (value is JsonObject map2 && map2.Count > 0 && target[name] is JsonObject existingMap)
            {
                MergeInto(existingMap, map2, top: false);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }

    private static JsonObject Comparable(JsonObject obj)
    {
        var copy = JsonTree.Clone(obj);
        JsonTree.Metadata(copy).Remove("managedFields");
        return copy;
    }

    private static KubeStatusException Conflict(List<(string Manager, string Path, string Operation, string ApiVersion)> conflicts)
    {
        var causes = new JsonArray();
        var lines = new List<string>();
        foreach (var (manager, path, operation, apiVersion) in conflicts)
        {
            // kube names the version of an Update manager ("using v1") but not of an applier.
            var who = operation == ManagedFieldsOperations.Update ? $"conflict with \"{manager}\" using {apiVersion}" : $"conflict with \"{manager}\"";
            causes.Add(new JsonObject { ["reason"] = "FieldManagerConflict", ["message"] = who, ["field"] = FieldPaths.Display(path) });
            lines.Add($"{who}: {FieldPaths.Display(path)}");
        }
        var noun = conflicts.Count == 1 ? "conflict" : "conflicts";
        var message = $"Apply failed with {conflicts.Count} {noun}: {string.Join("\n", lines)}";
        return new KubeStatusException(409, KubeStatus.Failure(409, StatusReasons.Conflict, message, new JsonObject { ["causes"] = causes }));
    }
}
