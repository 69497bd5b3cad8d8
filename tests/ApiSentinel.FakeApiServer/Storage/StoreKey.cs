namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>
/// Where one object lives: every version of a kind shares its storage (as etcd keeps one storage version), so the
/// key has the group and plural but no version. <see cref="Namespace"/> is empty for cluster-scoped objects.
/// </summary>
internal readonly record struct StoreKey(string Group, string Plural, string Namespace, string Name);
