using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

/// <summary>
/// Kinds for the document tests: a test CRD with everything kubectl reads (printer columns with priorities and
/// types, short names, a category, a status subresource, descriptions) in two versions, and two built-ins.
/// </summary>
internal static class TestKinds
{
    public const string Group = "widgets.example.com";

    public static JsonObject WidgetSchema(string scoreDescription = "Risk score from 0 to 100.") => JsonNode.Parse($$"""
        {
          "type": "object",
          "description": "A widget the tests print.",
          "properties": {
            "spec": {
              "type": "object",
              "description": "What the widget is.",
              "properties": {
                "color": { "type": "string", "description": "The widget's colour." },
                "size": { "type": "integer", "description": "How big it is." },
                "tags": { "type": "array", "items": { "type": "string" }, "description": "Free-form tags." }
              }
            },
            "status": {
              "type": "object",
              "description": "What was observed.",
              "properties": {
                "risk": {
                  "type": "object",
                  "description": "How risky the widget is.",
                  "properties": {
                    "score": { "type": "integer", "description": "{{scoreDescription}}" },
                    "level": { "type": "string", "description": "none, low, medium, high or critical." }
                  }
                },
                "ratio": { "type": "number", "description": "A ratio." },
                "active": { "type": "boolean", "description": "Whether it is active." },
                "lastSeen": { "type": "string", "format": "date-time", "description": "When it was last seen." }
              }
            }
          }
        }
        """)!.AsObject();

    public static JsonArray WidgetColumns() => JsonNode.Parse("""
        [
          { "name": "Color", "type": "string", "jsonPath": ".spec.color", "description": "The widget's colour." },
          { "name": "Score", "type": "integer", "jsonPath": ".status.risk.score" },
          { "name": "Level", "type": "string", "jsonPath": ".status.risk.level", "priority": 1 },
          { "name": "Ratio", "type": "number", "jsonPath": ".status.ratio", "priority": 1 },
          { "name": "Active", "type": "boolean", "jsonPath": ".status.active", "priority": 1 },
          { "name": "Tags", "type": "string", "jsonPath": ".spec.tags[*]", "priority": 1 },
          { "name": "Last Seen", "type": "date", "jsonPath": ".status.lastSeen" },
          { "name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp" }
        ]
        """)!.AsArray();

    public static ResourceType Widget(string version = "v1", JsonObject? schema = null) => new(
        Group, version, "Widget", "WidgetList", "widgets", "widget", Namespaced: true,
        ShortNames: ["wd", "wdg"], Categories: ["testing"], schema ?? WidgetSchema(), WidgetColumns(), HasStatus: true);

    public static ResourceType Namespace { get; } = new(
        "", "v1", "Namespace", "NamespaceList", "namespaces", "namespace", Namespaced: false, ["ns"], [], null, null, HasStatus: true);

    public static ResourceType ConfigMap { get; } = new(
        "", "v1", "ConfigMap", "ConfigMapList", "configmaps", "configmap", Namespaced: true, ["cm"], [], null, null, HasStatus: false);

    public static IReadOnlyList<ResourceType> All() => [Namespace, ConfigMap, Widget("v1alpha1"), Widget("v1"), Widget("v1beta2")];
}
