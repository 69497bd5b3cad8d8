using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.Http;

/// <summary>
/// A request path resolved to a served kind: a collection (<see cref="Name"/> null; across namespaces when
/// <see cref="Namespace"/> is null for a namespaced kind), one object, or its subresource.
/// </summary>
internal sealed record ResourceRoute(ResourceType Type, string? Namespace, string? Name, string? Subresource);
