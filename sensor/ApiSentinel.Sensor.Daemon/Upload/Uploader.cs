using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Daemon.Configuration;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>
/// Streams queued calls to the collector: one bidirectional stream at a time, Hello first, then numbered batches
/// (by size, or by time once the first call of a batch has waited <see cref="DaemonSettings.BatchInterval"/>) and a
/// SensorStatus every <see cref="DaemonSettings.StatusInterval"/>. Numbered batches stay in the
/// <see cref="InFlightWindow"/> until acknowledged and are resent, in order, after every reconnect; while the window
/// is full nothing more is taken from the queue, which then absorbs (and drops oldest of) unnumbered calls.
/// Reconnects back off exponentially with full jitter.
/// </summary>
internal sealed class Uploader
{
    /// <summary>
    /// A stream that stayed up this long resets the backoff even without an ack advancing the window (an idle live
    /// sensor has nothing to acknowledge). Shorter-lived streams — a collector that answers the Hello and then fails
    /// each stream — keep backing off.
    /// </summary>
    internal static readonly TimeSpan StableStream = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long after the collector's first answer a replay still waits for a SensorConfig: the collector writes its
    /// config right behind the Hello's ack (IngestService), so one that has not come by then is not coming.
    /// </summary>
    internal static readonly TimeSpan ConfigurationGrace = TimeSpan.FromSeconds(1);

    /// <summary>How long a failed stream's reader may finish reading what the collector already sent.</summary>
    private static readonly TimeSpan ReaderGrace = TimeSpan.FromSeconds(1);

    private readonly DaemonSettings _settings;
    private Hello _hello;
    private readonly CallQueue _queue;
    private readonly AsyncSignal _signal;
    private readonly UploadCounters _counters;
    private readonly TokenFile _token;
    private readonly Ingest.V1Alpha1.Ingest.IngestClient _client;
    private readonly ISensorConfigHandler _config;
    private readonly Func<SensorStatus> _status;
    private readonly TimeProvider _time;
    private readonly ReconnectBackoff _backoff;
    private readonly ILogger _logger;
    private readonly InFlightWindow _window;
    private readonly Lock _windowLock = new();
    private long _latestAck;
    private long _helloAck = -1;
    private long _lastProgressTicks;
    private volatile bool _flushing;
    private volatile bool _connected;
    private volatile bool _connectedOnce;
    private volatile bool _productive;
    private volatile bool _windowAdvanced;
    private long _firstAnswerTicks = -1;
    private volatile bool _configured;
    private StatusCode? _endStatus;
    private ulong _refusedSequence;
    private bool _refusalLogged;
    private TaskCompletionSource? _close;

    public Uploader(DaemonSettings settings, Hello hello, CallQueue queue, AsyncSignal signal, UploadCounters counters,
        TokenFile token, Ingest.V1Alpha1.Ingest.IngestClient client, ISensorConfigHandler config, Func<SensorStatus> status,
        TimeProvider time, Random random, ILogger logger)
    {
        _settings = settings;
        _hello = hello;
        _queue = queue;
        _signal = signal;
        _counters = counters;
        _token = token;
        _client = client;
        _config = config;
        _status = status;
        _time = time;
        _logger = logger;
        _backoff = new ReconnectBackoff(settings.ReconnectInitial, settings.ReconnectMax, random);
        _window = new InFlightWindow(settings.MaxInFlightBatches);
        _lastProgressTicks = time.GetUtcNow().UtcTicks;
    }

    /// <summary>A stream is up and the collector has answered on it.</summary>
    public bool Connected => _connected;

    /// <summary>The collector answered at least once since start (readiness).</summary>
    public bool ConnectedOnce => _connectedOnce;

    public int InFlightBatches
    {
        get
        {
            lock (_windowLock)
            {
                return _window.Count;
            }
        }
    }

    /// <summary>Calls queued or sent and not yet acknowledged.</summary>
    public long Outstanding
    {
        get
        {
            lock (_windowLock)
            {
                return _queue.Count + _window.Calls;
            }
        }
    }

    /// <summary>Runs until <paramref name="stop"/>: connect, stream, and on any failure back off and reconnect.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && Volatile.Read(ref _close) is null)
        {
            _productive = false;
            _windowAdvanced = false;
            _endStatus = null;
            var streamStarted = _time.GetUtcNow();
            Interlocked.Exchange(ref _helloAck, -1);
            ulong acknowledgedAtConnect;
            lock (_windowLock)
            {
                acknowledgedAtConnect = _window.Acknowledged;
            }
            string reason = await RunConnectionAsync(stop).ConfigureAwait(false);
            _connected = false;
            RestartSequenceIfTheCollectorForgot(acknowledgedAtConnect);
            NoteRefusal();
            if (stop.IsCancellationRequested || Volatile.Read(ref _close) is not null)
            {
                break;
            }
            // Any collector message (the Hello's ack) is not enough: only acknowledged batches or a stream that lasted.
            if (_windowAdvanced || (_productive && _time.GetUtcNow() - streamStarted >= StableStream))
            {
                _backoff.Reset();
            }
            var delay = _backoff.NextDelay();
            UploadLog.Disconnected(_logger, reason, _counters.Reconnects + 1, (long)delay.TotalMilliseconds);
            _counters.AddReconnect(); // after the line, so a reader of the counter finds the line written
            try
            {
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>From now on partial batches go out at once (end of replay, shutdown).</summary>
    public void BeginFlush()
    {
        _flushing = true;
        _signal.Set();
    }

    /// <summary>
    /// Ends the stream politely (a last SensorStatus, so the collector shows the final counters, then end of stream
    /// and the collector's answer), waiting at most <paramref name="timeout"/>; no reconnect after it.
    /// </summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        var close = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _close, close);
        if (!_connected)
        {
            return;
        }
        _signal.Set();
        try
        {
            await close.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The stream is cancelled by the caller next.
        }
    }

    /// <summary>
    /// Waits until every call produced so far is acknowledged (true), or until calls are outstanding and no ack has
    /// advanced for <paramref name="ackTimeout"/> (false).
    /// </summary>
    public async Task<bool> WaitDrainedAsync(TimeSpan ackTimeout, CancellationToken cancellationToken)
    {
        BeginFlush();
        long waitStarted = _time.GetUtcNow().UtcTicks;
        while (true)
        {
            if (Outstanding == 0)
            {
                return true;
            }
            long since = Math.Max(waitStarted, Interlocked.Read(ref _lastProgressTicks));
            if (_time.GetUtcNow().UtcTicks - since >= ackTimeout.Ticks)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits for the collector's first SensorConfig (true), or until it answered without one for
    /// <see cref="ConfigurationGrace"/>, or <paramref name="bound"/> passed (false). A replay starts capture only then,
    /// so which calls its catalog gets does not depend on how fast the file is read.
    /// </summary>
    public async Task<bool> WaitFirstConfigurationAsync(TimeSpan bound, CancellationToken cancellationToken)
    {
        long started = _time.GetUtcNow().UtcTicks;
        while (!_configured)
        {
            long now = _time.GetUtcNow().UtcTicks;
            long answered = Interlocked.Read(ref _firstAnswerTicks);
            if ((answered >= 0 && now - answered >= ConfigurationGrace.Ticks) || now - started >= bound.Ticks)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>
    /// Completes when calls have been outstanding with no ack advancing for <paramref name="ackTimeout"/> (the
    /// replay's watchdog while capture still runs: a producer waiting on a full queue would otherwise wait forever
    /// for a collector that never acknowledges). Time with nothing outstanding does not count.
    /// </summary>
    public async Task WaitStalledAsync(TimeSpan ackTimeout, CancellationToken cancellationToken)
    {
        long idleSince = _time.GetUtcNow().UtcTicks;
        while (true)
        {
            long now = _time.GetUtcNow().UtcTicks;
            if (Outstanding == 0)
            {
                idleSince = now;
            }
            if (now - Math.Max(idleSince, Interlocked.Read(ref _lastProgressTicks)) >= ackTimeout.Ticks)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes the queue: a producer waiting on it returns, and what it and later ones offer is counted as shutdown
    /// drops. For giving up on the collector while capture runs.
    /// </summary>
    public void ReleaseProducers() => _queue.Close();

    private async Task<string> RunConnectionAsync(CancellationToken stop)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var headers = new Metadata();
        if (_token.Current(out var problem) is { } token)
        {
            headers.Add("authorization", $"Bearer {token}");
        }
        if (problem is not null)
        {
            UploadLog.TokenProblem(_logger, problem);
        }
        Task? reader = null;
        try
        {
            using var call = _client.Stream(headers, cancellationToken: connection.Token);
            reader = ReadAsync(call.ResponseStream, connection.Token);
            await call.RequestStream.WriteAsync(new SensorMessage { Hello = _hello }, connection.Token).ConfigureAwait(false);
            List<HeldBatch> resend;
            lock (_windowLock)
            {
                resend = _window.Unacknowledged();
            }
            UploadLog.Connected(_logger, _settings.Collector, _hello.InstanceId, resend.Count);
            foreach (var held in resend)
            {
                var batch = held.Decode();
                await call.RequestStream.WriteAsync(new SensorMessage { Batch = batch }, connection.Token).ConfigureAwait(false);
                _counters.AddResent(batch.Calls.Count);
            }
            if (await SendLoopAsync(call.RequestStream, reader, connection.Token).ConfigureAwait(false) is { } close)
            {
                await call.RequestStream.WriteAsync(new SensorMessage { Status = _status() }, connection.Token).ConfigureAwait(false);
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
                await reader.ConfigureAwait(false);
                close.TrySetResult();
                return "closed";
            }
            return "the collector closed the stream";
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return "stopping";
        }
#pragma warning disable CA1031 // The upload loop must outlive anything one stream does: every failure ends the stream, then it reconnects.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // A failed write only says "the call is over"; the reader holds the collector's actual status.
            var status = reader is { IsFaulted: true } ? reader.Exception?.InnerException as RpcException : null;
            return EndReason(status ?? e as RpcException, e);
        }
        finally
        {
            if (reader is { IsCompleted: false } && !stop.IsCancellationRequested)
            {
                // A write can fail before the reader has read what the collector sent first (the Hello's ack, acks,
                // then its status): cancelling at once would lose them, and a lost Hello ack hides a collector
                // that forgot its state (the next stream would be refused the same way).
                using var grace = new CancellationTokenSource();
                await Task.WhenAny(reader, Task.Delay(ReaderGrace, _time, grace.Token)).ConfigureAwait(false);
                await grace.CancelAsync().ConfigureAwait(false);
            }
            await connection.CancelAsync().ConfigureAwait(false);
            if (reader is not null)
            {
                await reader.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                    .ConfigureAwait(false);
            }
            // Whatever way the stream ended (closed, failed, cancelled), acks read before its end are durable.
            ApplyAcks();
        }
    }

    /// <summary>
    /// A collector that ends every stream with an error on the same batch (a batch it cannot take) makes the sensor
    /// resend it forever: the first repeat is logged once, every repeat counted. Unavailable, unauthenticated and
    /// cancelled streams are the network's or the token's doing, not a refusal of the batch.
    /// </summary>
    private void NoteRefusal()
    {
        ulong? oldest;
        lock (_windowLock)
        {
            oldest = _window.Oldest;
        }
        if (_endStatus is not { } status || _windowAdvanced || oldest is not { } sequence ||
            status is StatusCode.Unavailable or StatusCode.Unauthenticated or StatusCode.Cancelled or StatusCode.DeadlineExceeded)
        {
            return;
        }
        if (sequence != _refusedSequence)
        {
            _refusedSequence = sequence;
            _refusalLogged = false;
            return;
        }
        _counters.AddRepeatedRefusal();
        if (!_refusalLogged)
        {
            _refusalLogged = true;
            UploadLog.RefusedAgain(_logger, sequence, status);
        }
    }

    /// <summary>Why a stream ended, for the log line; an UNAUTHENTICATED refusal is also logged as such and counted.</summary>
    private string EndReason(RpcException? rpc, Exception e)
    {
        _endStatus = rpc?.StatusCode;
        if (rpc?.StatusCode == StatusCode.Unauthenticated)
        {
            _counters.AddAuthenticationFailure();
            UploadLog.Unauthenticated(_logger);
            return "UNAUTHENTICATED";
        }
        // The status detail is the collector's or the transport's text (never call content); first line only.
        return rpc is not null ? $"{rpc.StatusCode}: {FirstLine(rpc.Status.Detail)}" : $"{e.GetType().Name}: {FirstLine(e.Message)}";
    }

    private static string FirstLine(string text)
    {
        int newline = text.IndexOfAny(['\r', '\n']);
        return newline < 0 ? text : text[..newline];
    }

    private async Task ReadAsync(IAsyncStreamReader<CollectorMessage> responses, CancellationToken cancellationToken)
    {
        while (await responses.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var message = responses.Current;
            if (!_productive)
            {
                _productive = true;
                _connected = true;
                _connectedOnce = true;
                Interlocked.CompareExchange(ref _firstAnswerTicks, _time.GetUtcNow().UtcTicks, -1);
                if (message.KindCase == CollectorMessage.KindOneofCase.Ack)
                {
                    Interlocked.Exchange(ref _helloAck, (long)Math.Min(message.Ack.Sequence, long.MaxValue));
                }
            }
            switch (message.KindCase)
            {
                case CollectorMessage.KindOneofCase.Ack:
                    long sequence = (long)Math.Min(message.Ack.Sequence, long.MaxValue);
                    long seen;
                    while ((seen = Interlocked.Read(ref _latestAck)) < sequence &&
                           Interlocked.CompareExchange(ref _latestAck, sequence, seen) != seen)
                    {
                    }
                    _signal.Set();
                    break;
                case CollectorMessage.KindOneofCase.Config:
                    _counters.AddConfigurationReceived();
                    _config.Apply(message.Config);
                    _configured = true;
                    break;
            }
        }
    }

    /// <returns>The close request, when <see cref="CloseAsync"/> ended the loop; null when the collector did.</returns>
    private async Task<TaskCompletionSource?> SendLoopAsync(IClientStreamWriter<SensorMessage> requests, Task reader, CancellationToken cancellationToken)
    {
        var pending = new List<Call>(_settings.BatchSize);
        var pendingEncoded = new List<byte[]>(_settings.BatchSize);
        DateTimeOffset? batchDeadline = null;
        var nextStatus = _time.GetUtcNow() + _settings.StatusInterval;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _signal.Reset();
            ApplyAcks(); // before the end check: acks that came just before the stream ended still count
            if (reader.IsCompleted)
            {
                await reader.ConfigureAwait(false); // rethrows the collector's status
                return null;
            }
            if (Volatile.Read(ref _close) is { } close)
            {
                return close;
            }
            var now = _time.GetUtcNow();
            if (now >= nextStatus)
            {
                nextStatus = now + _settings.StatusInterval;
                await requests.WriteAsync(new SensorMessage { Status = _status() }, cancellationToken).ConfigureAwait(false);
            }

            CallBatch? batch = null;
            bool windowFull;
            int queued;
            lock (_windowLock)
            {
                windowFull = _window.IsFull;
                queued = _queue.Count;
                if (!windowFull && queued > 0 &&
                    (queued >= _settings.BatchSize || _flushing || (batchDeadline is { } due && now >= due)))
                {
                    pending.Clear();
                    pendingEncoded.Clear();
                    _queue.TakeUpTo(_settings.BatchSize, pending, pendingEncoded, DaemonSettings.MaxBatchBytes);
                    batch = _window.Number(pending, pendingEncoded);
                }
            }
            if (batch is not null)
            {
                batchDeadline = null;
                await requests.WriteAsync(new SensorMessage { Batch = batch }, cancellationToken).ConfigureAwait(false);
                _counters.AddSent(batch.Calls.Count);
                _counters.AddBatchSent();
                continue;
            }

            if (queued == 0)
            {
                batchDeadline = null;
            }
            else if (batchDeadline is null && !windowFull)
            {
                batchDeadline = now + _settings.BatchInterval;
            }
            int threshold = windowFull ? int.MaxValue : queued == 0 ? 1 : _settings.BatchSize;
            _queue.WakeThreshold = threshold;
            if (!windowFull && _queue.Count >= threshold)
            {
                continue; // filled up while the threshold was being moved
            }
            var until = batchDeadline is { } deadline && deadline < nextStatus ? deadline : nextStatus;
            await WaitAsync(until - now, reader, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The collector answers the Hello with what it holds for this instance; less than it once acknowledged means its
    /// state was wiped (an emptyDir after a restart). Resending cannot fill the hole — those batches are released —
    /// and it would refuse the gap forever, so the rest continues as a new instance (counted, logged).
    /// </summary>
    /// <param name="acknowledgedAtConnect">What was acknowledged when the Hello went out (acks on the stream since
    /// then are the collector's own progress, not a comparison point).</param>
    private void RestartSequenceIfTheCollectorForgot(ulong acknowledgedAtConnect)
    {
        long holds = Interlocked.Read(ref _helloAck);
        lock (_windowLock)
        {
            if (holds < 0 || (ulong)holds >= acknowledgedAtConnect)
            {
                return;
            }
            ulong acknowledged = acknowledgedAtConnect;
            _window.RestartSequence();
            Interlocked.Exchange(ref _latestAck, 0);
            _hello = _hello.Clone();
            _hello.InstanceId = Guid.NewGuid().ToString("N");
            _counters.AddSequenceRestart();
            UploadLog.SequenceRestarted(_logger, (ulong)holds, acknowledged, _window.Count, _hello.InstanceId);
        }
    }

    private void ApplyAcks()
    {
        ulong ack = (ulong)Interlocked.Read(ref _latestAck);
        int released;
        lock (_windowLock)
        {
            released = _window.Acknowledge(ack);
        }
        if (released > 0)
        {
            _windowAdvanced = true;
            _counters.AddAcknowledged(released);
            Interlocked.Exchange(ref _lastProgressTicks, _time.GetUtcNow().UtcTicks);
        }
    }

    private async Task WaitAsync(TimeSpan delay, Task reader, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var elapsed = Task.Delay(delay, _time, timer.Token);
        await Task.WhenAny(_signal.WaitAsync(), elapsed, reader).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>After the run: what was never acknowledged is lost; count it.</summary>
    public long DropUnacknowledged()
    {
        ApplyAcks(); // an ack read after the last send loop pass is not a loss
        long dropped;
        lock (_windowLock)
        {
            dropped = _queue.Close() + _window.Calls;
        }
        if (dropped > 0)
        {
            _counters.AddDropped(DropReasons.Shutdown, dropped);
        }
        return dropped;
    }
}
