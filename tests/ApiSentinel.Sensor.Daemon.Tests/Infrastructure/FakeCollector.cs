using System.Net;
using System.Security.Cryptography.X509Certificates;
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

    private readonly bool _tls;

    private FakeCollector(WebApplication app, int port, CollectorLedger ledger, FakeCollectorBehaviour behaviour, bool tls)
    {
        _app = app;
        _tls = tls;
        Port = port;
        Ledger = ledger;
        Behaviour = behaviour;
    }

    public int Port { get; }

    public Uri Address => new($"{(_tls ? "https" : "http")}://127.0.0.1:{Port}");

    public CollectorLedger Ledger { get; }

    public FakeCollectorBehaviour Behaviour { get; }

    /// <param name="port">0: a free port.</param>
    /// <param name="ledger">Shared with an earlier instance to model a restart.</param>
    /// <param name="behaviour">What it does.</param>
    /// <param name="tls">Serve TLS with this certificate; null: h2c.</param>
    /// <param name="requireClientCertificateFrom">mTLS: a client certificate issued by this CA is required.</param>
    public static async Task<FakeCollector> StartAsync(int port = 0, CollectorLedger? ledger = null, FakeCollectorBehaviour? behaviour = null,
        X509Certificate2? tls = null, X509Certificate2? requireClientCertificateFrom = null)
    {
        ledger ??= new CollectorLedger();
        behaviour ??= new FakeCollectorBehaviour();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o =>
        {
            o.Protocols = HttpProtocols.Http2;
            if (tls is not null)
            {
                o.UseHttps(https =>
                {
                    https.ServerCertificate = tls;
                    if (requireClientCertificateFrom is { } ca)
                    {
                        https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate;
                        https.ClientCertificateValidation = (certificate, _, _) => TestCertificates.IssuedBy(certificate, ca);
                    }
                });
            }
        }));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new FakeIngestService(ledger, behaviour));
        var app = builder.Build();
        app.MapGrpcService<FakeIngestService>();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeCollector(app, new Uri(address).Port, ledger, behaviour, tls is not null);
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
            if (_behaviour.FailAfterHello)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "failing after the hello"));
            }
            await PushConfigs(responseStream);
            int batches = 0;
            ulong? deferredAck = null;
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
                    if (_behaviour.RefuseBatches)
                    {
                        throw new RpcException(new Status(StatusCode.FailedPrecondition, "batch refused"));
                    }
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
                    if (store && _behaviour.AckOnlyAtEnd)
                    {
                        deferredAck = ack.Value;
                    }
                    else if (store)
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
            if (deferredAck is { } last)
            {
                await responseStream.WriteAsync(new CollectorMessage { Ack = new Ack { Sequence = last } });
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
