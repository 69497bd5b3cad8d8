using System.Text;
using ApiSentinel.Crds.ApiSpecs;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// Finds an ApiSpec's document: <c>spec.document</c> inline, or <c>spec.configMapRef {name, key}</c> in the ApiSpec's
/// own namespace (a reference never reaches into another namespace: an ApiSpec can only publish what its namespace
/// holds). ConfigMaps come from a lookup (the controller's watch cache), never from a request per resolution.
/// </summary>
public static class SpecDocumentResolver
{
    public delegate bool ConfigMapLookup(string @namespace, string name, out V1ConfigMap configMap);

    public static SpecDocument Resolve(V1Alpha1ApiSpec resource, ConfigMapLookup configMaps)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(configMaps);
        var ns = resource.Metadata.NamespaceProperty ?? "";
        var spec = resource.Spec;
        if (spec?.Document is { } inline)
        {
            return SpecDocument.Of(inline, $"apispec {ApiSpecKeys.Of(resource)}");
        }
        if (spec?.ConfigMapRef is not { } reference)
        {
            // The CRD's rule forbids this; an API server without it (or an older CRD) may still let it through.
            return SpecDocument.Missing($"apispec {ApiSpecKeys.Of(resource)}", ApiSpecConditions.ReasonInvalidDocument,
                "neither spec.document nor spec.configMapRef is set");
        }

        var source = Source(ns, reference);
        if (!configMaps(ns, reference.Name, out var configMap))
        {
            return SpecDocument.Missing(source, ApiSpecConditions.ReasonConfigMapNotFound, $"ConfigMap {ns}/{reference.Name} not found");
        }
        if (configMap.Data?.TryGetValue(reference.Key, out var text) == true && text is not null)
        {
            return SpecDocument.Of(text, source);
        }
        if (configMap.BinaryData?.TryGetValue(reference.Key, out var bytes) == true && bytes is not null)
        {
            return SpecDocument.Of(Encoding.UTF8.GetString(bytes), source);
        }
        return SpecDocument.Missing(source, ApiSpecConditions.ReasonConfigMapNotFound,
            $"ConfigMap {ns}/{reference.Name} has no key {reference.Key}");
    }

    /// <summary>The document of an ApiSpec naming a ConfigMap while ConfigMaps cannot be listed (no permission, a failing server).</summary>
    public static SpecDocument ConfigMapsUnreadable(V1Alpha1ApiSpec resource, string why)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var reference = resource.Spec?.ConfigMapRef ?? throw new ArgumentException("the ApiSpec names no ConfigMap", nameof(resource));
        return SpecDocument.Missing(Source(resource.Metadata.NamespaceProperty ?? "", reference),
            ApiSpecConditions.ReasonConfigMapsUnreadable, $"ConfigMaps cannot be read: {why}");
    }

    private static string Source(string ns, ConfigMapKeyReference reference) => $"configmap {ns}/{reference.Name} key {reference.Key}";
}
