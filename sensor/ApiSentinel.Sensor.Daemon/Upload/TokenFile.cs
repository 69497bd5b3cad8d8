using ApiSentinel.Sensor.Daemon.Configuration;

namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>
/// The bearer token, from a file so a Kubernetes Secret can be mounted (and rotated: it is re-read on every
/// reconnect). The token is never logged; messages name the file only.
/// </summary>
internal sealed class TokenFile
{
    private readonly string? _path;
    private string? _token;

    public TokenFile(string? path)
    {
        _path = path;
    }

    /// <summary>Reads the token at start: an unreadable or empty file is a start-up error.</summary>
    public void Load() => _token = _path is null ? null : Read(_path);

    /// <summary>The token for a new connection: re-read; on failure the last good one (the reason is returned).</summary>
    public string? Current(out string? problem)
    {
        problem = null;
        if (_path is null)
        {
            return null;
        }
        try
        {
            _token = Read(_path);
        }
        catch (OptionsException e)
        {
            problem = e.Message;
        }
        return _token;
    }

    private static string Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OptionsException($"--token-file: {path}: cannot read ({e.GetType().Name})", e);
        }
        var token = text.Trim();
        if (token.Length == 0)
        {
            throw new OptionsException($"--token-file: {path}: empty");
        }
        if (token.Any(c => char.IsControl(c) || c == ' '))
        {
            throw new OptionsException($"--token-file: {path}: the token must be one line without spaces");
        }
        return token;
    }
}
