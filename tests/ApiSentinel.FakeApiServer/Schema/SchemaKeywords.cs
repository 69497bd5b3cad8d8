namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>The openAPIV3Schema keywords and extension names this validator reads or rejects: one home.</summary>
public static class SchemaKeywords
{
    public const string Type = "type";
    public const string Format = "format";
    public const string Description = "description";
    public const string Nullable = "nullable";
    public const string Default = "default";
    public const string Enum = "enum";
    public const string Pattern = "pattern";
    public const string Maximum = "maximum";
    public const string Minimum = "minimum";
    public const string ExclusiveMaximum = "exclusiveMaximum";
    public const string ExclusiveMinimum = "exclusiveMinimum";
    public const string MultipleOf = "multipleOf";
    public const string MaxLength = "maxLength";
    public const string MinLength = "minLength";
    public const string MaxItems = "maxItems";
    public const string MinItems = "minItems";
    public const string UniqueItems = "uniqueItems";
    public const string MaxProperties = "maxProperties";
    public const string MinProperties = "minProperties";
    public const string Required = "required";
    public const string Properties = "properties";
    public const string AdditionalProperties = "additionalProperties";
    public const string Items = "items";
    public const string AllOf = "allOf";
    public const string AnyOf = "anyOf";
    public const string OneOf = "oneOf";
    public const string Not = "not";
    public const string Title = "title";
    public const string Example = "example";
    public const string ExternalDocs = "externalDocs";

    public const string PreserveUnknownFields = "x-kubernetes-preserve-unknown-fields";
    public const string IntOrString = "x-kubernetes-int-or-string";
    public const string EmbeddedResource = "x-kubernetes-embedded-resource";
    public const string ListType = "x-kubernetes-list-type";
    public const string ListMapKeys = "x-kubernetes-list-map-keys";
    public const string MapType = "x-kubernetes-map-type";
    public const string Validations = "x-kubernetes-validations";

    /// <summary>Keywords a CRD schema may not use at all (apiextensions' ValidateCustomResourceDefinitionOpenAPISchema).</summary>
    public static readonly IReadOnlyList<string> ForbiddenEverywhere =
        ["$ref", "$schema", "id", "definitions", "dependencies", "patternProperties", "additionalItems"];

    /// <summary>Every keyword kube's JSONSchemaProps knows; anything else in a schema is a typo the real server rejects.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        Type, Format, Description, Nullable, Default, Enum, Pattern, Maximum, Minimum, ExclusiveMaximum, ExclusiveMinimum,
        MultipleOf, MaxLength, MinLength, MaxItems, MinItems, UniqueItems, MaxProperties, MinProperties, Required,
        Properties, AdditionalProperties, Items, AllOf, AnyOf, OneOf, Not, Title, Example, ExternalDocs,
        PreserveUnknownFields, IntOrString, EmbeddedResource, ListType, ListMapKeys, MapType, Validations,
        "$ref", "$schema", "id", "definitions", "dependencies", "patternProperties", "additionalItems",
    };
}
