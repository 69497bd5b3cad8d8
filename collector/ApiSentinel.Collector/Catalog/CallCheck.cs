using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// What a call must carry before the catalog touches anything for it. The contract's types say these are never null,
/// but calls will arrive from the network (mapped from gRPC messages) and from other assemblies; one that is
/// incomplete is refused whole, never half applied to the templater, the aggregates and the finding windows.
/// Null checks only: nothing on the per-call path allocates.
/// </summary>
internal static class CallCheck
{
    public static void ThrowIfIncomplete(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Server is null || call.Host is null || call.Method is null || call.Path is null || call.Source is null ||
            call.Auth is null || call.Namespace is null || call.Workload is null || call.Query is null ||
            call.RequestHeaders is null || call.ResponseHeaders is null || call.RequestFields is null ||
            call.ResponseFields is null || call.Sensitive is null)
        {
            throw new ArgumentException("the call lacks a required part (server, host, method, path, source, auth or a list)", nameof(call));
        }
    }
}
