using System.Text;
using k8s;

namespace ApiSentinel.Collector.Kubernetes.Resources;

/// <summary>
/// The one way every writer turns apisentinel.io resources into JSON and back: KubernetesClient's own serializer
/// settings (camelCase names from <c>[JsonPropertyName]</c>, nulls left out, RFC 3339 times, quantities as strings),
/// so a resource written by the sink, printed by the CLI and measured against the status bound is the same bytes.
/// </summary>
public static class ApiEndpointJson
{
    public static string Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return KubernetesJson.Serialize(value);
    }

    /// <summary>The UTF-8 size of <paramref name="value"/>'s JSON: what the API server stores and bounds.</summary>
    public static int SizeInBytes(object value) => Encoding.UTF8.GetByteCount(Serialize(value));

    public static T Deserialize<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return KubernetesJson.Deserialize<T>(json);
    }
}
