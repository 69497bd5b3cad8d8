using ApiSentinel.Collector.Service.Telemetry;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ApiSentinel.Collector.Service.Ingest;

/// <summary>
/// Every call to the ingest service authenticates before its handler reads a message: a client certificate the
/// handshake found trusted (<see cref="ClientCertificateTrust"/>: chaining to <c>--client-ca</c>), or, when no
/// certificate was presented, <c>authorization: Bearer TOKEN</c> metadata matching <see cref="SensorToken"/>. An
/// untrusted certificate is refused even with a valid token (simplest and safest: a presented identity that fails is
/// never overridden). Anything else is refused with <c>UNAUTHENTICATED</c> and counted; the presented token is never logged.
/// </summary>
public sealed partial class SensorAuthentication(SensorToken? token, ClientCertificateTrust? trust, CollectorTelemetry telemetry, ILogger<SensorAuthentication> log) : Interceptor
{
    private const string BearerPrefix = "Bearer ";

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        Authenticate(context);
        return continuation(request, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        if (context.GetHttpContext().Connection.ClientCertificate is { } certificate)
        {
            // A certificate was presented: it decides, a token cannot make up for an untrusted one (documented).
            if (trust is not null && trust.IsTrusted(certificate))
            {
                return;
            }
            throw Refuse(context, "client certificate not trusted");
        }
        var header = context.RequestHeaders.GetValue("authorization");
        var presented = header is not null && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? header[BearerPrefix.Length..].Trim()
            : null;
        if (token is not null && token.Matches(presented))
        {
            return;
        }
        throw Refuse(context, header is null ? "no authorization metadata" : presented is null ? "not a bearer token" : "wrong token");
    }

    private RpcException Refuse(ServerCallContext context, string reason)
    {
        telemetry.StreamRefused(RefusalReasons.Unauthenticated);
        LogRefused(log, context.Peer, reason);
        return new RpcException(new Status(StatusCode.Unauthenticated, "a valid bearer token or client certificate is required"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "sensor stream from {Peer} refused: unauthenticated ({Reason})")]
    private static partial void LogRefused(ILogger log, string peer, string reason);
}
