using System.Security.Cryptography;
using System.Text;
using ApiSentinel.Collector.Service.Configuration;

namespace ApiSentinel.Collector.Service.Ingest;

/// <summary>
/// The sensors' bearer token, from a file (a mounted Kubernetes Secret). Only its SHA-256 is kept, and a presented
/// token is compared by hash in constant time (<see cref="CryptographicOperations.FixedTimeEquals"/> over two
/// fixed-length hashes: neither the token's length nor its first differing byte shows in the timing).
/// <para>
/// The file is re-read when a stream authenticates and the last read is older than <see cref="RecheckAfter"/>:
/// a Secret rotation swaps the file behind a symlink, which file watchers miss; a stat-free re-read at most once a
/// second costs nothing next to a TLS or HTTP/2 handshake. A file that becomes unreadable or empty keeps the last
/// good token (one log line), so a rotation in progress never locks every sensor out.
/// </para>
/// </summary>
public sealed partial class SensorToken
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(1);

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private byte[] _hash;
    private long _readAt;

    /// <summary>Reads the token now; <see cref="StartupException"/> when the file is unreadable or empty.</summary>
    public SensorToken(string path, TimeProvider time, ILogger<SensorToken> log)
    {
        _path = path;
        _time = time;
        _log = log;
        try
        {
            _hash = Read(path) ?? throw new StartupException($"--token-file {path} is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"--token-file {path} cannot be read: {e.Message}", e);
        }
        _readAt = time.GetTimestamp();
    }

    /// <summary>Whether <paramref name="presented"/> is the current token (null or empty never is).</summary>
    public bool Matches(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }
        var expected = Current();
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private byte[] Current()
    {
        lock (_gate)
        {
            if (_time.GetElapsedTime(_readAt) < RecheckAfter)
            {
                return _hash;
            }
            _readAt = _time.GetTimestamp();
            try
            {
                if (Read(_path) is { } hash)
                {
                    _hash = hash;
                }
                else
                {
                    LogUnusable(_log, _path, "the file is empty");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogUnusable(_log, _path, e.Message);
            }
            return _hash;
        }
    }

    private static byte[]? Read(string path)
    {
        // Trimmed: `echo token > file` and Secrets written by tools end with a newline that is no part of the token.
        var token = File.ReadAllText(path).Trim();
        return token.Length == 0 ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "token file {Path} unusable, keeping the previous token: {Reason}")]
    private static partial void LogUnusable(ILogger log, string path, string reason);
}
