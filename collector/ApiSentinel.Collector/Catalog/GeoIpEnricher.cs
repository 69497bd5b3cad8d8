using System.Globalization;
using System.Net;
using MaxMind.Db;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Country and organisation of client addresses from a MaxMind-format (MMDB) database. Records are read
/// generically, so both common layouts work: MaxMind's GeoIP2/GeoLite2 Country, City and ASN databases
/// (<c>country.iso_code</c>, <c>registered_country.iso_code</c>, <c>autonomous_system_organization</c>) and the
/// flat ip-location-db builds (<c>country_code</c>, <c>as_name</c>, <c>as_organization</c>). Cached per address.
/// </summary>
public sealed class GeoIpEnricher : IDisposable
{
    private readonly Reader _reader;
    private readonly Dictionary<string, (string? Country, string? Organisation)> _cache = new(StringComparer.Ordinal);

    private GeoIpEnricher(Reader reader)
    {
        _reader = reader;
    }

    /// <summary>Opens a database; a missing or invalid file is an <see cref="ArgumentException"/> with a clear message.</summary>
    public static GeoIpEnricher Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"{path}: no such GeoIP database");
        }
        try
        {
            return new GeoIpEnricher(new Reader(path));
        }
        catch (Exception e) when (e is InvalidDatabaseException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException($"{path}: not a MaxMind-format database ({e.Message})", e);
        }
    }

    /// <summary>
    /// Which database this is (its type and build time): what an output derived from lookups depends on, so a
    /// writer can tell that a new database changes what it would write.
    /// </summary>
    public string DatabaseIdentity => string.Create(CultureInfo.InvariantCulture, $"{_reader.Metadata.DatabaseType}@{_reader.Metadata.BuildDate:O}");

    public (string? Country, string? Organisation) Lookup(string address)
    {
        if (_cache.TryGetValue(address, out var known))
        {
            return known;
        }
        (string?, string?) result = (null, null);
        if (IPAddress.TryParse(address, out var ip))
        {
            try
            {
                if (_reader.Find<Dictionary<string, object>>(ip) is { } record)
                {
                    result = (Country(record), Organisation(record));
                }
            }
            catch (Exception e) when (e is InvalidDatabaseException or InvalidOperationException or ArgumentException or DeserializationException)
            {
                // A damaged record (or an IPv6 address in an IPv4-only database): no answer for this address.
            }
        }
        if (_cache.Count < 65536)
        {
            _cache[address] = result;
        }
        return result;
    }

    private static string? Country(Dictionary<string, object> record) =>
        Text(record, "country_code")
        ?? Nested(record, "country", "iso_code")
        ?? Nested(record, "registered_country", "iso_code");

    private static string? Organisation(Dictionary<string, object> record) =>
        Text(record, "autonomous_system_organization")
        ?? Text(record, "as_organization")
        ?? Text(record, "as_name")
        ?? (record.TryGetValue("autonomous_system_number", out var n) ? $"AS{n}" : null);

    private static string? Nested(Dictionary<string, object> record, string outer, string inner) =>
        record.TryGetValue(outer, out var value) && value is Dictionary<string, object> nested ? Text(nested, inner) : null;

    private static string? Text(Dictionary<string, object> record, string key) =>
        record.TryGetValue(key, out var value) && value is string text && text.Length > 0 ? text : null;

    public void Dispose() => _reader.Dispose();
}
