using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema.Structure;

namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>
/// The checks kube-apiserver makes when a CRD is created, so a manifest that passes here is one a real cluster
/// accepts: structural schema rules, forbidden keywords, metadata restrictions, defaults, list types, CEL rules.
/// Each problem is one line in kube's <c>path: Kind: detail</c> shape; empty means fine.
/// </summary>
public static class StructuralSchema
{
    /// <summary>How the paths of problems in a bare schema start.</summary>
    public const string RootPath = "openAPIV3Schema";

    public static IReadOnlyList<string> Check(JsonObject openApiV3Schema)
    {
        ArgumentNullException.ThrowIfNull(openApiV3Schema);
        return SchemaChecks.Run(openApiV3Schema, RootPath);
    }

    /// <summary>Every property without a description, which leaves <c>kubectl explain</c> blank for it.</summary>
    public static IReadOnlyList<string> MissingDescriptions(JsonObject openApiV3Schema)
    {
        ArgumentNullException.ThrowIfNull(openApiV3Schema);
        var missing = new List<string>();
        SchemaWalker.Walk(openApiV3Schema, RootPath, visit =>
        {
            var (node, path) = (visit.Node, visit.Path);
            // The root and the implicit apiVersion/kind/metadata are described by kube itself.
            if (!visit.IsProperty || visit.InValueValidation || IsTypeMeta(path))
            {
                return;
            }
            if (node[SchemaKeywords.Description] is not JsonValue d || string.IsNullOrWhiteSpace(d.ToString()))
            {
                missing.Add($"{path}.description: Required value: every field needs a description for kubectl explain");
            }
        });
        return missing;
    }

    /// <summary>A whole CRD (apiextensions.k8s.io/v1) as read from YAML, every version's schema included.</summary>
    public static IReadOnlyList<string> CheckCrd(JsonObject customResourceDefinition)
    {
        ArgumentNullException.ThrowIfNull(customResourceDefinition);
        return CrdChecks.Run(customResourceDefinition);
    }

    private static bool IsTypeMeta(string path) =>
        path is $"{RootPath}.properties[apiVersion]" or $"{RootPath}.properties[kind]" or $"{RootPath}.properties[metadata]";
}
