using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.BuiltIns;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Json;
using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>
/// kube's Event checks (pkg/apis/core/validation/events.go). Every write passes the legacy checks: the involved
/// object's namespace agrees with the Event's, and an Event with <c>eventTime</c> (a "new" one) names its reporting
/// controller and instance, action and reason within their limits. A create through events.k8s.io/v1 is strict on
/// top: eventTime required, type Normal or Warning, the deprecated fields unset, a series counted from 2. Core v1
/// creates stay lenient for old clients, as kube keeps them.
/// </summary>
internal static class EventValidation
{
    private const int ReportingInstanceLengthLimit = 128;
    private const int ActionLengthLimit = 128;
    private const int ReasonLengthLimit = 128;
    private const int NoteLengthLimit = 1024;
    private const string DefaultNamespace = "default";
    private const string SystemNamespace = "kube-system";

    /// <summary>The field names of one API version: events.k8s.io/v1 renamed most of core v1's.</summary>
    private sealed record Fields(string InvolvedObject, string ReportingController, string Message, string Source, string FirstTimestamp, string LastTimestamp, string Count);

    private static readonly Fields Core = new("involvedObject", "reportingComponent", "message", "source", "firstTimestamp", "lastTimestamp", "count");
    private static readonly Fields EventsV1 = new("regarding", "reportingController", "note", "deprecatedSource", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount");

    public static List<FieldCause> Check(JsonObject ev, bool strictApi, bool isCreate)
    {
        var fields = strictApi ? EventsV1 : Core;
        var errors = new List<FieldError>();
        Legacy(ev, fields, errors);
        if (strictApi && isCreate)
        {
            Strict(ev, fields, errors);
        }
        return [.. errors.Select(FieldCause.From)];
    }

    private static void Legacy(JsonObject ev, Fields fields, List<FieldError> errors)
    {
        var ns = JsonTree.String(ev, "metadata", "namespace") ?? "";
        var involvedNs = JsonTree.String(ev, fields.InvolvedObject, "namespace") ?? "";
        var involvedNsPath = fields.InvolvedObject + ".namespace";
        if (!IsSet(ev["eventTime"]))
        {
            // An old-style Event about a cluster-scoped object may still live in "default" (old clients did that).
            var agrees = involvedNs.Length == 0 ? ns is "" or DefaultNamespace : ns == involvedNs;
            if (!agrees)
            {
                errors.Add(FieldErrors.Invalid(involvedNsPath, involvedNs, "does not match event.namespace"));
            }
            return;
        }
        if (involvedNs.Length == 0 && ns is not (DefaultNamespace or SystemNamespace))
        {
            errors.Add(FieldErrors.Invalid(involvedNsPath, involvedNs, "does not match event.namespace"));
        }
        Required(ev, fields.ReportingController, errors);
        Required(ev, "reportingInstance", errors);
        AtMost(ev, "reportingInstance", ReportingInstanceLengthLimit, errors);
        Required(ev, "action", errors);
        AtMost(ev, "action", ActionLengthLimit, errors);
        Required(ev, "reason", errors);
        AtMost(ev, "reason", ReasonLengthLimit, errors);
        AtMost(ev, fields.Message, NoteLengthLimit, errors);
    }

    private static void Strict(JsonObject ev, Fields fields, List<FieldError> errors)
    {
        if (ev["series"] is JsonObject series)
        {
            if ((JsonTree.Long(series["count"]) ?? 0) < 2)
            {
                errors.Add(FieldErrors.Invalid("series.count", "", "should be at least 2"));
            }
            if (!IsSet(series["lastObservedTime"]))
            {
                errors.Add(FieldErrors.Required("series.lastObservedTime"));
            }
        }
        if (!IsSet(ev["eventTime"]))
        {
            errors.Add(FieldErrors.Required("eventTime"));
        }
        var type = JsonTree.String(ev, "type") ?? "";
        if (type is not (EventTypes.Normal or EventTypes.Warning))
        {
            errors.Add(FieldErrors.Invalid("type", "", "has invalid value: " + type));
        }
        foreach (var unset in new[] { fields.FirstTimestamp, fields.LastTimestamp })
        {
            if (IsSet(ev[unset]))
            {
                errors.Add(FieldErrors.Invalid(unset, "", "needs to be unset"));
            }
        }
        if ((JsonTree.Long(ev[fields.Count]) ?? 0) != 0)
        {
            errors.Add(FieldErrors.Invalid(fields.Count, "", "needs to be unset"));
        }
        if (JsonTree.String(ev, fields.Source, "component") is { Length: > 0 } || JsonTree.String(ev, fields.Source, "host") is { Length: > 0 })
        {
            errors.Add(FieldErrors.Invalid(fields.Source, "", "needs to be unset"));
        }
    }

    private static void Required(JsonObject ev, string field, List<FieldError> errors)
    {
        if (JsonTree.String(ev, field) is not { Length: > 0 })
        {
            errors.Add(FieldErrors.Required(field));
        }
    }

    // kube counts bytes (Go's len), not characters.
    private static void AtMost(JsonObject ev, string field, int limit, List<FieldError> errors)
    {
        if (JsonTree.String(ev, field) is { } text && Encoding.UTF8.GetByteCount(text) > limit)
        {
            errors.Add(FieldErrors.Invalid(field, "", string.Create(CultureInfo.InvariantCulture, $"can have at most {limit} characters")));
        }
    }

    // A zero time (Go's time.Time{}) serialises as null or is left out.
    private static bool IsSet(JsonNode? value) => value is not null && !JsonTypes.IsNull(value) && JsonTree.ScalarText(value) is not "";
}
