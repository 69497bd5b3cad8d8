namespace ApiSentinel.FakeApiServer.Tests.Server;

/// <summary>Two small CRDs for the server's tests: widgets (status subresource) and gadgets (status is a plain field).</summary>
internal static class TestCrds
{
    public const string Group = "test.apisentinel.io";
    public const string ApiVersion = "test.apisentinel.io/v1";
    public const string Widgets = "widgets";
    public const string Gadgets = "gadgets";

    public const string Yaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.test.apisentinel.io
        spec:
          group: test.apisentinel.io
          scope: Namespaced
          names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget, shortNames: [wd]}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-validations:
                    - {rule: "!has(self.tags) || self.tags.size() <= 3", message: "at most three tags"}
                    properties:
                      size: {type: integer, minimum: 0, maximum: 100}
                      color: {type: string}
                      shape: {type: string, enum: [round, square], default: round}
                      tags: {type: array, items: {type: string}}
                  status:
                    type: object
                    properties:
                      phase: {type: string}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gadgets.test.apisentinel.io
        spec:
          group: test.apisentinel.io
          scope: Cluster
          names: {kind: Gadget, plural: gadgets}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                  status:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
        """;
}
