using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Cli.Output.Yaml;
using ApiSentinel.Collector.Reports;

namespace ApiSentinel.Cli.Output.Catalog;

/// <summary>
/// <c>analyze --format yaml</c>: one <c>ApiEndpoint</c> manifest (group <c>apisentinel.io</c>, version
/// <c>v1alpha1</c>) per endpoint, as the collector keeps them in a cluster — identity in <c>spec</c>, what was
/// observed in <c>status</c>, and the labels that make <c>kubectl get -l</c> useful. Names are the endpoints'
/// <see cref="EndpointSnapshot.Identity"/>: DNS-1123 labels, stable across builds and runs (<see cref="EndpointIdentity"/>).
/// </summary>
internal static class ApiEndpointManifestWriter
{
    public static void Write(TextWriter output, CatalogSnapshot catalog, string @namespace, ClientDirectory clients)
    {
        foreach (var e in catalog.Endpoints)
        {
            YamlBlockWriter.WriteDocument(output, Manifest(e, @namespace, clients));
        }
    }

    private static Dictionary<string, object> Manifest(EndpointSnapshot e, string @namespace, ClientDirectory clients)
    {
        var c = CultureInfo.InvariantCulture;
        var risk = e.Risk!;
        return new()
        {
            ["apiVersion"] = "apisentinel.io/v1alpha1",
            ["kind"] = "ApiEndpoint",
            ["metadata"] = new Dictionary<string, object>
            {
                ["name"] = e.Identity,
                ["namespace"] = @namespace,
                ["labels"] = new Dictionary<string, string>
                {
                    ["apisentinel.io/risk"] = risk.Level,
                    ["apisentinel.io/shadow"] = e.IsShadow ? "true" : "false",
                    ["apisentinel.io/spec-state"] = e.SpecState,
                    ["apisentinel.io/host"] = LabelValue(e.Key.Host),
                    ["apisentinel.io/method"] = LabelValue(e.Key.Method),
                    ["apisentinel.io/exposure"] = e.Exposure,
                },
            },
            ["spec"] = new Dictionary<string, object>
            {
                ["host"] = e.Key.Host,
                ["method"] = e.Key.Method,
                ["path"] = e.Key.PathTemplate,
            },
            ["status"] = new Dictionary<string, object>
            {
                ["risk"] = new Dictionary<string, object>
                {
                    ["score"] = risk.Score,
                    ["level"] = risk.Level,
                    ["factors"] = risk.Factors.Select(f => new Dictionary<string, object>
                    {
                        ["name"] = f.Name, ["weight"] = f.Weight, ["points"] = f.Points, ["evidence"] = f.Evidence,
                    }).ToList(),
                },
                ["auth"] = new Dictionary<string, object>
                {
                    ["schemes"] = e.AuthKinds.ToDictionary(kv => kv.Key, kv => kv.Value),
                    ["jwtAlgorithms"] = e.JwtAlgorithms.ToList(),
                    ["issues"] = e.AccessIssues.Select(i => new Dictionary<string, string> { ["kind"] = i.Kind, ["evidence"] = i.Evidence }).ToList(),
                },
                ["sensitiveData"] = e.Sensitive.Select(kv =>
                {
                    var item = new Dictionary<string, object> { ["type"] = kv.Key.Type, ["location"] = kv.Key.Location, ["calls"] = kv.Value };
                    if (e.MaskedSamplesOf(kv.Key) is { Count: > 0 } samples)
                    {
                        item["maskedSamples"] = samples.ToList();
                    }
                    return item;
                }).ToList(),
                ["usage"] = new Dictionary<string, object>
                {
                    ["requests"] = e.Requests,
                    ["statusCodes"] = e.StatusCodes.ToDictionary(kv => kv.Key.ToString(c), kv => kv.Value),
                    ["firstSeen"] = Rfc3339.FromMicros(e.FirstSeenMicros),
                    ["lastSeen"] = Rfc3339.FromMicros(e.LastSeenMicros),
                    ["topClients"] = e.Clients.Top(10).Select(kv =>
                    {
                        var (country, organisation, external) = clients.Describe(kv.Key);
                        var client = new Dictionary<string, object> { ["address"] = kv.Key, ["calls"] = kv.Value, ["external"] = external };
                        if (country is not null)
                        {
                            client["country"] = country;
                        }
                        if (organisation is not null)
                        {
                            client["organisation"] = organisation;
                        }
                        return client;
                    }).ToList(),
                },
                ["parameters"] = e.Query.Names.ToList(),
                ["requestHeaders"] = e.RequestHeaders.Keys.ToList(),
                ["conformance"] = new Dictionary<string, object>
                {
                    ["state"] = e.SpecState,
                    ["violations"] = e.Violations.Select(v => new Dictionary<string, string>
                    {
                        ["kind"] = v.Kind, ["subject"] = v.Subject, ["evidence"] = v.Evidence,
                    }).ToList(),
                },
                ["exposure"] = e.Exposure,
                ["transport"] = e.TransportCalls.ToDictionary(kv => kv.Key, kv => (object)kv.Value),
                ["namespaces"] = e.Namespaces.ToList(),
                ["workloads"] = e.Workloads.ToList(),
            },
        };
    }

    /// <summary>Label values (Kubernetes): empty, or at most 63 characters of <c>[A-Za-z0-9._-]</c> starting and ending alphanumeric.</summary>
    public const int MaxLabelValueLength = 63;

    /// <summary>
    /// A label value for text from the wire (host, method). Text that already is a valid label value is kept as
    /// it is, so <c>kubectl get -l apisentinel.io/host=api.example.com</c> works; anything else — too long, or
    /// with characters a label value cannot hold — becomes a readable prefix plus a hash of the whole text, so
    /// two different hosts never share a label value and the result is always valid.
    /// </summary>
    internal static string LabelValue(string text)
    {
        if (IsValidLabelValue(text))
        {
            return text;
        }
        var readable = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-')
            {
                readable.Append(ch);
            }
            else if (readable.Length > 0 && readable[^1] != '_')
            {
                readable.Append('_');
            }
        }
        var hash = Hash(text);
        var room = MaxLabelValueLength - hash.Length - 1;
        var prefix = readable.ToString();
        prefix = (prefix.Length > room ? prefix[..room] : prefix).Trim('.', '_', '-');
        return prefix.Length == 0 ? hash : $"{prefix}-{hash}";
    }

    internal static bool IsValidLabelValue(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }
        if (value.Length > MaxLabelValueLength || !char.IsAsciiLetterOrDigit(value[0]) || !char.IsAsciiLetterOrDigit(value[^1]))
        {
            return false;
        }
        foreach (var ch in value)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch is not ('.' or '_' or '-'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Namespaces are DNS-1123 labels: at most 63 of <c>[a-z0-9-]</c>, starting and ending alphanumeric.</summary>
    internal static bool IsValidNamespace(string value) =>
        value.Length is > 0 and <= 63 && IsLowerAlphanumeric(value[0]) && IsLowerAlphanumeric(value[^1]) &&
        value.All(ch => IsLowerAlphanumeric(ch) || ch == '-');

    private static bool IsLowerAlphanumeric(char ch) => char.IsAsciiDigit(ch) || char.IsAsciiLetterLower(ch);

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
}
