using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ApiSentinel.Collector.Catalog;
using YamlDotNet.Serialization;

namespace ApiSentinel.Cli.Output.Catalog;

/// <summary>
/// <c>analyze --format yaml</c>: one <c>ApiEndpoint</c> manifest (group <c>apisentinel.io</c>, version
/// <c>v1alpha1</c>) per endpoint, as the collector keeps them in a cluster — identity in <c>spec</c>, what was
/// observed in <c>status</c>, and the labels that make <c>kubectl get -l</c> useful. Names are DNS-1123 and
/// stable: a readable prefix plus a hash of the identity.
/// </summary>
internal static class ApiEndpointManifestWriter
{
    public static void Write(TextWriter output, CatalogSnapshot catalog, string @namespace, ClientDirectory clients)
    {
        var serializer = new SerializerBuilder().DisableAliases().Build();
        foreach (var e in catalog.Endpoints)
        {
            output.WriteLine("---");
            serializer.Serialize(output, Manifest(e, @namespace, clients));
        }
    }

    private static Dictionary<string, object> Manifest(ApiEndpoint e, string @namespace, ClientDirectory clients)
    {
        var c = CultureInfo.InvariantCulture;
        var risk = e.Risk!;
        return new()
        {
            ["apiVersion"] = "apisentinel.io/v1alpha1",
            ["kind"] = "ApiEndpoint",
            ["metadata"] = new Dictionary<string, object>
            {
                ["name"] = NameOf(e.Key),
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
                ["sensitiveData"] = e.Sensitive.Select(kv => new Dictionary<string, object>
                {
                    ["type"] = kv.Key.Type, ["location"] = kv.Key.Location, ["calls"] = kv.Value,
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
            },
        };
    }

    /// <summary>DNS-1123 subdomain: <c>get-api-example-com-users-userid-3f2a9c1e</c>, at most 253 characters.</summary>
    internal static string NameOf(EndpointKey key)
    {
        var readable = new StringBuilder();
        foreach (var ch in $"{key.Method}-{key.Host}-{key.PathTemplate}".ToLowerInvariant())
        {
            var ok = char.IsAsciiLetterOrDigit(ch);
            if (ok)
            {
                readable.Append(ch);
            }
            else if (readable.Length > 0 && readable[^1] != '-')
            {
                readable.Append('-');
            }
        }
        var prefix = readable.ToString().Trim('-');
        if (prefix.Length > 200)
        {
            prefix = prefix[..200].TrimEnd('-');
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key.Method}\n{key.Host}\n{key.PathTemplate}")))[..8];
        return $"{prefix}-{hash}";
    }

    /// <summary>Label values: at most 63 characters of [A-Za-z0-9._-], starting and ending alphanumeric.</summary>
    internal static string LabelValue(string text)
    {
        var chars = text.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-' ? ch : '_').ToArray();
        var value = new string(chars);
        if (value.Length > 63)
        {
            value = value[..63];
        }
        return value.Trim('.', '_', '-');
    }
}
