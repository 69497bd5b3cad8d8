using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.FakeApiServer.Tests.Schema;

/// <summary>Pruning of unknown fields and defaulting, as the real server does before validating a write.</summary>
public sealed class DefaultAndPruneTests
{
    private static JsonObject Apply(string schema, string obj)
    {
        var value = Yaml.Object(obj);
        CrdValidator.For(Yaml.Object(schema)).DefaultAndPrune(value);
        return value;
    }

    private static void AssertJson(string expectedYaml, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(Yaml.Node(expectedYaml), actual), $"expected {Yaml.Node(expectedYaml)?.ToJsonString()} got {actual.ToJsonString()}");

    [Fact]
    public void Unknown_fields_are_pruned_at_every_level_but_type_meta_and_metadata_stay()
    {
        var result = Apply(
            "{type: object, properties: {spec: {type: object, properties: {a: {type: string}}}}}",
            "{apiVersion: v1, kind: K, metadata: {name: n, labels: {x: y}}, spec: {a: b, typo: 1}, extra: true}");

        AssertJson("{apiVersion: v1, kind: K, metadata: {name: n, labels: {x: y}}, spec: {a: b}}", result);
    }

    [Fact]
    public void Preserve_unknown_fields_keeps_them_and_still_prunes_inside_known_properties()
    {
        var result = Apply(
            "{type: object, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {known: {type: object, properties: {a: {type: integer}}}}}}}",
            "{spec: {free: {deep: 1}, known: {a: 1, b: 2}}}");

        AssertJson("{spec: {free: {deep: 1}, known: {a: 1}}}", result);
    }

    [Fact]
    public void Map_keys_are_kept_and_their_values_pruned()
    {
        var result = Apply(
            "{type: object, properties: {m: {type: object, additionalProperties: {type: object, properties: {a: {type: string}}}}}}",
            "{m: {one: {a: x, b: y}, two: {}}}");

        AssertJson("{m: {one: {a: x}, two: {}}}", result);
    }

    [Fact]
    public void Array_items_are_pruned()
    {
        var result = Apply(
            "{type: object, properties: {l: {type: array, items: {type: object, properties: {a: {type: string}}}}}}",
            "{l: [{a: x, b: 1}, {c: 2}]}");

        AssertJson("{l: [{a: x}, {}]}", result);
    }

    [Fact]
    public void Embedded_resources_keep_their_type_meta_and_metadata()
    {
        var result = Apply(
            "{type: object, properties: {template: {type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object}}}}}",
            "{template: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {}, status: {}}}");

        AssertJson("{template: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {}}}", result);
    }

    [Fact]
    public void Root_metadata_declared_by_the_schema_keeps_every_ObjectMeta_field()
    {
        var result = Apply(
            "{type: object, properties: {metadata: {type: object, properties: {name: {type: string, maxLength: 63}}}, spec: {type: object}}}",
            "{apiVersion: v1, kind: K, metadata: {name: n, namespace: ns, labels: {x: y}, annotations: {a: b}, finalizers: [f], uid: u, resourceVersion: '7', generation: 2}, spec: {}}");

        AssertJson("{apiVersion: v1, kind: K, metadata: {name: n, namespace: ns, labels: {x: y}, annotations: {a: b}, finalizers: [f], uid: u, resourceVersion: '7', generation: 2}, spec: {}}", result);
    }

    [Fact]
    public void Members_outside_ObjectMeta_are_dropped_from_metadata_as_kube_round_trips_it()
    {
        var result = Apply(
            "{type: object, properties: {metadata: {type: object}, spec: {type: object}}}",
            "{metadata: {name: n, clusterName: c, typo: 1}, spec: {}}");

        AssertJson("{metadata: {name: n}, spec: {}}", result);
    }

    [Fact]
    public void Embedded_resource_metadata_declared_by_the_schema_keeps_ObjectMeta()
    {
        var result = Apply(
            "{type: object, properties: {template: {type: object, x-kubernetes-embedded-resource: true, properties: {metadata: {type: object, properties: {name: {type: string}}}, spec: {type: object}}}}}",
            "{template: {apiVersion: v1, kind: Pod, metadata: {name: p, labels: {app: a}, other: x}, spec: {}}}");

        AssertJson("{template: {apiVersion: v1, kind: Pod, metadata: {name: p, labels: {app: a}}, spec: {}}}", result);
    }

    [Fact]
    public void Defaults_declared_under_metadata_are_not_applied()
    {
        var result = Apply(
            "{type: object, properties: {metadata: {type: object, properties: {labels: {type: object, default: {x: y}}}}, spec: {type: object, properties: {a: {type: string, default: d}}}}}",
            "{metadata: {name: n}, spec: {}}");

        AssertJson("{metadata: {name: n}, spec: {a: d}}", result);
    }

    [Fact]
    public void Absent_fields_take_their_defaults_and_defaults_inside_defaults_apply()
    {
        var result = Apply(
            """
            type: object
            properties:
              spec:
                type: object
                default: {}
                properties:
                  mode: {type: string, default: DaemonSet}
                  limits:
                    type: object
                    default: {}
                    properties:
                      bodyBytes: {type: integer, default: 65536}
            """,
            "{}");

        AssertJson("{spec: {mode: DaemonSet, limits: {bodyBytes: 65536}}}", result);
    }

    [Fact]
    public void A_present_value_is_not_defaulted()
    {
        var result = Apply("{type: object, properties: {mode: {type: string, default: DaemonSet}}}", "{mode: Sidecar}");

        AssertJson("{mode: Sidecar}", result);
    }

    [Fact]
    public void Null_takes_the_default_unless_nullable_and_is_dropped_when_there_is_none()
    {
        var result = Apply(
            "{type: object, properties: {a: {type: string, default: d}, b: {type: string}, c: {type: string, nullable: true, default: d}}}",
            "{a: null, b: null, c: null}");

        AssertJson("{a: d, c: null}", result);
    }

    [Fact]
    public void Defaults_apply_to_each_list_item_and_are_copies()
    {
        var result = Apply(
            "{type: object, properties: {ports: {type: array, items: {type: object, properties: {protocol: {type: string, default: TCP}, tags: {type: array, items: {type: string}, default: [a]}}}}}}",
            "{ports: [{}, {protocol: UDP}]}");

        AssertJson("{ports: [{protocol: TCP, tags: [a]}, {protocol: UDP, tags: [a]}]}", result);
        ((JsonArray)result["ports"]![0]!["tags"]!).Add("b");
        Assert.Single((JsonArray)result["ports"]![1]!["tags"]!);
    }

    [Fact]
    public void A_pruned_and_defaulted_object_then_validates()
    {
        var schema = Yaml.Object("{type: object, required: [spec], properties: {spec: {type: object, default: {}, required: [mode], properties: {mode: {type: string, default: DaemonSet, enum: [DaemonSet, Sidecar]}}}}}");
        var validator = CrdValidator.For(schema);
        var obj = Yaml.Object("{apiVersion: v, kind: K, metadata: {name: a}, bogus: 1}");

        validator.DefaultAndPrune(obj);

        Assert.Empty(validator.Validate(obj, null));
        Assert.False(obj.ContainsKey("bogus"));
    }
}
