namespace ApiSentinel.FakeApiServer.Http;

/// <summary>The Kubernetes verbs a request resolves to (what fault rules and the request log name).</summary>
public static class KubeVerbs
{
    public const string Get = "get";
    public const string List = "list";
    public const string Watch = "watch";
    public const string Create = "create";
    public const string Update = "update";
    public const string Patch = "patch";
    public const string Delete = "delete";
    public const string DeleteCollection = "deletecollection";
    /// <summary>Requests that address no resource (discovery, OpenAPI, /version).</summary>
    public const string None = "";
}
