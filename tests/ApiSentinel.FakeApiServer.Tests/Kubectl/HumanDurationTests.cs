using ApiSentinel.FakeApiServer.Tables;

namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-5, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(200, "3m20s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 - 1, "179m")]
    [InlineData(3 * 3600 + 5 * 60, "3h5m")]
    [InlineData(5 * 3600, "5h")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(4 * 86400 + 3 * 3600, "4d3h")]
    [InlineData(9 * 86400, "9d")]
    [InlineData(2 * 365 * 86400 + 10 * 86400, "2y10d")]
    [InlineData(9 * 365 * 86400, "9y")]
    public void Format_writes_ages_as_the_real_server_does(long seconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
    }
}
