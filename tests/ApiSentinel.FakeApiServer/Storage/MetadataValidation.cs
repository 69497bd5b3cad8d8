using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiSentinel.FakeApiServer.Schema;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Json;

namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>
/// The object-meta checks kube applies to every kind: the name (an RFC 1123 label for namespaces, a subdomain for the
/// rest) and label keys and values, with kube's messages.
/// </summary>
internal static partial class MetadataValidation
{
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string LabelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    private const string QualifiedNameMessage = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    public static List<FieldCause> Check(JsonObject obj, bool isNamespace)
    {
        var causes = new List<FieldCause>();
        var metadata = obj["metadata"] as JsonObject;
        var name = metadata?["name"] is JsonValue v && v.TryGetValue(out string? n) ? n : null;
        if (string.IsNullOrEmpty(name))
        {
            causes.Add(new FieldCause(FieldErrorTypes.Required, "metadata.name", "Required value: name or generateName is required"));
        }
        else if (isNamespace ? !IsDnsLabel(name) : !IsDnsSubdomain(name))
        {
            causes.Add(new FieldCause(FieldErrorTypes.Invalid, "metadata.name", $"Invalid value: \"{name}\": {(isNamespace ? LabelMessage : SubdomainMessage)}"));
        }
        foreach (var (key, value) in metadata?["labels"] as JsonObject ?? [])
        {
            if (!IsQualifiedName(key))
            {
                causes.Add(new FieldCause(FieldErrorTypes.Invalid, "metadata.labels", $"Invalid value: \"{key}\": {QualifiedNameMessage}"));
            }
            var text = value is JsonValue jv && jv.TryGetValue(out string? s) ? s : null;
            if (text is null || text.Length > 63 || (text.Length > 0 && !LabelValue().IsMatch(text)))
            {
                causes.Add(new FieldCause(FieldErrorTypes.Invalid, $"metadata.labels", $"Invalid value: \"{value?.ToJsonString().Trim('"')}\": {LabelValueMessage}"));
            }
        }
        CheckShapes(metadata, causes);
        return causes;
    }

    // What kube's decoder refuses before validation (a 400 there; a 422 cause here, equally clear).
    private static void CheckShapes(JsonObject? metadata, List<FieldCause> causes)
    {
        if (metadata?["annotations"] is JsonObject annotations)
        {
            foreach (var (key, value) in annotations.Where(a => a.Value is not JsonValue v || !v.TryGetValue(out string? _)))
            {
                causes.Add(new FieldCause(FieldErrorTypes.Invalid, $"metadata.annotations[{key}]", "Invalid value: must be a string"));
            }
        }
        var finalizers = metadata?["finalizers"] as JsonArray ?? [];
        for (var i = 0; i < finalizers.Count; i++)
        {
            if (finalizers[i] is not JsonValue v || !v.TryGetValue(out string? text) || !IsQualifiedName(text))
            {
                causes.Add(new FieldCause(FieldErrorTypes.Invalid, $"metadata.finalizers[{i}]", "Invalid value: a finalizer must be a qualified name (e.g. 'example.com/cleanup')"));
            }
        }
        var owners = metadata?["ownerReferences"] as JsonArray ?? [];
        for (var i = 0; i < owners.Count; i++)
        {
            foreach (var member in new[] { "apiVersion", "kind", "name", "uid" })
            {
                if (JsonTree.String(owners[i], member) is not { Length: > 0 })
                {
                    causes.Add(new FieldCause(FieldErrorTypes.Required, $"metadata.ownerReferences[{i}].{member}", "Required value"));
                }
            }
        }
    }

    public static bool IsDnsSubdomain(string name) => name.Length <= 253 && Subdomain().IsMatch(name);

    public static bool IsDnsLabel(string name) => name.Length <= 63 && DnsLabel().IsMatch(name);

    private static bool IsQualifiedName(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var (prefix, local) = slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
        return (slash < 0 || (prefix.Length > 0 && IsDnsSubdomain(prefix))) && local.Length is > 0 and <= 63 && QualifiedName().IsMatch(local);
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex Subdomain();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\z")]
    private static partial Regex LabelValue();
}
