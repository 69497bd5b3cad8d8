using System.Globalization;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema;
using ApiSentinel.FakeApiServer.BuiltIns;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Json;
using ApiSentinel.FakeApiServer.Patching;
using ApiSentinel.FakeApiServer.Resources;
using ApiSentinel.FakeApiServer.Selectors;

namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>
/// The verbs with kube's semantics, independent of HTTP: metadata the server owns (uid, creationTimestamp, one global
/// resourceVersion, generation bumped only when something outside metadata changes, status too unless it is a
/// subresource), optimistic
/// concurrency (409 on a stale resourceVersion), the status subresource's isolation, ownership in managedFields,
/// finalizers and deletionTimestamp, garbage collection of dependents, CRDs registering their kinds. Every operation
/// runs under the store's lock as one read-modify-write.
/// </summary>
internal sealed class ResourceOperations(ObjectStore store, ResourceTypes types, TimeProvider time, WriteAdmission admission)
{
    public const string StatusSubresource = "status";

    // Members of metadata only the server sets; a client's values are replaced by the stored ones.
    private static readonly string[] ServerMetadata = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "selfLink"];

    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public ObjectStore Store => store;

    public JsonObject Get(ResourceType type, string? ns, string name)
    {
        lock (store.Gate)
        {
            return Present(store.Find(Key(type, ns, name)) ?? throw KubeStatus.NotFound(type, name), type);
        }
    }

    public JsonObject List(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, int? limit, string? continueToken)
    {
        lock (store.Gate)
        {
            var after = continueToken is null ? null : ContinueToken.Decode(continueToken);
            var matching = store.Scan(type.Group, type.Plural, ns)
                .Where(o => (after is null || after.Precedes(o.Key)) && labels.Matches(o.Value) && fields.Matches(o.Value))
                .ToList();
            var page = limit is > 0 ? matching.Take(limit.Value).ToList() : matching;
            var version = after?.ResourceVersion ?? store.CurrentVersion;
            var metadata = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) };
            if (page.Count < matching.Count)
            {
                var last = page[^1].Key;
                metadata["continue"] = new ContinueToken(last.Namespace, last.Name, version).Encode();
                metadata["remainingItemCount"] = matching.Count - page.Count;
            }
            var items = new JsonArray();
            foreach (var (_, obj) in page)
            {
                items.Add(Present(obj, type));
            }
            return new JsonObject { ["kind"] = type.ListKind, ["apiVersion"] = type.ApiVersion, ["metadata"] = metadata, ["items"] = items };
        }
    }

    public (int Code, JsonObject Body) Create(ResourceType type, string? ns, JsonObject body, WriteOptions options)
    {
        lock (store.Gate)
        {
            if (JsonTree.String(body, "metadata", "resourceVersion") is { Length: > 0 })
            {
                throw KubeStatus.BadRequest("resourceVersion should not be set on objects to be created");
            }
            var write = Context(type, null, options);
            var created = CreateLocked(type, ns, JsonTree.Clone(body), options.DryRun, obj => UpdateOwnership.Record(null, obj, write));
            return (201, Present(created, type));
        }
    }

    public (int Code, JsonObject Body) Update(ResourceType type, string? ns, string name, string? subresource, JsonObject body, WriteOptions options)
    {
        lock (store.Gate)
        {
            var old = store.Find(Key(type, ns, name)) ?? throw KubeStatus.NotFound(type, name);
            // kube refuses an unconditional update of a custom resource: the client must say which version it read.
            var requireVersion = !BuiltInTypes.All.Contains(type);
            return (200, Present(Replace(type, old, JsonTree.Clone(body), subresource, options, ownershipDone: false, requireVersion), type));
        }
    }

    public (int Code, JsonObject Body) Patch(ResourceType type, string? ns, string name, string? subresource, PatchKind kind, JsonNode? patch, WriteOptions options)
    {
        lock (store.Gate)
        {
            var old = store.Find(Key(type, ns, name));
            var write = Context(type, subresource, options);
            if (kind == PatchKind.Apply)
            {
                var config = patch as JsonObject ?? throw KubeStatus.BadRequest("the apply configuration must be an object");
                CheckApplyConfiguration(type, config, ns, name);
                // A resourceVersion in the configuration is a precondition on the object it applies to.
                if (old is not null && JsonTree.String(config, "metadata", "resourceVersion") is { } expected
                    && expected != JsonTree.String(old, "metadata", "resourceVersion"))
                {
                    throw KubeStatus.Conflict(type, name);
                }
                if (old is null)
                {
                    if (subresource is not null)
                    {
                        throw KubeStatus.NotFound(type, name);
                    }
                    var skeleton = new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind, ["metadata"] = new JsonObject { ["name"] = name } };
                    var applied = ServerSideApply.Apply(skeleton, config, write, options.Force);
                    return (201, Present(CreateLocked(type, ns, applied, options.DryRun, ownership: null), type));
                }
                var result = ServerSideApply.Apply(Present(old, type), config, write, options.Force);
                return (200, Present(Replace(type, old, result, subresource, options, ownershipDone: true, requireVersion: false), type));
            }
            if (old is null)
            {
                throw KubeStatus.NotFound(type, name);
            }
            var current = Present(old, type);
            var patched = kind switch
            {
                PatchKind.Json => JsonPatch.Apply(current, patch),
                _ => MergePatch.Apply(current, patch),
            };
            if (patched is not JsonObject patchedObject)
            {
                throw KubeStatus.BadRequest("the patch does not result in an object");
            }
            return (200, Present(Replace(type, old, patchedObject, subresource, options, ownershipDone: false, requireVersion: false), type));
        }
    }

    public (int Code, JsonObject Body) Delete(ResourceType type, string? ns, string name, JsonObject? deleteOptions, string? propagation, bool dryRun)
    {
        lock (store.Gate)
        {
            var key = Key(type, ns, name);
            var old = store.Find(key) ?? throw KubeStatus.NotFound(type, name);
            CheckPreconditions(type, old, deleteOptions?["preconditions"] as JsonObject);
            var policy = propagation ?? JsonTree.String(deleteOptions, "propagationPolicy")
                ?? (JsonTree.IsTrue(deleteOptions?["orphanDependents"]) ? DeletePropagation.Orphan : DeletePropagation.Background);
            if (policy is not (DeletePropagation.Background or DeletePropagation.Foreground or DeletePropagation.Orphan))
            {
                throw KubeStatus.BadRequest($"unsupported propagationPolicy: \"{policy}\"");
            }
            if (dryRun)
            {
                return (200, Present(old, type));
            }
            var pending = DeleteLocked(key, old, policy);
            return pending is null
                ? (200, KubeStatus.Success(type, name, JsonTree.String(old, "metadata", "uid")))
                : (200, Present(pending, type));
        }
    }

    public JsonObject DeleteCollection(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields)
    {
        lock (store.Gate)
        {
            foreach (var (key, obj) in store.Scan(type.Group, type.Plural, ns).Where(o => labels.Matches(o.Value) && fields.Matches(o.Value)))
            {
                if (store.Find(key) is not null)
                {
                    DeleteLocked(key, obj, DeletePropagation.Background);
                }
            }
            return new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success" };
        }
    }

    /// <summary>The object as a client of <paramref name="type"/>'s version sees it (all versions share storage; no conversion).</summary>
    public static JsonObject Present(JsonObject stored, ResourceType type)
    {
        var copy = JsonTree.Clone(stored);
        copy["apiVersion"] = type.ApiVersion;
        copy["kind"] = type.Kind;
        return copy;
    }

    public static StoreKey Key(ResourceType type, string? ns, string name) => new(type.Group, type.Plural, type.Namespaced ? ns ?? "" : "", name);

    public static string DefaultManager(string? userAgent)
    {
        // kube names an update's manager after the client's user agent up to the first '/'.
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "unknown";
        }
        var slash = userAgent.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? userAgent[..slash] : userAgent;
    }

    private JsonObject CreateLocked(ResourceType type, string? ns, JsonObject obj, bool dryRun, Action<JsonObject>? ownership)
    {
        CheckKind(type, obj);
        var metadata = JsonTree.Metadata(obj);
        if (type.Namespaced)
        {
            var own = JsonTree.String(metadata, "namespace");
            if (own is not null && own != ns)
            {
                throw KubeStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            metadata["namespace"] = ns;
            if (store.Find(new StoreKey("", BuiltInTypes.NamespacePlural, "", ns ?? "")) is null)
            {
                throw KubeStatus.NamespaceNotFound(ns ?? "");
            }
        }
        else
        {
            metadata.Remove("namespace");
        }
        if (JsonTree.String(metadata, "name") is not { Length: > 0 } && JsonTree.String(metadata, "generateName") is { Length: > 0 } prefix)
        {
            string candidate;
            do
            {
                candidate = prefix + new string([.. Enumerable.Range(0, 5).Select(_ => GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)])]);
            }
            while (store.Find(Key(type, ns, candidate)) is not null);
            metadata["name"] = candidate;
        }
        var name = JsonTree.String(metadata, "name") ?? "";
        if (name.Length > 0 && store.Find(Key(type, ns, name)) is not null)
        {
            throw KubeStatus.AlreadyExists(type, name);
        }
        foreach (var member in ServerMetadata)
        {
            metadata.Remove(member);
        }
        metadata.Remove("resourceVersion");
        if (ownership is not null)
        {
            metadata.Remove("managedFields");
        }
        if (type.HasStatus && !BuiltInTypes.IsCrd(type))
        {
            // A kind with a status subresource starts without status: only /status writes it.
            obj.Remove("status");
        }
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Now();
        metadata["generation"] = 1L;
        IReadOnlyList<ResourceType>? served = null;
        if (BuiltInTypes.IsCrd(type))
        {
            CrdTypes.ApplyDefaults(obj);
            served = CrdTypes.Read(obj);
            obj["status"] = CrdTypes.Status(obj, Now());
        }
        if (BuiltInTypes.IsNamespace(type))
        {
            obj["status"] = new JsonObject { ["phase"] = "Active" };
        }
        admission.DefaultAndPrune(type, obj);
        ownership?.Invoke(obj);
        admission.Admit(type, obj, null);
        if (dryRun)
        {
            return obj;
        }
        var committed = store.Commit(Key(type, ns, name), obj);
        if (served is not null)
        {
            types.Put(served);
        }
        return committed;
    }

    private JsonObject Replace(ResourceType type, JsonObject old, JsonObject candidate, string? subresource, WriteOptions options, bool ownershipDone, bool requireVersion)
    {
        CheckKind(type, candidate);
        var oldMeta = (JsonObject)old["metadata"]!;
        var name = JsonTree.String(oldMeta, "name")!;
        var candidateMeta = JsonTree.Metadata(candidate);
        if (JsonTree.String(candidateMeta, "name") is { } given && given != name)
        {
            throw KubeStatus.BadRequest($"the name of the object ({given}) does not match the name on the URL ({name})");
        }
        if (type.Namespaced && JsonTree.String(candidateMeta, "namespace") is { } givenNs && givenNs != JsonTree.String(oldMeta, "namespace"))
        {
            throw KubeStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        var version = JsonTree.String(candidateMeta, "resourceVersion");
        if (version is null && requireVersion)
        {
            throw KubeStatus.Invalid(type, name, [new FieldCause(FieldErrorTypes.Invalid, "metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update")]);
        }
        if (version is not null && version != JsonTree.String(oldMeta, "resourceVersion"))
        {
            throw KubeStatus.Conflict(type, name);
        }

        JsonObject next;
        if (subresource == StatusSubresource)
        {
            next = JsonTree.Clone(old);
            if (candidate["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }
            if (ownershipDone)
            {
                JsonTree.Metadata(next)["managedFields"] = candidateMeta["managedFields"]?.DeepClone();
            }
        }
        else
        {
            next = JsonTree.Clone(candidate);
            var nextMeta = JsonTree.Metadata(next);
            foreach (var member in ServerMetadata.Append("name").Append("namespace").Append("resourceVersion"))
            {
                if (oldMeta[member] is { } kept)
                {
                    nextMeta[member] = kept.DeepClone();
                }
                else
                {
                    nextMeta.Remove(member);
                }
            }
            if (!ownershipDone)
            {
                nextMeta["managedFields"] = oldMeta["managedFields"]?.DeepClone();
            }
            if (type.HasStatus)
            {
                // The main resource ignores status changes: status is the /status subresource's.
                if (old["status"] is { } status)
                {
                    next["status"] = status.DeepClone();
                }
                else
                {
                    next.Remove("status");
                }
            }
            if (oldMeta["deletionTimestamp"] is not null)
            {
                var before = Finalizers(old);
                var added = Finalizers(next).Where(f => !before.Contains(f)).ToList();
                if (added.Count > 0)
                {
                    throw KubeStatus.Invalid(type, name, [new FieldCause(FieldErrorTypes.Forbidden, "metadata.finalizers", "Forbidden: no new finalizers can be added if the object is being deleted")]);
                }
            }
        }
        CleanEmptyMetadata(next);
        admission.DefaultAndPrune(type, next);
        if (!ownershipDone)
        {
            UpdateOwnership.Record(old, next, Context(type, subresource, options));
        }
        IReadOnlyList<ResourceType>? served = null;
        if (BuiltInTypes.IsCrd(type) && subresource is null)
        {
            CrdTypes.ApplyDefaults(next);
            served = CrdTypes.Read(next);
            next["status"] = CrdTypes.Status(next, Now());
        }
        // Without a status subresource status is part of the desired state as far as generation goes (kube's rule).
        string[] outsideGeneration = type.HasStatus ? ["metadata", "status"] : ["metadata"];
        if (!JsonTree.Same(JsonTree.Without(old, outsideGeneration), JsonTree.Without(next, outsideGeneration)))
        {
            var generation = JsonTree.Long(old["metadata"]?["generation"]) ?? 1;
            JsonTree.Metadata(next)["generation"] = generation + 1;
        }
        admission.Admit(type, next, old);
        if (JsonTree.Same(WithoutVolatile(old), WithoutVolatile(next)))
        {
            // A write that changes nothing is no write: same resourceVersion, no watch event (as kube's no-op update).
            return old;
        }
        if (options.DryRun)
        {
            return next;
        }
        var key = Key(type, JsonTree.String(oldMeta, "namespace"), name);
        if (oldMeta["deletionTimestamp"] is not null && Finalizers(next).Count == 0)
        {
            DeleteLocked(key, next, DeletePropagation.Background);
            return next;
        }
        var committed = store.Commit(key, next);
        if (served is not null)
        {
            // Versions no longer served disappear: replace the CRD's kinds as a whole.
            types.Remove(JsonTree.String(old, "spec", "group") ?? "", JsonTree.String(old, "spec", "names", "plural") ?? "");
            types.Put(served);
        }
        return committed;
    }

    /// <summary>Deletes or, with finalizers pending, marks for deletion. Returns the marked object, or null once gone.</summary>
    private JsonObject? DeleteLocked(StoreKey key, JsonObject current, string policy)
    {
        if (Finalizers(current).Count > 0)
        {
            if (current["metadata"]?["deletionTimestamp"] is not null)
            {
                return current;
            }
            var marked = JsonTree.Clone(current);
            var metadata = JsonTree.Metadata(marked);
            metadata["deletionTimestamp"] = Now();
            metadata["deletionGracePeriodSeconds"] = 0;
            return store.Commit(key, marked);
        }
        var uid = JsonTree.String(current, "metadata", "uid");
        if (policy == DeletePropagation.Foreground && uid is not null)
        {
            CollectDependents(uid, policy);
        }
        var removed = store.Remove(key);
        if (key.Group == BuiltInTypes.ApiExtensionsGroup && key.Plural == BuiltInTypes.CrdPlural)
        {
            var group = JsonTree.String(removed, "spec", "group") ?? "";
            var plural = JsonTree.String(removed, "spec", "names", "plural") ?? "";
            foreach (var (instance, _) in store.Scan(group, plural, null))
            {
                store.Remove(instance);
            }
            types.Remove(group, plural);
        }
        if (key.Group.Length == 0 && key.Plural == BuiltInTypes.NamespacePlural)
        {
            // The namespace controller empties a deleted namespace; here that happens at once.
            // Finalizers of the contents are not waited for: nothing here would ever clear them.
            foreach (var contained in AllInNamespace(key.Name))
            {
                if (store.Find(contained) is { } obj)
                {
                    var unfinalized = JsonTree.Clone(obj);
                    JsonTree.Metadata(unfinalized).Remove("finalizers");
                    DeleteLocked(contained, unfinalized, DeletePropagation.Background);
                }
            }
        }
        if (policy != DeletePropagation.Foreground && uid is not null)
        {
            CollectDependents(uid, policy);
        }
        return null;
    }

    private void CollectDependents(string ownerUid, string policy)
    {
        foreach (var (key, dependent) in store.Dependents(ownerUid))
        {
            if (policy == DeletePropagation.Orphan)
            {
                var orphan = JsonTree.Clone(dependent);
                var refs = (JsonArray)orphan["metadata"]!["ownerReferences"]!;
                foreach (var owned in refs.Where(r => JsonTree.String(r, "uid") == ownerUid).ToList())
                {
                    refs.Remove(owned);
                }
                if (refs.Count == 0)
                {
                    JsonTree.Metadata(orphan).Remove("ownerReferences");
                }
                store.Commit(key, orphan);
            }
            else if (store.Find(key) is { } still)
            {
                DeleteLocked(key, still, DeletePropagation.Background);
            }
        }
    }

    private List<StoreKey> AllInNamespace(string ns) =>
        [.. types.All.Where(t => t.Namespaced).Select(t => (t.Group, t.Plural)).Distinct()
            .SelectMany(t => store.Scan(t.Group, t.Plural, ns).Select(o => o.Key))];

    private static void CheckPreconditions(ResourceType type, JsonObject current, JsonObject? preconditions)
    {
        var name = JsonTree.String(current, "metadata", "name") ?? "";
        if (JsonTree.String(preconditions, "uid") is { } uid && uid != JsonTree.String(current, "metadata", "uid"))
        {
            throw new KubeStatusException(409, KubeStatus.Failure(409, StatusReasons.Conflict,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {JsonTree.String(current, "metadata", "uid")}"));
        }
        if (JsonTree.String(preconditions, "resourceVersion") is { } version && version != JsonTree.String(current, "metadata", "resourceVersion"))
        {
            throw KubeStatus.Conflict(type, name);
        }
    }

    private static void CheckKind(ResourceType type, JsonObject obj)
    {
        var apiVersion = JsonTree.String(obj, "apiVersion");
        var kind = JsonTree.String(obj, "kind");
        if ((kind is not null && kind != type.Kind) || (apiVersion is not null && !SameGroup(apiVersion, type)))
        {
            throw KubeStatus.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
    }

    private static bool SameGroup(string apiVersion, ResourceType type)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return (slash < 0 ? "" : apiVersion[..slash]) == type.Group;
    }

    private static void CheckApplyConfiguration(ResourceType type, JsonObject config, string? ns, string name)
    {
        if (JsonTree.String(config, "apiVersion") is null || JsonTree.String(config, "kind") is null)
        {
            throw KubeStatus.BadRequest("error decoding YAML: the apply configuration needs apiVersion and kind");
        }
        CheckKind(type, JsonTree.Clone(config));
        if (JsonTree.String(config, "metadata", "name") is { } given && given != name)
        {
            throw KubeStatus.BadRequest($"the name of the object ({given}) does not match the name on the URL ({name})");
        }
        if (type.Namespaced && JsonTree.String(config, "metadata", "namespace") is { } givenNs && givenNs != ns)
        {
            throw KubeStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static List<string> Finalizers(JsonObject obj) =>
        [.. (obj["metadata"]?["finalizers"] as JsonArray ?? []).Select(JsonTree.ScalarText).OfType<string>()];

    private static void CleanEmptyMetadata(JsonObject obj)
    {
        var metadata = JsonTree.Metadata(obj);
        foreach (var member in new[] { "labels", "annotations", "finalizers", "ownerReferences" })
        {
            if (metadata[member] is JsonObject { Count: 0 } or JsonArray { Count: 0 })
            {
                metadata.Remove(member);
            }
        }
    }

    private static JsonObject WithoutVolatile(JsonObject obj)
    {
        var copy = JsonTree.Clone(obj);
        JsonTree.Metadata(copy).Remove("resourceVersion");
        return copy;
    }

    private WriteContext Context(ResourceType type, string? subresource, WriteOptions options) => new(
        options.Manager,
        subresource == StatusSubresource ? FieldScope.Status : type.HasStatus ? FieldScope.Main : FieldScope.Whole,
        subresource,
        type.ApiVersion,
        Now());

    private string Now() => ServerTime.Format(time.GetUtcNow());
}
