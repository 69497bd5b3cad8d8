using System.Text;
using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction;

public class QueryParametersTests
{
    private static List<(string Name, string? Value)> Pairs(string target)
    {
        var bytes = Encoding.ASCII.GetBytes(target);
        var query = new QueryParameters(QueryParameters.OfTarget(bytes));
        var list = new List<(string, string?)>();
        while (query.MoveNext())
        {
            list.Add((Encoding.ASCII.GetString(query.Name), query.HasValue ? Encoding.ASCII.GetString(query.Value) : null));
        }
        return list;
    }

    [Fact]
    public void Splits_pairs_on_ampersand_and_semicolon_skipping_empty_ones()
    {
        Assert.Equal([("a", "1"), ("b", ""), ("flag", null), ("c", "x=y")], Pairs("/p?a=1&&b=;flag&c=x=y#frag"));
    }

    [Fact]
    public void No_query_means_no_pairs()
    {
        Assert.Empty(Pairs("/just/a/path"));
        Assert.Empty(Pairs("/p?"));
    }

    [Theory]
    [InlineData("a%20b+c", true, "a b c")]
    [InlineData("a%20b+c", false, "a b+c")]
    [InlineData("100%", true, "100%")]        // invalid escape kept literally
    [InlineData("%zz%4", true, "%zz%4")]
    [InlineData("caf%C3%A9", true, "café")]
    public void Percent_decoding_is_lenient(string encoded, bool plusIsSpace, string expected)
    {
        Assert.Equal(expected, PercentDecoding.DecodeToString(Encoding.ASCII.GetBytes(encoded), plusIsSpace));
    }
}
