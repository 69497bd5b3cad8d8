using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Http;

/// <summary>
/// A request that ends in a kube <c>Status</c> error. Thrown from deep inside an operation (a patch that does not
/// apply, a stale resourceVersion) so the operation reads straight; the dispatcher turns it into the response.
/// </summary>
internal sealed class KubeStatusException(int code, JsonObject status) : Exception(ApiSentinel.FakeApiServer.Json.JsonTree.String(status, "message"))
{
    public int Code { get; } = code;
    public JsonObject Status { get; } = status;
}
