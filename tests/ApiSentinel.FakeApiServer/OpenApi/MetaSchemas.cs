using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.OpenApi;

/// <summary>
/// The apimachinery schemas every group version's document carries (each document is self-contained, as the real
/// server's are): <c>ObjectMeta</c> and what it refers to, <c>ListMeta</c>, <c>Status</c>. Descriptions are short
/// versions of the real ones, so <c>kubectl explain KIND.metadata</c> says something useful.
/// </summary>
internal static class MetaSchemas
{
    public const string ApiVersionDescription =
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.";

    public const string KindDescription =
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. In CamelCase.";

    public const string MetadataDescription = "Standard object's metadata.";

    public const string ListMetadataDescription = "Standard list metadata.";

    /// <summary>The schemas, their references written with <paramref name="refPrefix"/> (v2 or v3 style).</summary>
    public static IEnumerable<KeyValuePair<string, JsonNode?>> All(string refPrefix)
    {
        yield return new(SchemaNames.ObjectMeta, Object(
            "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
            ("annotations", StringMap("Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata.")),
            ("creationTimestamp", Ref(refPrefix, SchemaNames.Time, "CreationTimestamp is a timestamp representing the server time when this object was created. Populated by the system. Read-only.")),
            ("deletionGracePeriodSeconds", Scalar("integer", "Number of seconds allowed for this object to gracefully terminate before it will be removed from the system.", "int64")),
            ("deletionTimestamp", Ref(refPrefix, SchemaNames.Time, "DeletionTimestamp is the time after which this resource will be deleted, set by the server when a graceful deletion is requested. Read-only.")),
            ("finalizers", StringList("Must be empty before the object is deleted from the registry. Each entry is an identifier for the responsible component that will remove the entry from the list.")),
            ("generateName", Scalar("string", "GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided.")),
            ("generation", Scalar("integer", "A sequence number representing a specific generation of the desired state. Populated by the system. Read-only.", "int64")),
            ("labels", StringMap("Map of string keys and values that can be used to organize and categorize (scope and select) objects.")),
            ("managedFields", ListOf(refPrefix, SchemaNames.ManagedFieldsEntry, "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow.")),
            ("name", Scalar("string", "Name must be unique within a namespace. Cannot be updated.")),
            ("namespace", Scalar("string", "Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the \"default\" namespace.")),
            ("ownerReferences", ListOf(refPrefix, SchemaNames.OwnerReference, "List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected.")),
            ("resourceVersion", Scalar("string", "An opaque value that represents the internal version of this object, used by clients to determine when objects have changed.")),
            ("selfLink", Scalar("string", "Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.")),
            ("uid", Scalar("string", "UID is the unique in time and space value for this object. Populated by the system. Read-only."))));

        yield return new(SchemaNames.ListMeta, Object(
            "ListMeta describes metadata that synthetic resources must have, including lists and various status objects.",
            ("continue", Scalar("string", "continue may be set if the user set a limit on the number of items returned, and indicates that the server has more data available.")),
            ("remainingItemCount", Scalar("integer", "remainingItemCount is the number of subsequent items in the list which are not included in this list response.", "int64")),
            ("resourceVersion", Scalar("string", "String that identifies the server's internal version of this object that can be used by clients to determine when objects have changed."))));

        yield return new(SchemaNames.ManagedFieldsEntry, Object(
            "ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.",
            ("apiVersion", Scalar("string", "APIVersion defines the version of this resource that this field set applies to.")),
            ("fieldsType", Scalar("string", "FieldsType is the discriminator for the different fields format and version. There is currently only one possible value: \"FieldsV1\"")),
            ("fieldsV1", Ref(refPrefix, SchemaNames.FieldsV1, "FieldsV1 holds the first JSON version format as described in the \"FieldsV1\" type.")),
            ("manager", Scalar("string", "Manager is an identifier of the workflow managing these fields.")),
            ("operation", Scalar("string", "Operation is the type of operation which lead to this ManagedFieldsEntry being created. The only valid values for this field are 'Apply' and 'Update'.")),
            ("subresource", Scalar("string", "Subresource is the name of the subresource used to update that object, or empty string if the object was updated through the main resource.")),
            ("time", Ref(refPrefix, SchemaNames.Time, "Time is the timestamp of when the ManagedFields entry was added."))));

        var owner = Object(
            "OwnerReference contains enough information to let you identify an owning object.",
            ("apiVersion", Scalar("string", "API version of the referent.")),
            ("blockOwnerDeletion", Scalar("boolean", "If true, AND if the owner has the \"foregroundDeletion\" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed.")),
            ("controller", Scalar("boolean", "If true, this reference points to the managing controller.")),
            ("kind", Scalar("string", "Kind of the referent.")),
            ("name", Scalar("string", "Name of the referent.")),
            ("uid", Scalar("string", "UID of the referent.")));
        owner["required"] = new JsonArray("apiVersion", "kind", "name", "uid");
        owner["x-kubernetes-map-type"] = "atomic";
        yield return new(SchemaNames.OwnerReference, owner);

        yield return new(SchemaNames.Time, new JsonObject
        {
            ["description"] = "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON (RFC 3339).",
            ["type"] = "string",
            ["format"] = "date-time",
        });

        yield return new(SchemaNames.FieldsV1, new JsonObject
        {
            ["description"] = "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.",
            ["type"] = "object",
        });

        yield return new(SchemaNames.Status, Object(
            "Status is a return value for calls that don't return other objects.",
            ("apiVersion", Scalar("string", ApiVersionDescription)),
            ("code", Scalar("integer", "Suggested HTTP return code for this status, 0 if not set.", "int32")),
            ("kind", Scalar("string", KindDescription)),
            ("message", Scalar("string", "A human-readable description of the status of this operation.")),
            ("metadata", Ref(refPrefix, SchemaNames.ListMeta, ListMetadataDescription)),
            ("reason", Scalar("string", "A machine-readable description of why this operation is in the \"Failure\" status.")),
            ("status", Scalar("string", "Status of the operation. One of: \"Success\" or \"Failure\"."))));
    }

    /// <summary>
    /// A property holding a referenced schema, written as the real server writes it: the reference wrapped in
    /// <c>allOf</c> so that a description can sit beside it.
    /// </summary>
    public static JsonObject Ref(string refPrefix, string name, string description) => new()
    {
        ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = refPrefix + name }),
        ["description"] = description,
        ["default"] = new JsonObject(),
    };

    public static JsonObject Scalar(string type, string description, string? format = null)
    {
        var schema = new JsonObject { ["description"] = description, ["type"] = type };
        if (format is not null)
        {
            schema["format"] = format;
        }
        return schema;
    }

    private static JsonObject Object(string description, params (string Name, JsonObject Schema)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
        }
        return new JsonObject { ["description"] = description, ["type"] = "object", ["properties"] = props };
    }

    private static JsonObject StringMap(string description) => new()
    {
        ["description"] = description,
        ["type"] = "object",
        ["additionalProperties"] = new JsonObject { ["type"] = "string", ["default"] = "" },
    };

    private static JsonObject StringList(string description) => new()
    {
        ["description"] = description,
        ["type"] = "array",
        ["items"] = new JsonObject { ["type"] = "string", ["default"] = "" },
    };

    private static JsonObject ListOf(string refPrefix, string name, string description) => new()
    {
        ["description"] = description,
        ["type"] = "array",
        ["items"] = new JsonObject
        {
            ["default"] = new JsonObject(),
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = refPrefix + name }),
        },
    };
}
