using System.Security.Cryptography;
using System.Text;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using ApiSentinel.Collector.Kubernetes.Resources;

namespace ApiSentinel.Collector.Kubernetes.Endpoints;

/// <summary>
/// What the sink compares to decide whether a write is due, computed the same way from a projection and from an
/// object read back from the server: the object part (our labels and the spec, the server-side apply of the
/// resource) and the status part (the engine's change marker and the state, the apply of <c>/status</c>).
/// </summary>
/// <remarks>
/// Only our labels count (<c>apisentinel.io/*</c> and <c>app.kubernetes.io/managed-by</c>): a label someone else added
/// is theirs, and server-side apply leaves it alone, so it must not make every endpoint look changed.
/// </remarks>
public readonly record struct ResourceFingerprint(string Object, string Status)
{
    public static ResourceFingerprint Of(V1Alpha1ApiEndpoint resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new ResourceFingerprint(ObjectOf(resource), StatusOf(resource.Status));
    }

    /// <summary>Our labels of <paramref name="resource"/>, sorted by key.</summary>
    public static SortedDictionary<string, string> OwnLabels(V1Alpha1ApiEndpoint resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in resource.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            if (IsOwn(key))
            {
                labels[key] = value;
            }
        }
        return labels;
    }

    public static bool IsOwn(string labelKey) =>
        labelKey.StartsWith(ApiSentinelLabels.Prefix, StringComparison.Ordinal) ||
        string.Equals(labelKey, ApiSentinelLabels.ManagedBy, StringComparison.Ordinal);

    private static string ObjectOf(V1Alpha1ApiEndpoint resource)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in OwnLabels(resource))
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }
        text.Append(ApiEndpointJson.Serialize(resource.Spec));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 12);
    }

    private static string StatusOf(ApiEndpointStatus? status) =>
        status is null ? "" : $"{status.ChangeMarker}|{status.State}";
}
