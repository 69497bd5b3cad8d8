namespace ApiSentinel.FakeApiServer.Patching;

/// <summary>The <c>operation</c> of a managedFields entry.</summary>
public static class ManagedFieldsOperations
{
    public const string Apply = "Apply";
    public const string Update = "Update";
}
