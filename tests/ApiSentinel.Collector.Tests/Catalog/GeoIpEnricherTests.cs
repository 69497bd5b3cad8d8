using ApiSentinel.Collector.Catalog;

namespace ApiSentinel.Collector.Tests.Catalog;

/// <summary>
/// Against a real MaxMind-format database (ip-location-db's geo-whois-asn-country, installed by
/// scripts/setup.sh from npm). Lookups only: no traffic is sent anywhere.
/// </summary>
public class GeoIpEnricherTests
{
    private static string Database
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ApiSentinel.sln")))
            {
                dir = dir.Parent;
            }
            return Path.Combine(dir!.FullName, ".tools", "geoip", "node_modules", "@ip-location-db", "geo-whois-asn-country-mmdb", "geo-whois-asn-country.mmdb");
        }
    }

    [Fact]
    public void Countries_of_public_addresses_and_none_for_private_ones()
    {
        using var geo = GeoIpEnricher.Open(Database);
        Assert.Equal("US", geo.Lookup("8.8.8.8").Country);
        Assert.Equal("DE", geo.Lookup("2a01:4f8::1").Country);
        Assert.Null(geo.Lookup("10.1.2.3").Country);
        Assert.Null(geo.Lookup("not an address").Country);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_a_clear_error()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "not a database");
        try
        {
            var e = Assert.Throws<ArgumentException>(() => GeoIpEnricher.Open(path));
            Assert.Contains("not a MaxMind-format database", e.Message, StringComparison.Ordinal);
            Assert.Contains("no such GeoIP database", Assert.Throws<ArgumentException>(() => GeoIpEnricher.Open(path + ".missing")).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
