using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Service.Sensors;
using ApiSentinel.Collector.Service.State;
using ApiSentinel.Collector.Service.Telemetry;
using ApiSentinel.Collector.Storage;
using ApiSentinel.Ingest.V1Alpha1;
using Grpc.Core;
using IngestBase = ApiSentinel.Ingest.V1Alpha1.Ingest.IngestBase;

namespace ApiSentinel.Collector.Service.Ingest;

/// <summary>
/// One sensor stream (already authenticated by <see cref="SensorAuthentication"/>): Hello first, answered with an Ack
/// of what the store holds for the instance and the SensorConfig; then per batch, in this order —
/// store it (durable when the append completes), hand its calls to the catalog owner (its bounded queue is the
/// back-pressure: the next message is not read before the owner took this one), acknowledge it.
/// A resent batch the store already holds is acknowledged again and not ingested; a gap in the sequence aborts the
/// stream with <c>FAILED_PRECONDITION</c> (the sensor reconnects and resends from its last ack).
/// When the collector is stopping, every open stream ends with <c>UNAVAILABLE</c> at once: Kestrel would otherwise wait
/// its whole shutdown timeout (30 s) for streams that never end by themselves, and the final checkpoint would run out
/// of time. A batch stored but not yet acknowledged is resent by the sensor and acknowledged again as a duplicate.
/// </summary>
public sealed partial class IngestService(
    CatalogState state,
    SensorRegistry sensors,
    SensorConfigs configs,
    BatchCodec codec,
    CollectorTelemetry telemetry,
    IHostApplicationLifetime lifetime,
    ILogger<IngestService> log) : IngestBase
{
    public override async Task Stream(IAsyncStreamReader<SensorMessage> requestStream, IServerStreamWriter<CollectorMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            await StreamAsync(requestStream, responseStream, context, stream.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the collector is shutting down"));
        }
    }

    private async Task StreamAsync(IAsyncStreamReader<SensorMessage> requestStream, IServerStreamWriter<CollectorMessage> responseStream,
        ServerCallContext context, CancellationToken cancel)
    {
        if (!await requestStream.MoveNext(cancel).ConfigureAwait(false))
        {
            return;
        }
        var hello = requestStream.Current.Hello;
        if (hello is null || string.IsNullOrEmpty(hello.SensorId) || string.IsNullOrEmpty(hello.InstanceId))
        {
            throw Refuse(context, RefusalReasons.Protocol, StatusCode.InvalidArgument,
                hello is null ? "the first message must be a Hello" : "Hello needs sensor_id and instance_id");
        }
        if (context.GetHttpContext().Connection.ClientCertificate is { } certificate && !CertificateIdentity.Names(certificate, hello.SensorId))
        {
            // Authenticated by a trusted certificate (SensorAuthentication): the sensor is who it names, nobody else.
            throw Refuse(context, RefusalReasons.Identity, StatusCode.PermissionDenied,
                $"sensor_id '{hello.SensorId}' is neither the client certificate's CN nor one of its DNS names");
        }
        // Streams opened while the catalog is being restored wait for it rather than fail: the sensor keeps its batches either way.
        var owner = await state.Ready.WaitAsync(cancel).ConfigureAwait(false);
        var session = sensors.Open(hello);
        telemetry.SensorConnected(hello.SensorId);
        LogOpened(log, hello.SensorId, hello.InstanceId, context.Peer);
        var ending = "ended by the sensor";
        try
        {
            await responseStream.WriteAsync(new CollectorMessage { Ack = new Ack { Sequence = (ulong)state.Store.LastSequence(session.Key) } }, cancel).ConfigureAwait(false);
            await responseStream.WriteAsync(new CollectorMessage { Config = configs.For(hello) }, cancel).ConfigureAwait(false);
            while (await requestStream.MoveNext(cancel).ConfigureAwait(false))
            {
                var message = requestStream.Current;
                session.Seen();
                switch (message.KindCase)
                {
                    case SensorMessage.KindOneofCase.Batch:
                        var acked = await BatchAsync(owner, session, message.Batch, context, cancel).ConfigureAwait(false);
                        await responseStream.WriteAsync(new CollectorMessage { Ack = new Ack { Sequence = (ulong)acked } }, cancel).ConfigureAwait(false);
                        break;
                    case SensorMessage.KindOneofCase.Status:
                        Status(session, message.Status);
                        break;
                    default:
                        throw Refuse(context, RefusalReasons.Protocol, StatusCode.InvalidArgument, "only the first message may be a Hello");
                }
            }
        }
        catch (RpcException e)
        {
            ending = $"ended with {e.StatusCode}";
            throw;
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            ending = "ended: the collector is stopping";
            throw;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The sensor died or its connection broke. gRPC logs this too, with a stack trace, at Information: that
            // category is filtered to Warning (CollectorApplication) and this is the one line instead.
            ending = "lost: " + e.Message.ReplaceLineEndings(" ");
            throw;
        }
        finally
        {
            sensors.Close(session);
            telemetry.SensorDisconnected(hello.SensorId);
            LogClosed(log, hello.SensorId, hello.InstanceId, ending);
        }
    }

    /// <summary>Stores and ingests one batch; the sequence to acknowledge.</summary>
    private async Task<long> BatchAsync(CatalogOwner owner, SensorSession session, CallBatch batch, ServerCallContext context, CancellationToken cancel)
    {
        if (batch.Sequence is 0 or > long.MaxValue)
        {
            throw Refuse(context, RefusalReasons.Protocol, StatusCode.InvalidArgument, "batch sequence numbers start at 1");
        }
        var sequence = (long)batch.Sequence;
        var calls = codec.Calls(batch, session.Key.SensorId);
        // One instance's batches reach the owner in sequence order, even from two overlapping streams of it (a
        // reconnect while the stale stream still drains): the positions the owner checkpoints must never pass a
        // stored batch it has not ingested.
        await session.IngestGate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            switch (await state.Store.AppendOwnedAsync(session.Key, sequence, BatchCodec.Encode(batch), calls.Count, cancel).ConfigureAwait(false))
            {
                case AppendResult.Appended:
                    // Durable now; were the owner to stop before taking it, recovery replays it from the journal.
                    await owner.IngestAsync(calls, session.Key, sequence, CancellationToken.None).ConfigureAwait(false);
                    session.BatchIngested(calls.Count);
                    telemetry.CallsIngested(session.Key.SensorId, calls.Count);
                    if (calls.Count > 0)
                    {
                        // The batch's newest call: the lag of the batch as a whole, one observation per batch.
                        telemetry.IngestLagOf(calls[^1].TimestampMicros);
                    }
                    return sequence;
                case AppendResult.Duplicate:
                    session.DuplicateBatch();
                    telemetry.BatchDuplicate(session.Key.SensorId);
                    return state.Store.LastSequence(session.Key);
                default:
                    session.OutOfOrderBatch();
                    var last = state.Store.LastSequence(session.Key);
                    throw Refuse(context, RefusalReasons.OutOfOrder, StatusCode.FailedPrecondition,
                        $"batch {sequence} does not follow {last}: resend from {last + 1}");
            }
        }
        finally
        {
            session.IngestGate.Release();
        }
    }

    private void Status(SensorSession session, SensorStatus status)
    {
        foreach (var (name, growth) in session.Status(status))
        {
            if (SensorCounters.DropReason(name) is { } reason)
            {
                telemetry.Dropped(reason, (long)Math.Min(growth, long.MaxValue));
            }
        }
    }

    private RpcException Refuse(ServerCallContext context, string reason, StatusCode code, string message)
    {
        telemetry.StreamRefused(reason);
        LogRefused(log, context.Peer, reason, message);
        return new RpcException(new Status(code, message));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "sensor {SensorId} instance {InstanceId} connected from {Peer}")]
    private static partial void LogOpened(ILogger log, string sensorId, string instanceId, string peer);

    [LoggerMessage(Level = LogLevel.Information, Message = "sensor {SensorId} instance {InstanceId} disconnected, stream {Ending}")]
    private static partial void LogClosed(ILogger log, string sensorId, string instanceId, string ending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "sensor stream from {Peer} refused ({Reason}): {Detail}")]
    private static partial void LogRefused(ILogger log, string peer, string reason, string detail);
}
