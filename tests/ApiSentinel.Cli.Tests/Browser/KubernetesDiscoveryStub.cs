using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ApiSentinel.Cli.Tests.Browser;

/// <summary>
/// Just enough of a Kubernetes API server on loopback for <c>kubectl create --dry-run=client</c>: the legacy
/// discovery documents naming the <c>ApiEndpoint</c> resource. A client-side dry run decodes every object
/// (where a non-string label value is rejected) and then maps its kind to a resource through discovery — the
/// only step that needs a server. Nothing is created: a client-side dry run never writes.
/// </summary>
internal sealed class KubernetesDiscoveryStub : IDisposable
{
    private const string Group = "apisentinel.io";
    private const string Version = "v1alpha1";

    private static readonly Dictionary<string, string> Documents = new(StringComparer.Ordinal)
    {
        ["/api"] = """{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}""",
        ["/api/v1"] = """{"kind":"APIResourceList","groupVersion":"v1","resources":[]}""",
        ["/apis"] = $$$"""{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"{{{Group}}}","versions":[{"groupVersion":"{{{Group}}}/{{{Version}}}","version":"{{{Version}}}"}],"preferredVersion":{"groupVersion":"{{{Group}}}/{{{Version}}}","version":"{{{Version}}}"}}]}""",
        [$"/apis/{Group}/{Version}"] = $$$"""{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"{{{Group}}}/{{{Version}}}","resources":[{"name":"apiendpoints","singularName":"apiendpoint","namespaced":true,"kind":"ApiEndpoint","verbs":["create","delete","get","list","patch","update","watch"]},{"name":"apiendpoints/status","singularName":"","namespaced":true,"kind":"ApiEndpoint","verbs":["get","patch","update"]}]}""",
    };

    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly string _home = Directory.CreateTempSubdirectory("apisentinel-kubectl-").FullName;

    public KubernetesDiscoveryStub()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Server = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        }
        _listener.Prefixes.Add(Server + "/");
        _listener.Start();
        _serving = Task.Run(Serve);
    }

    public string Server { get; }

    /// <summary>Runs the real kubectl against this stub, with an empty configuration and a private discovery cache.</summary>
    public (int ExitCode, string Stdout, string Stderr) Kubectl(params string[] arguments)
    {
        var kubeconfig = Path.Combine(_home, "config");
        File.WriteAllText(kubeconfig, "");
        var start = new ProcessStartInfo(BrowserTools.Kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["HOME"] = _home;
        foreach (var argument in new[] { "--server", Server, "--cache-dir", Path.Combine(_home, "cache"), "--request-timeout", "10s" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("kubectl did not finish within 60 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the listener was closed under a pending GetContext
        }
        Directory.Delete(_home, recursive: true);
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var response = context.Response;
            if (context.Request.HttpMethod == "GET" && Documents.TryGetValue(context.Request.Url!.AbsolutePath, out var document))
            {
                var body = Encoding.UTF8.GetBytes(document);
                response.ContentType = "application/json";
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
    }
}
