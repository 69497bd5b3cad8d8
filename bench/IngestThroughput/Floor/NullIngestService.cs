using ApiSentinel.Ingest;
using ApiSentinel.Ingest.Interning;
using ApiSentinel.Ingest.V1Alpha1;
using Grpc.Core;

namespace ApiSentinel.Bench.IngestThroughput.Floor;

/// <summary>
/// The ingest service with everything after the decode taken out: it checks the bearer token, answers the Hello,
/// maps every call with <see cref="CallMapping.FromWire(Call, string, WireInterner)"/> (as the collector must) and
/// acknowledges each batch at once — no catalog, no storage. What it sustains is the most any collector on this
/// machine can, the floor under the real one's cost.
/// </summary>
internal sealed class NullIngestService(NullCollectorSettings settings) : Ingest.V1Alpha1.Ingest.IngestBase
{
    public override async Task Stream(IAsyncStreamReader<SensorMessage> requestStream, IServerStreamWriter<CollectorMessage> responseStream, ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue("authorization") != "Bearer " + settings.Token)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "bad token"));
        }
        string? sensor = null;
        long calls = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var message = requestStream.Current;
            switch (message.KindCase)
            {
                case SensorMessage.KindOneofCase.Hello:
                    sensor = message.Hello.SensorId;
                    await responseStream.WriteAsync(new CollectorMessage { Ack = new Ack { Sequence = 0 } });
                    break;
                case SensorMessage.KindOneofCase.Batch when sensor is not null:
                    foreach (var wire in message.Batch.Calls)
                    {
                        var call = CallMapping.FromWire(wire, sensor, settings.Names);
                        calls += call.Path.Length > 0 ? 1 : 0;
                    }
                    await responseStream.WriteAsync(new CollectorMessage { Ack = new Ack { Sequence = message.Batch.Sequence } });
                    break;
                default:
                    throw new RpcException(new Status(StatusCode.InvalidArgument, "Hello first"));
            }
        }
        settings.Count(calls);
    }
}
