using System.Net;
using ApiSentinel.Ingest.V1Alpha1;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

/// <summary>
/// A real gRPC collector on 127.0.0.1 (Kestrel, h2c) implementing Ingest with controllable behaviour. Like the
/// real one it checks the bearer token, answers the Hello with an Ack, discards duplicates by (instance, sequence)
/// and refuses gaps. Stop and start it on the same port with the same <see cref="CollectorLedger"/> to restart it.
/// </summary>
internal sealed class FakeCollector : IAsyncDisposable
{
    public const string DefaultToken = "test-token-0123456789";

    private readonly WebApplication _app;

    private FakeCollector(WebApplication app, int port, CollectorLedger ledger, FakeCollectorBehaviour behaviour)
    {
        _app = app;
        Port = port;
        Ledger = ledger;
        Behaviour = behaviour;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public CollectorLedger Ledger { get; }

    public FakeCollectorBehaviour Behaviour { get; }

    public static async Task<FakeCollector> StartAsync(int port = 0, CollectorLedger? ledger = null, FakeCollectorBehaviour? behaviour = null)
    {
        ledger ??= new CollectorLedger();
        behaviour ??= new FakeCollectorBehaviour();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new FakeIngestService(ledger, behaviour));
        var app = builder.Build();
        app.MapGrpcService<FakeIngestService>();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeCollector(app, new Uri(address).Port, ledger, behaviour);
    }

    /// <summary>Stops at once: open streams are cut, as when the process dies.</summary>
    public async Task StopAsync()
    {
        using var now = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await _app.StopAsync(now.Token).WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A free loopback port (for a collector started later than the sensor).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class FakeIngestService : Ingest.V1Alpha1.Ingest.IngestBase
    {
        private readonly CollectorLedger _ledger;
        private readonly FakeCollectorBehaviour _behaviour;
        private int _stored;

        public FakeIngestService(CollectorLedger ledger, FakeCollectorBehaviour behaviour)
        {
            _ledger = ledger;
            _behaviour = behaviour;
        }

        public override async Task Stream(IAsyncStreamReader<SensorMessage> requestStream, IServerStreamWriter<CollectorMessage> responseStream,
            ServerCallContext context)
        {
            if (context.RequestHeaders.GetValue("authorization") != $"Bearer {_behaviour.Token}")
            {
                _ledger.AddRefused();
                throw new RpcException(new Status(StatusCode.Unauthenticated, "bad token"));
            }
            if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.KindCase != SensorMessage.KindOneofCase.Hello)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, "hello first"));
            }
            var hello = requestStream.Current.Hello;
            var (connection, contiguous) = _ledger.Open(hello);
            await responseStream.WriteAsync(new CollectorMessage { Ack = new Ack { Sequence = contiguous } });
            await PushConfigs(responseStream);
            int batches = 0;
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                var message = requestStream.Current;
                if (message.KindCase == SensorMessage.KindOneofCase.Status)
                {
                    _ledger.AddStatus(message.Status);
                }
                else if (message.KindCase == SensorMessage.KindOneofCase.Batch)
                {
                    batches++;
                    bool store = _behaviour.StoreLimit is not { } limit || Interlocked.Increment(ref _stored) <= limit;
                    var ack = _ledger.Receive(connection, hello.InstanceId, message.Batch, store);
                    if (ack is null)
                    {
                        throw new RpcException(new Status(StatusCode.FailedPrecondition, "sequence gap"));
                    }
                    if (_behaviour.AbortAfterBatches is { } abortAfter && batches >= abortAfter)
                    {
                        context.GetHttpContext().Abort();
                        return;
                    }
                    if (store)
                    {
                        if (_behaviour.AckDelay > TimeSpan.Zero)
                        {
                            await Task.Delay(_behaviour.AckDelay, context.CancellationToken);
                        }
                        await responseStream.WriteAsync(new CollectorMessage { Ack = new Ack { Sequence = ack.Value } });
                    }
                }
                await PushConfigs(responseStream);
            }
        }

        private async Task PushConfigs(IServerStreamWriter<CollectorMessage> responseStream)
        {
            while (_behaviour.ConfigsToPush.TryDequeue(out var config))
            {
                await responseStream.WriteAsync(new CollectorMessage { Config = config });
            }
        }
    }
}
