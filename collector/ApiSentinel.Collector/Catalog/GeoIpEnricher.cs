using System.Net;
using MaxMind.GeoIP2;
using MaxMind.Db;
using MaxMind.GeoIP2.Exceptions;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Country and organisation of client addresses from a MaxMind-format database (GeoLite2/GeoIP2 Country, City or
/// ASN, or compatible ones such as the ip-location-db builds). Which lookups apply follows the database type;
/// a database that knows countries and ASNs both (combined builds) answers both. Results are cached per address.
/// </summary>
public sealed class GeoIpEnricher : IDisposable
{
    private readonly DatabaseReader _reader;
    private readonly string _type;
    private readonly Dictionary<string, (string? Country, string? Organisation)> _cache = new(StringComparer.Ordinal);

    private GeoIpEnricher(DatabaseReader reader)
    {
        _reader = reader;
        _type = reader.Metadata.DatabaseType ?? "";
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
            return new GeoIpEnricher(new DatabaseReader(path));
        }
        catch (Exception e) when (e is InvalidDatabaseException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException($"{path}: not a MaxMind-format database ({e.Message})", e);
        }
    }

    public (string? Country, string? Organisation) Lookup(string address)
    {
        if (_cache.TryGetValue(address, out var known))
        {
            return known;
        }
        var result = (default(string), default(string));
        if (IPAddress.TryParse(address, out var ip))
        {
            result = (Country(ip), Organisation(ip));
        }
        if (_cache.Count < 65536)
        {
            _cache[address] = result;
        }
        return result;
    }

    private string? Country(IPAddress ip)
    {
        try
        {
            if (_type.Contains("City", StringComparison.OrdinalIgnoreCase) && _reader.TryCity(ip, out var city))
            {
                return city?.Country.IsoCode;
            }
            if (_reader.TryCountry(ip, out var country))
            {
                return country?.Country.IsoCode ?? country?.RegisteredCountry.IsoCode;
            }
        }
        catch (Exception e) when (e is GeoIP2Exception or InvalidOperationException or InvalidDatabaseException)
        {
            // A database without country data: no country, not an error.
        }
        return null;
    }

    private string? Organisation(IPAddress ip)
    {
        try
        {
            if (_reader.TryAsn(ip, out var asn) && asn is not null)
            {
                return asn.AutonomousSystemOrganization ?? (asn.AutonomousSystemNumber is { } n ? $"AS{n}" : null);
            }
        }
        catch (Exception e) when (e is GeoIP2Exception or InvalidOperationException or InvalidDatabaseException)
        {
            // A database without ASN data: no organisation.
        }
        return null;
    }

    public void Dispose() => _reader.Dispose();
}
