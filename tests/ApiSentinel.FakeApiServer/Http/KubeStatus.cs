using System.Globalization;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Resources;
using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.FakeApiServer.Http;

/// <summary>
/// Builds the <c>Status</c> objects (kind Status, apiVersion v1) that the real server answers errors with, with the
/// messages in kube's words so clients that match on them (and people reading test output) see the real thing.
/// </summary>
internal static class KubeStatus
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (details is not null)
        {
            status["details"] = details;
        }
        return status;
    }

    public static JsonObject Success(ResourceType type, string name, string? uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = Details(type, name, uid),
    };

    /// <summary><c>configmaps</c> or <c>apiendpoints.apisentinel.io</c>: how kube names a resource in messages.</summary>
    public static string Qualified(ResourceType type) => type.Group.Length == 0 ? type.Plural : $"{type.Plural}.{type.Group}";

    public static KubeStatusException NotFound(ResourceType type, string name) => new(404, Failure(404, StatusReasons.NotFound,
        $"{Qualified(type)} \"{name}\" not found", Details(type, name)));

    public static KubeStatusException NamespaceNotFound(string ns) => new(404, Failure(404, StatusReasons.NotFound,
        $"namespaces \"{ns}\" not found", new JsonObject { ["name"] = ns, ["kind"] = "namespaces" }));

    public static KubeStatusException NoSuchResource() => new(404, Failure(404, StatusReasons.NotFound,
        "the server could not find the requested resource", new JsonObject()));

    public static KubeStatusException AlreadyExists(ResourceType type, string name) => new(409, Failure(409, StatusReasons.AlreadyExists,
        $"{Qualified(type)} \"{name}\" already exists", Details(type, name)));

    public static KubeStatusException Conflict(ResourceType type, string name) => new(409, Failure(409, StatusReasons.Conflict,
        $"Operation cannot be fulfilled on {Qualified(type)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
        Details(type, name)));

    public static KubeStatusException BadRequest(string message) => new(400, Failure(400, StatusReasons.BadRequest, message));

    public static KubeStatusException RequestEntityTooLarge(long limit) => new(413, Failure(413, StatusReasons.RequestEntityTooLarge,
        string.Create(CultureInfo.InvariantCulture, $"Request entity too large: limit is {limit}")));

    /// <summary>etcd's refusal, which kube passes through as an error it has no status for: 500, no reason.</summary>
    public static KubeStatusException StorageRequestTooLarge()
    {
        var status = Failure(500, StatusReasons.Unknown, "etcdserver: request is too large");
        status.Remove("reason");
        return new KubeStatusException(500, status);
    }

    public static KubeStatusException MethodNotAllowed(string message) => new(405, Failure(405, StatusReasons.MethodNotAllowed, message));

    public static KubeStatusException UnsupportedMediaType(string? contentType) => new(415, Failure(415, StatusReasons.UnsupportedMediaType,
        $"the body of the request was in an unknown format ({contentType}) - accepted media types include: {MediaTypes.JsonPatch}, {MediaTypes.MergePatch}, {MediaTypes.ApplyPatch}, {MediaTypes.StrategicMergePatch}"));

    public static KubeStatusException UnsupportedBodyType(string? contentType) => new(415, Failure(415, StatusReasons.UnsupportedMediaType,
        $"the body of the request was in an unknown format ({contentType}) - accepted media types include: {MediaTypes.Json}, {MediaTypes.Yaml}"));

    public static JsonObject Expired(long requested, long oldest) => Failure(410, StatusReasons.Expired,
        $"too old resource version: {requested} ({oldest})");

    /// <summary>422 with one cause per field error, as <c>field.ErrorList.ToAggregate()</c> prints them.</summary>
    public static KubeStatusException Invalid(ResourceType type, string name, IReadOnlyList<FieldCause> causes)
    {
        var details = Details(type, name);
        details["kind"] = type.Kind;
        var list = new JsonArray();
        foreach (var cause in causes)
        {
            list.Add(new JsonObject { ["reason"] = cause.Reason, ["message"] = cause.Message, ["field"] = cause.Field });
        }
        details["causes"] = list;
        var joined = causes.Count == 1 ? causes[0].Text : $"[{string.Join(", ", causes.Select(c => c.Text))}]";
        var kind = type.Group.Length == 0 ? type.Kind : $"{type.Kind}.{type.Group}";
        return new KubeStatusException(422, Failure(422, StatusReasons.Invalid, $"{kind} \"{name}\" is invalid: {joined}", details));
    }

    private static JsonObject Details(ResourceType type, string name, string? uid = null)
    {
        var details = new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural };
        if (uid is not null)
        {
            details["uid"] = uid;
        }
        return details;
    }
}

/// <summary>One entry of a 422's <c>details.causes</c>.</summary>
/// <param name="Reason">kube's cause type, e.g. <c>FieldValueInvalid</c>.</param>
/// <param name="Message">The message without the field prefix (<c>Invalid value: 150: …</c>).</param>
internal sealed record FieldCause(string Reason, string Field, string Message)
{
    public string Text => $"{Field}: {Message}";

    /// <summary>A validator's error as a cause: its message is the whole line ("spec.x: Invalid value: …"), a cause carries the field apart.</summary>
    public static FieldCause From(FieldError error) => new(
        error.Type,
        error.Path,
        error.Message.StartsWith(error.Path + ": ", StringComparison.Ordinal) ? error.Message[(error.Path.Length + 2)..] : error.Message);
}
