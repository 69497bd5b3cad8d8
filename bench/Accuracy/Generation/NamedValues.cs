using System.Globalization;
using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>
/// Values for string parameters and fields whose schema says no more than "string": the name decides what a
/// real client would send (a username for <c>owner</c>, a country code for <c>country</c>, a version for
/// <c>version</c>). Generic by design — hints are English words every API uses, never names from one spec.
/// </summary>
/// <remarks>
/// An identifier (<c>id</c>, <c>fooId</c>, <c>key</c>) gets one format per (spec, parameter), as a real API's ids
/// have: numeric, UUID, 24-hex (document stores), prefixed base62 (<c>cus_…</c>), or a word slug. The choice is
/// drawn from the run's random stream the first time the parameter is seen, so it is seeded like everything else.
/// </remarks>
internal sealed class NamedValues(Random random, ValueFactory values)
{
    private static readonly string[] Languages = ["en", "de", "fr", "es", "it", "ja", "pt", "nl", "sv", "pl", "ko", "zh", "en-US", "en-GB", "pt-BR", "fr-CA"];
    private static readonly string[] Countries = ["US", "DE", "FR", "GB", "JP", "BR", "IN", "CA", "AU", "NL", "SE", "ES", "IT", "MX", "KR", "CH"];
    private static readonly string[] Currencies = ["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "SEK", "BRL", "INR"];
    private static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1", "westeurope", "eastus", "uksouth"];
    private static readonly string[] Extensions = ["pdf", "png", "jpg", "csv", "txt", "json", "zip", "mp4", "docx"];

    private readonly Dictionary<string, (IdStyle Style, string Prefix)> _styles = new(StringComparer.Ordinal);

    private enum IdStyle
    {
        Numeric,
        Uuid,
        Hex24,
        Prefixed,
        Slug,
    }

    public string Value(string scope, string name)
    {
        var key = Key(name);
        return Hint(key) switch
        {
            Kind.Uuid => values.Uuid(),
            Kind.User => values.Username(),
            Kind.Org => values.Organisation(),
            Kind.Repo => values.Repository(),
            Kind.Language => values.Pick(Languages),
            Kind.Country => values.Pick(Countries),
            Kind.Currency => values.Pick(Currencies),
            Kind.Region => values.Pick(Regions),
            Kind.Version => random.Next(3) switch
            {
                0 => $"v{random.Next(1, 5)}",
                1 => $"v{random.Next(0, 4)}.{random.Next(0, 20)}.{random.Next(0, 30)}",
                _ => $"{random.Next(0, 4)}.{random.Next(0, 20)}.{random.Next(0, 30)}",
            },
            Kind.Hash => values.Hex(random.Next(2) == 0 ? 40 : 64),
            Kind.Date => values.Date(),
            Kind.Year => random.Next(2015, 2027).ToString(CultureInfo.InvariantCulture),
            Kind.Month => random.Next(1, 13).ToString("D2", CultureInfo.InvariantCulture),
            Kind.Email => Email(),
            Kind.File => $"{values.Slug()}.{values.Pick(Extensions)}",
            Kind.Domain => $"{values.Pick(Vocabulary.Nouns)}{random.Next(1, 99)}.example.{values.Pick(["com", "org", "net", "io"])}",
            Kind.Code => values.Random62(random.Next(4, 9)).ToUpperInvariant(),
            Kind.Name => Word(),
            Kind.Token => values.Random62(32),
            Kind.Number => random.Next(1, 100_000).ToString(CultureInfo.InvariantCulture),
            _ => Identifier(scope + " " + key),
        };
    }

    /// <summary>A body string field: e-mail and URL names get such values, the rest short words and ids.</summary>
    public string Field(string name, JsonObject schema, ValueFactory factory)
    {
        var key = Key(name);
        return Hint(key) switch
        {
            Kind.Email => Email(),
            Kind.Uuid => values.Uuid(),
            Kind.Date => values.Date(),
            _ when key.EndsWith("url", StringComparison.Ordinal) || key.EndsWith("uri", StringComparison.Ordinal) => $"https://{values.Pick(Vocabulary.Nouns)}.example.com/{values.Slug()}",
            Kind.Identifier => Identifier("field " + key),
            _ => random.Next(4) == 0 ? values.Pick(Vocabulary.Sentences) : Word(),
        };
    }

    private string Email()
    {
        values.SensitiveTypes.Add("email");
        return SensitiveValues.Email(random, values.Username());
    }

    // Word-like identifiers in the shapes real paths carry: blog-post-42, john_doe, quiet-otter, lantern.
    private string Word() => random.Next(5) switch
    {
        0 => $"{values.Pick(Vocabulary.Nouns)}-{values.Pick(Vocabulary.Categories)}-{random.Next(1, 500)}",
        1 => $"{values.Pick(Vocabulary.FirstNames)}_{values.Pick(Vocabulary.LastNames)}",
        2 => values.Slug(),
        3 => $"{values.Pick(Vocabulary.Adjectives)}-{values.Pick(Vocabulary.Nouns)}",
        _ => values.Pick(Vocabulary.Nouns) + random.Next(1, 100).ToString(CultureInfo.InvariantCulture),
    };

    private string Identifier(string scope)
    {
        if (!_styles.TryGetValue(scope, out var chosen))
        {
            chosen = ((IdStyle)random.Next(5), values.Pick(Vocabulary.Nouns)[..3]);
            _styles[scope] = chosen;
        }
        return chosen.Style switch
        {
            IdStyle.Numeric => random.NextInt64(1, 5_000_000).ToString(CultureInfo.InvariantCulture),
            IdStyle.Uuid => values.Uuid(),
            IdStyle.Hex24 => values.Hex(24),
            IdStyle.Prefixed => $"{chosen.Prefix}_{values.Random62(14)}",
            _ => Word(),
        };
    }

    private static string Key(string name) =>
        new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private enum Kind
    {
        Identifier,
        Uuid,
        User,
        Org,
        Repo,
        Language,
        Country,
        Currency,
        Region,
        Version,
        Hash,
        Date,
        Year,
        Month,
        Email,
        File,
        Domain,
        Code,
        Name,
        Token,
        Number,
    }

    // Order matters: the most specific word first (userId is an identifier, username a user).
    private static Kind Hint(string key) => key switch
    {
        _ when key.Contains("uuid", StringComparison.Ordinal) || key.Contains("guid", StringComparison.Ordinal) => Kind.Uuid,
        _ when key.Contains("email", StringComparison.Ordinal) => Kind.Email,
        "username" or "user" or "login" or "owner" or "author" or "handle" or "member" or "screenname" => Kind.User,
        "org" or "organization" or "organisation" or "team" or "workspace" or "project" or "namespace" or "tenant" or "account" or "company" => Kind.Org,
        "repo" or "repository" or "package" or "app" or "appname" or "service" => Kind.Repo,
        "lang" or "language" or "locale" or "languagecode" or "hl" => Kind.Language,
        "country" or "countrycode" or "market" => Kind.Country,
        "currency" or "currencycode" or "base" or "symbol" => Kind.Currency,
        "region" or "zone" or "location" or "datacenter" => Kind.Region,
        _ when key.EndsWith("version", StringComparison.Ordinal) || key == "ver" || key == "release" || key == "tag" => Kind.Version,
        _ when key is "sha" or "hash" or "digest" or "commit" or "commitsha" or "etag" || key.EndsWith("hash", StringComparison.Ordinal) => Kind.Hash,
        _ when key.EndsWith("date", StringComparison.Ordinal) || key == "day" || key == "since" || key == "until" => Kind.Date,
        "year" => Kind.Year,
        "month" => Kind.Month,
        _ when key is "file" or "filename" or "path" or "filepath" or "object" or "objectkey" || key.EndsWith("filename", StringComparison.Ordinal) => Kind.File,
        _ when key is "domain" or "host" or "hostname" or "domainname" || key.EndsWith("domain", StringComparison.Ordinal) => Kind.Domain,
        _ when key.EndsWith("code", StringComparison.Ordinal) => Kind.Code,
        _ when key is "name" or "slug" or "title" || key.EndsWith("name", StringComparison.Ordinal) || key.EndsWith("slug", StringComparison.Ordinal) => Kind.Name,
        _ when key.EndsWith("token", StringComparison.Ordinal) || key.EndsWith("secret", StringComparison.Ordinal) => Kind.Token,
        _ when key is "number" or "num" or "page" or "limit" or "offset" or "count" or "size" || key.EndsWith("number", StringComparison.Ordinal) => Kind.Number,
        _ => Kind.Identifier,
    };
}
