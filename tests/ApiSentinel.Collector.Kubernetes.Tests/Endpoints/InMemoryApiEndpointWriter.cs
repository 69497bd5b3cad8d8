using System.Net;
using ApiSentinel.Collector.Kubernetes.Endpoints;
using ApiSentinel.Crds.ApiEndpoints;
using k8s;
using k8s.Autorest;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

/// <summary>
/// The sink's seam as a store of objects: applies merge like server-side apply (object vs status), every request is
/// logged, and <see cref="Fault"/> may fail any of them with the client's own exception for a status code.
/// </summary>
internal sealed class InMemoryApiEndpointWriter : IApiEndpointWriter
{
    public const string List = "list";
    public const string Apply = "apply";
    public const string ApplyStatus = "status";
    public const string Delete = "delete";

    private readonly Dictionary<ResourceKey, V1Alpha1ApiEndpoint> _objects = [];

    public List<(string Verb, ResourceKey Key)> Requests { get; } = [];

    /// <summary>A status code to fail the request with, or null to let it pass.</summary>
    public Func<string, ResourceKey, int?> Fault { get; set; } = static (_, _) => null;

    /// <summary>An exception to fail the request with (a broken answer, no response at all), or null.</summary>
    public Func<string, ResourceKey, Exception?> Error { get; set; } = static (_, _) => null;

    public IReadOnlyDictionary<ResourceKey, V1Alpha1ApiEndpoint> Objects => _objects;

    /// <summary>Puts an object on the "server" as an earlier run left it.</summary>
    public void Seed(V1Alpha1ApiEndpoint resource) => _objects[Key(resource)] = Copy(resource);

    public int Count(string verb) => Requests.Count(r => r.Verb == verb);

    public Task<IReadOnlyList<V1Alpha1ApiEndpoint>> ListManagedAsync(CancellationToken cancellationToken)
    {
        Record(List, default);
        return Task.FromResult<IReadOnlyList<V1Alpha1ApiEndpoint>>([.. _objects.Values.Select(Copy)]);
    }

    public Task<string?> ApplyAsync(V1Alpha1ApiEndpoint resource, CancellationToken cancellationToken)
    {
        var key = Key(resource);
        Record(Apply, key);
        var copy = Copy(resource);
        copy.Status = _objects.TryGetValue(key, out var old) ? old.Status : null;
        // The server's uid: kept while the object lives, new when it is created again.
        copy.Metadata.Uid = old?.Metadata.Uid ?? $"uid-{key.Namespace}-{key.Name}-{Requests.Count}";
        _objects[key] = copy;
        return Task.FromResult<string?>(copy.Metadata.Uid);
    }

    public Task<string?> ApplyStatusAsync(V1Alpha1ApiEndpoint resource, CancellationToken cancellationToken)
    {
        var key = Key(resource);
        Record(ApplyStatus, key);
        if (!_objects.TryGetValue(key, out var old))
        {
            throw Failure(404);
        }
        old.Status = Copy(resource).Status;
        return Task.FromResult<string?>(old.Metadata.Uid);
    }

    public Task DeleteAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        Record(Delete, key);
        _objects.Remove(key);
        return Task.CompletedTask;
    }

    public void RemoveBehindTheSinksBack(ResourceKey key) => _objects.Remove(key);

    private void Record(string verb, ResourceKey key)
    {
        Requests.Add((verb, key));
        if (Fault(verb, key) is { } status)
        {
            throw Failure(status);
        }
        if (Error(verb, key) is { } error)
        {
            throw error;
        }
    }

    private static ResourceKey Key(V1Alpha1ApiEndpoint r) => new(r.Metadata.NamespaceProperty, r.Metadata.Name);

    private static V1Alpha1ApiEndpoint Copy(V1Alpha1ApiEndpoint r) =>
        KubernetesJson.Deserialize<V1Alpha1ApiEndpoint>(KubernetesJson.Serialize(r));

    internal static HttpOperationException Failure(int status, int? retryAfterSeconds = null)
    {
        using var message = new HttpResponseMessage((HttpStatusCode)status);
        if (retryAfterSeconds is { } seconds)
        {
            message.Headers.Add("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return new HttpOperationException($"HTTP {status}") { Response = new HttpResponseMessageWrapper(message, "") };
    }
}
