using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Kubeconfig;

/// <summary>
/// A kubeconfig that points kubectl and KubernetesClient at the fake server: one cluster, one context, a user with a
/// placeholder token (the server authenticates no one, but KubernetesClient wants some credential). Written as JSON,
/// which both read as the YAML subset it is, so no value needs YAML quoting rules.
/// </summary>
public static class KubeconfigFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <returns><paramref name="path"/>, its directory created if needed.</returns>
    public static string Write(string path, Uri server, string context = "fake", string? defaultNamespace = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentException.ThrowIfNullOrEmpty(context);
        var contextBody = new JsonObject { ["cluster"] = context, ["user"] = context };
        if (!string.IsNullOrEmpty(defaultNamespace))
        {
            contextBody["namespace"] = defaultNamespace;
        }
        var config = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["clusters"] = new JsonArray(new JsonObject
            {
                ["name"] = context,
                ["cluster"] = new JsonObject { ["server"] = server.GetLeftPart(UriPartial.Authority) },
            }),
            ["contexts"] = new JsonArray(new JsonObject { ["name"] = context, ["context"] = contextBody }),
            ["current-context"] = context,
            // KubernetesClient refuses a user without any credential; the server ignores the token.
            ["users"] = new JsonArray(new JsonObject { ["name"] = context, ["user"] = new JsonObject { ["token"] = "fake-server-ignores-this" } }),
            ["preferences"] = new JsonObject(),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        File.WriteAllText(path, config.ToJsonString(Indented));
        return path;
    }
}
