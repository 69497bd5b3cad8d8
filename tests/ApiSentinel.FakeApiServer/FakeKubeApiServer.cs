using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema;
using ApiSentinel.FakeApiServer.BuiltIns;
using ApiSentinel.FakeApiServer.Faults;
using ApiSentinel.FakeApiServer.Hosting;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Json;
using ApiSentinel.FakeApiServer.Kubeconfig;
using ApiSentinel.FakeApiServer.Resources;
using ApiSentinel.FakeApiServer.Storage;

namespace ApiSentinel.FakeApiServer;

/// <summary>
/// A Kubernetes API server on loopback with the semantics our code depends on (DESIGN.md, "How it is tested"):
/// start it, point KubernetesClient or kubectl at <see cref="WriteKubeconfig"/>, inject faults, read what happened.
/// </summary>
public sealed class FakeKubeApiServer : IAsyncDisposable
{
    /// <summary>The field manager of objects written through <see cref="ApplyManifestAsync"/>.</summary>
    public const string ManifestManager = "fake-kube-manifest";

    private readonly FakeKubeOptions _options;
    private readonly ResourceOperations _operations;
    private readonly ObjectStore _store;
    private readonly Listener _listener;

    private FakeKubeApiServer(FakeKubeOptions options)
    {
        _options = options;
        Types = new ResourceTypes(BuiltInTypes.All);
        _store = new ObjectStore(options.WatchHistory, options.WatchBuffer);
        _operations = new ResourceOperations(_store, Types, options.Time, new WriteAdmission(options.ValidateBuiltIns));
        Faults = new FaultInjector(options.Time);
        Requests = new RequestLog();
        var dispatcher = new RequestDispatcher(_operations, Types, Faults, Requests, new WatchStreamer(_store, options.Time, options.BookmarkInterval), options.Time);
        _listener = new Listener(dispatcher.HandleAsync);
        var namespaces = BuiltInTypes.All.First(BuiltInTypes.IsNamespace);
        foreach (var ns in BuiltInTypes.InitialNamespaces)
        {
            _operations.Create(namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, new WriteOptions(ManifestManager));
        }
    }

    /// <summary>http://127.0.0.1:PORT (plain HTTP).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public ResourceTypes Types { get; }

    public FaultInjector Faults { get; }

    public RequestLog Requests { get; }

    /// <summary>Watches closed because they fell a whole buffer behind.</summary>
    public long SlowWatchersClosed => _store.SlowWatchersClosed;

    /// <summary>The global resourceVersion now.</summary>
    public long ResourceVersion => _store.CurrentVersion;

    public static async Task<FakeKubeApiServer> StartAsync(FakeKubeOptions? options = null, CancellationToken ct = default)
    {
        var server = new FakeKubeApiServer(options ?? new FakeKubeOptions());
        await server._listener.StartAsync(server._options.Port, ct);
        server.BaseAddress = new Uri($"http://127.0.0.1:{server._listener.Port}");
        return server;
    }

    /// <summary>
    /// Creates, or replaces when it exists, every document of the manifest in order, with the server's validation;
    /// a CRD's kinds are served as soon as its document is, so later documents may be its resources.
    /// </summary>
    /// <exception cref="InvalidOperationException">A document of an unknown kind, or one the server rejects (its Status message).</exception>
    public Task ApplyManifestAsync(string yaml)
    {
        foreach (var document in YamlJson.ParseAll(yaml).OfType<JsonObject>())
        {
            var apiVersion = JsonTree.String(document, "apiVersion") ?? "";
            var kind = JsonTree.String(document, "kind") ?? "";
            var type = Types.All.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind)
                ?? throw new InvalidOperationException($"the manifest has a {kind} of {apiVersion}, which this server does not serve");
            var name = JsonTree.String(document, "metadata", "name") ?? "";
            var ns = type.Namespaced ? JsonTree.String(document, "metadata", "namespace") ?? "default" : null;
            try
            {
                var existing = Get(apiVersion, type.Plural, ns, name);
                if (existing is null)
                {
                    _operations.Create(type, ns, document, new WriteOptions(ManifestManager));
                }
                else
                {
                    var replacement = JsonTree.Clone(document);
                    JsonTree.Metadata(replacement)["resourceVersion"] = JsonTree.String(existing, "metadata", "resourceVersion");
                    _operations.Update(type, ns, name, null, replacement, new WriteOptions(ManifestManager));
                }
            }
            catch (KubeStatusException e)
            {
                throw new InvalidOperationException($"{kind} {name}: {e.Message}", e);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Applies every <c>*.yaml</c> of the directory (the repository's <c>crds/</c>), in name order.</summary>
    public async Task RegisterCrdsFromDirectoryAsync(string dir)
    {
        foreach (var file in Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
        {
            await ApplyManifestAsync(await File.ReadAllTextAsync(file));
        }
    }

    /// <summary>Writes <c>kubeconfig</c> in the directory for this server; returns its path.</summary>
    public string WriteKubeconfig(string directory) => KubeconfigFile.Write(Path.Combine(directory, "kubeconfig"), BaseAddress);

    /// <summary>The object as stored (a copy), or null when it or its kind does not exist.</summary>
    public JsonObject? Get(string apiVersion, string plural, string? ns, string name)
    {
        if (!TryType(apiVersion, plural, out var type))
        {
            return null;
        }
        try
        {
            return _operations.Get(type, ns, name);
        }
        catch (KubeStatusException e) when (e.Code == 404)
        {
            return null;
        }
    }

    /// <summary>Objects of one kind (a copy each), in a namespace or everywhere; empty when the kind does not exist.</summary>
    public IReadOnlyList<JsonObject> List(string apiVersion, string plural, string? ns = null)
    {
        if (!TryType(apiVersion, plural, out var type))
        {
            return [];
        }
        var list = _operations.List(type, ns, Selectors.LabelSelector.Everything, Selectors.FieldSelector.Everything, null, null);
        return [.. ((JsonArray)list["items"]!).OfType<JsonObject>()];
    }

    /// <summary>"Briefly gone": the port refuses connections and open watches end; every object stays.</summary>
    public async Task StopListeningAsync()
    {
        _store.CloseAllWatchers();
        await _listener.StopAsync();
    }

    /// <summary>Listens again on the same port.</summary>
    public Task ResumeListeningAsync() => _listener.StartAsync(BaseAddress.Port, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        _store.CloseAllWatchers();
        await _listener.DisposeAsync();
    }

    private bool TryType(string apiVersion, string plural, out ResourceType type)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return Types.TryGet(group, version, plural, out type);
    }
}
