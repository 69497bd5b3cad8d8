namespace ApiSentinel.Collector.Catalog.State;

/// <summary>
/// A run-time spec the state held that did not parse again on import (the spec budget changed, or the loader did),
/// so the imported catalog is without it. <paramref name="Reason"/> is the loader's one-line message (a spec is a
/// published document, not traffic).
/// </summary>
public sealed record DroppedSpec(string Id, string SourceName, string Reason);
