namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>The patch formats the server accepts (by content type).</summary>
internal enum PatchKind
{
    Merge,
    /// <summary>Applied as a merge patch: see <see cref="Patching.MergePatch"/>.</summary>
    StrategicMerge,
    Json,
    Apply,
}
