namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

/// <summary>
/// A test CRD with everything kubectl reads from a server (printer columns of every type with priorities, short
/// names, a category, a status subresource, descriptions) and a few of its objects in two namespaces.
/// </summary>
internal static class WidgetManifests
{
    public const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.widgets.example.com
        spec:
          group: widgets.example.com
          scope: Namespaced
          names:
            kind: Widget
            listKind: WidgetList
            plural: widgets
            singular: widget
            shortNames: [wd]
            categories: [testing]
          versions:
            - name: v1
              served: true
              storage: true
              subresources:
                status: {}
              additionalPrinterColumns:
                - name: Color
                  type: string
                  jsonPath: .spec.color
                  description: The widget's colour.
                - name: Score
                  type: integer
                  jsonPath: .status.risk.score
                - name: Level
                  type: string
                  jsonPath: .status.risk.level
                  priority: 1
                - name: Tags
                  type: string
                  jsonPath: .spec.tags[*]
                  priority: 1
                - name: Age
                  type: date
                  jsonPath: .metadata.creationTimestamp
              schema:
                openAPIV3Schema:
                  type: object
                  description: A widget the kubectl tests print.
                  properties:
                    spec:
                      type: object
                      description: What the widget is.
                      properties:
                        color:
                          type: string
                          description: The widget's colour.
                        tags:
                          type: array
                          description: Free-form tags.
                          items:
                            type: string
                    status:
                      type: object
                      description: What was observed about the widget.
                      properties:
                        risk:
                          type: object
                          description: How risky the widget is, scored from its factors.
                          properties:
                            score:
                              type: integer
                              description: The risk score, 0 to 100.
                            level:
                              type: string
                              description: The risk level derived from the score.
        """;

    public const string Namespaces = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: billing
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: scratch
        """;

    /// <summary>Where tests that write put their objects, so the listing tests see the same three widgets.</summary>
    public const string ScratchNamespace = "scratch";

    /// <summary>name, namespace, colour, score, level, tier label.</summary>
    public static readonly IReadOnlyList<(string Name, string Namespace, string Color, int Score, string Level, string Tier)> Widgets =
    [
        ("cart", "shop", "red", 72, "high", "front"),
        ("basket", "shop", "blue", 15, "low", "back"),
        ("invoice", "billing", "green", 40, "medium", "back"),
    ];

    public static string Objects() => string.Join("---\n", Widgets.Select(w => $"""
        apiVersion: widgets.example.com/v1
        kind: Widget
        metadata:
          name: {w.Name}
          namespace: {w.Namespace}
          labels:
            tier: {w.Tier}
        spec:
          color: {w.Color}
          tags: [{w.Tier}, {w.Color}]

        """));
}
