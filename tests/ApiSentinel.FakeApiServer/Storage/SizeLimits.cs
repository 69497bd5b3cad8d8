namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>
/// kube's two size bounds. The API server refuses a request body over 3 MiB before decoding it (413); etcd refuses
/// a write over its default <c>--max-request-bytes</c> of 1.5 MiB, which kube-apiserver passes on as a bare 500
/// ("etcdserver: request is too large"), after validation and never on a dry run, since a dry run stores nothing.
/// </summary>
internal static class SizeLimits
{
    public const int MaxRequestBodyBytes = 3 * 1024 * 1024;

    public const int MaxStoredObjectBytes = 3 * 512 * 1024;
}
