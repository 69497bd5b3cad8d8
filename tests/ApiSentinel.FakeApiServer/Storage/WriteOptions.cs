namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>How one write is made: by whom (the field manager), forced (apply), dry-run.</summary>
internal sealed record WriteOptions(string Manager, bool Force = false, bool DryRun = false);
