using System.Net;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Server;

/// <summary>kube's Event rules: the legacy ones on every core v1 write, the strict ones on an events.k8s.io/v1 create.</summary>
public sealed class EventValidationTests
{
    private const string CoreEvents = "/api/v1/namespaces/default/events";
    private const string V1Events = "/apis/events.k8s.io/v1/namespaces/default/events";
    private const string EventTime = "2026-01-02T03:04:05.000000Z";

    private static JsonObject CoreEvent(string involvedNamespace = "default") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Event",
        ["metadata"] = new JsonObject { ["name"] = "e" },
        ["involvedObject"] = new JsonObject { ["kind"] = "Widget", ["name"] = "w", ["namespace"] = involvedNamespace },
        ["reason"] = "Tested",
        ["message"] = "a test event",
        ["type"] = "Normal",
    };

    private static JsonObject NewStyleCoreEvent()
    {
        var ev = CoreEvent();
        ev["eventTime"] = EventTime;
        ev["reportingComponent"] = "apisentinel.io/collector";
        ev["reportingInstance"] = "collector-0";
        ev["action"] = "Scored";
        return ev;
    }

    private static JsonObject V1Event() => new()
    {
        ["apiVersion"] = "events.k8s.io/v1",
        ["kind"] = "Event",
        ["metadata"] = new JsonObject { ["name"] = "e" },
        ["regarding"] = new JsonObject { ["kind"] = "Widget", ["name"] = "w", ["namespace"] = "default" },
        ["eventTime"] = EventTime,
        ["reportingController"] = "apisentinel.io/collector",
        ["reportingInstance"] = "collector-0",
        ["action"] = "Scored",
        ["reason"] = "Tested",
        ["note"] = "a test event",
        ["type"] = "Normal",
    };

    private static List<(string Field, string Reason, string Message)> Causes(JsonObject status) =>
        [.. status["details"]!["causes"]!.AsArray().Select(c => (c!["field"]!.GetValue<string>(), c["reason"]!.GetValue<string>(), c["message"]!.GetValue<string>()))];

    private static async Task<(HttpStatusCode Code, JsonObject Body)> PostAsync(string path, JsonObject ev)
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        return await api.PostAsync(path, ev);
    }

    [Fact]
    public async Task Valid_events_of_both_apis_are_created()
    {
        var (old, _) = await PostAsync(CoreEvents, CoreEvent());
        var (newStyle, _) = await PostAsync(CoreEvents, NewStyleCoreEvent());
        var (v1, _) = await PostAsync(V1Events, V1Event());

        Assert.Equal(HttpStatusCode.Created, old);
        Assert.Equal(HttpStatusCode.Created, newStyle);
        Assert.Equal(HttpStatusCode.Created, v1);
    }

    [Fact]
    public async Task The_involved_object_namespace_must_be_the_events_own()
    {
        var (code, status) = await PostAsync(CoreEvents, CoreEvent(involvedNamespace: "other"));

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        Assert.Equal([("involvedObject.namespace", "FieldValueInvalid", "Invalid value: \"other\": does not match event.namespace")], Causes(status));
    }

    [Fact]
    public async Task A_new_style_event_names_its_reporter_instance_and_action()
    {
        var ev = NewStyleCoreEvent();
        ev.Remove("reportingComponent");
        ev.Remove("reportingInstance");
        ev.Remove("action");

        var (code, status) = await PostAsync(CoreEvents, ev);

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal(
            [("reportingComponent", "FieldValueRequired", "Required value"), ("reportingInstance", "FieldValueRequired", "Required value"), ("action", "FieldValueRequired", "Required value")],
            Causes(status));
    }

    [Theory]
    [InlineData("reason", 128)]
    [InlineData("action", 128)]
    [InlineData("reportingInstance", 128)]
    [InlineData("message", 1024)]
    public async Task A_new_style_event_field_over_its_limit_is_refused_and_at_it_accepted(string field, int limit)
    {
        var atLimit = NewStyleCoreEvent();
        atLimit[field] = new string('a', limit);
        var over = NewStyleCoreEvent();
        over[field] = new string('a', limit + 1);

        var (accepted, _) = await PostAsync(CoreEvents, atLimit);
        var (refused, status) = await PostAsync(CoreEvents, over);

        Assert.Equal(HttpStatusCode.Created, accepted);
        Assert.Equal((HttpStatusCode)422, refused);
        Assert.Equal([(field, "FieldValueInvalid", $"Invalid value: \"\": can have at most {limit} characters")], Causes(status));
    }

    [Fact]
    public async Task An_events_v1_event_needs_an_event_time_and_a_known_type()
    {
        var ev = V1Event();
        ev.Remove("eventTime");
        ev["type"] = "Info";
        ev["deprecatedCount"] = 3;

        var (code, status) = await PostAsync(V1Events, ev);

        Assert.Equal((HttpStatusCode)422, code);
        var causes = Causes(status);
        Assert.Contains(("eventTime", "FieldValueRequired", "Required value"), causes);
        Assert.Contains(("type", "FieldValueInvalid", "Invalid value: \"\": has invalid value: Info"), causes);
        Assert.Contains(("deprecatedCount", "FieldValueInvalid", "Invalid value: \"\": needs to be unset"), causes);
    }

    [Fact]
    public async Task An_events_v1_note_over_a_kilobyte_is_refused()
    {
        var ev = V1Event();
        ev["note"] = new string('n', 1025);

        var (code, status) = await PostAsync(V1Events, ev);

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal([("note", "FieldValueInvalid", "Invalid value: \"\": can have at most 1024 characters")], Causes(status));
    }
}
