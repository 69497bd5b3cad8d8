namespace ApiSentinel.FakeApiServer.Patching;

/// <summary>Who writes, through which part of the object, in which version, when: what ownership is recorded with.</summary>
internal sealed record WriteContext(string Manager, FieldScope Scope, string? Subresource, string ApiVersion, string Time);
