using System.Security.Cryptography;
using System.Text;

namespace ApiSentinel.Collector.Kubernetes.Resources;

/// <summary>
/// The <c>status.changeMarker</c> a projection writes. The engine's marker moves only with the endpoint's content,
/// but the written status also depends on the namespace, the client directory (GeoIP database), the bounds and the
/// projection code itself; all of them are folded in, so an upgrade, a new database or a bounds change rewrites
/// each resource once — and an unchanged collector, restarted, still rewrites nothing.
/// </summary>
public static class ProjectionMarker
{
    /// <summary>Raise whenever the projection writes a status differently from the same snapshot.</summary>
    public const int ProjectionVersion = 2;

    /// <summary>16 hex digits, the shape the CRD's schema declares.</summary>
    public static string Of(string engineMarker, string @namespace, string clientDirectory, ProjectionBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(engineMarker);
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(clientDirectory);
        ArgumentNullException.ThrowIfNull(bounds);
        // A record's text lists every bound by name: a new bound changes it as surely as a new value does.
        var text = string.Join('\n', ProjectionVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), engineMarker, @namespace, clientDirectory, bounds.ToString());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);
    }
}
