namespace ApiSentinel.FakeApiServer.Faults;

/// <summary>What a request addresses, as fault rules match it.</summary>
internal readonly record struct FaultTarget(string Verb, string? Plural, string? Namespace, string? Subresource);
